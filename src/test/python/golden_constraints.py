"""Golden values of Keras 3 weight constraints for kiln.nn.constraints.ConstraintsTest.

    KERAS_BACKEND=jax kerasenv/bin/python src/test/python/golden_constraints.py

Writes src/test/resources/golden/constraints.json:
  cases:       a constraint (class name + get_config()), a random float32 weight and the projected
               weight Keras returns.
  identifiers: keras.constraints.get(name) -> class name and get_config().
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras.src.constraints import ALL_OBJECTS_DICT  # noqa: E402

rng = np.random.RandomState(7)


def arr(x):
    x = np.asarray(x, dtype="float32")
    return {"shape": list(x.shape), "data": x.reshape(-1).tolist()}


def weight(*shape, scale=1.5):
    w = (rng.randn(*shape) * scale).astype("float32")
    if len(shape) == 2:
        w[:, 0] = 0.0                # an all-zero column: norm 0, stays 0
        w[:, -1] *= 0.05             # a small column: inside every bound
    return w


cases = []
for cid, c, w in [
    ("max_norm_default", keras.constraints.MaxNorm(), weight(5, 4)),
    ("max_norm_axis1", keras.constraints.MaxNorm(max_value=1.5, axis=1), weight(5, 4)),
    ("max_norm_axis_neg1", keras.constraints.MaxNorm(max_value=0.5, axis=-1), weight(3, 4, 2)),
    ("max_norm_conv", keras.constraints.MaxNorm(max_value=3.0, axis=[0, 1, 2]), weight(2, 2, 3, 4)),
    ("max_norm_axis_list1", keras.constraints.MaxNorm(max_value=1, axis=[1]), weight(6, 3)),
    ("min_max_norm_default", keras.constraints.MinMaxNorm(), weight(5, 4)),
    ("min_max_norm_rate", keras.constraints.MinMaxNorm(min_value=0.5, max_value=1.5, rate=0.5, axis=0), weight(6, 5, scale=0.6)),
    ("min_max_norm_axis1", keras.constraints.MinMaxNorm(min_value=1.0, max_value=2.0, rate=0.25, axis=1), weight(4, 6)),
    ("min_max_norm_axes", keras.constraints.MinMaxNorm(min_value=0.2, max_value=0.9, axis=[0, 2]), weight(3, 4, 2)),
    ("non_neg", keras.constraints.NonNeg(), weight(5, 4)),
    ("non_neg_3d", keras.constraints.NonNeg(), weight(2, 3, 4)),
    ("unit_norm_default", keras.constraints.UnitNorm(), weight(5, 4)),
    ("unit_norm_axis1", keras.constraints.UnitNorm(axis=1), weight(5, 4)),
    ("unit_norm_axes", keras.constraints.UnitNorm(axis=[0, 1, 2]), weight(2, 2, 3, 4)),
    ("unit_norm_1d", keras.constraints.UnitNorm(axis=0), weight(7)),
]:
    out = np.asarray(c(w))
    cases.append({"id": cid, "class_name": type(c).__name__, "config": c.get_config(), "w": arr(w), "out": arr(out)})

ids = {}
for name in sorted(ALL_OBJECTS_DICT):
    obj = keras.constraints.get(name)
    ids[name] = {"class_name": type(obj).__name__, "config": obj.get_config()}

path = os.path.join("src", "test", "resources", "golden", "constraints.json")
with open(path, "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases, "identifiers": ids}, f, indent=None,
              separators=(",", ":"))
print("wrote", path, len(cases), "cases,", len(ids), "identifiers")
