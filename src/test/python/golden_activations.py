"""Golden values of Keras 3 activations for kiln.nn.activations tests (ActivationsGoldenTest).

    KERAS_BACKEND=jax kerasenv/bin/python src/test/python/golden_activations.py

Writes src/test/resources/golden/activations.json:
  cases:       an activation (identifier + keyword arguments), its input (flat data with shape, float32)
               and keras.activations.<name>(x, **kwargs) computed by the JAX backend in float32.
  identifiers: every string keras.activations.get accepts, with the name keras.activations.serialize
               gives back (the string a layer config stores), e.g. "swish" -> "silu".
  layer_configs: Dense(activation=id).get_config()["activation"] for a few ids.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import activations as A  # noqa: E402
from keras.src.activations import ALL_OBJECTS_DICT  # noqa: E402


def arr(x):
    x = np.asarray(x, dtype="float32")
    return {"shape": list(x.shape), "dtype": "float32", "data": [float(v) for v in x.reshape(-1)]}


# Negatives, zeros, kinks' neighbourhoods (±3 for hard_sigmoid, 6 for relu6) and large magnitudes.
X = np.array([[-30.0, -20.0, -6.5, -3.5, -3.0, -2.0],
              [-1.0, -0.5, -0.1, 0.0, 0.1, 0.5],
              [1.0, 2.0, 3.0, 3.5, 6.0, 7.5],
              [20.0, 30.0, 88.0, -88.0, 1e-4, -1e-4]], dtype="float32")
X3 = np.linspace(-4, 5, 24, dtype="float32").reshape(2, 3, 4)
X1 = np.array([0.5, -1.0, 2.0, 0.0], dtype="float32")

CASES = [
    ("relu", {}), ("relu", {"negative_slope": 0.1}), ("relu", {"max_value": 6.0}),
    ("relu", {"max_value": 4.0}), ("relu", {"threshold": 1.0}), ("relu", {"threshold": -1.0}),
    ("relu", {"negative_slope": 0.2, "max_value": 5.0}),
    ("relu", {"negative_slope": 0.3, "threshold": 2.0}),
    ("relu", {"negative_slope": 0.5, "max_value": 6.0, "threshold": 1.5}),
    ("relu", {"threshold": 1.0, "max_value": 3.0}),
    ("relu6", {}), ("leaky_relu", {}), ("leaky_relu", {"negative_slope": 0.01}),
    ("elu", {}), ("elu", {"alpha": 0.5}), ("selu", {}), ("softplus", {}), ("softsign", {}),
    ("sigmoid", {}), ("hard_sigmoid", {}), ("hard_silu", {}), ("hard_swish", {}), ("silu", {}),
    ("swish", {}), ("gelu", {}), ("gelu", {"approximate": True}), ("mish", {}), ("exponential", {}),
    ("linear", {}), ("tanh", {}), ("softmax", {}), ("log_softmax", {}),
]

cases = []
for name, kw in CASES:
    fn = A.get(name)
    x = X
    if name == "exponential":
        x = np.clip(X, -30, 30)  # exp(88) overflows float32 to inf; keep the case finite
    cases.append({"name": name, "kwargs": kw, "x": arr(x), "y": arr(fn(x, **kw))})
for name, x, kw in [("softmax", X3, {}), ("softmax", X1, {}), ("log_softmax", X3, {}), ("log_softmax", X1, {}),
                    ("softmax", X3, {"axis": 1}), ("log_softmax", X3, {"axis": 0})]:
    cases.append({"name": name, "kwargs": kw, "x": arr(x), "y": arr(A.get(name)(x, **kw))})

identifiers = {k: A.serialize(v) for k, v in sorted(ALL_OBJECTS_DICT.items())}
layer_configs = {i: keras.layers.Dense(2, activation=i).get_config()["activation"]
                 for i in ["relu", "swish", "hard_swish", "gelu", "softmax", "linear"]}
layer_configs["None"] = keras.layers.Dense(2).get_config()["activation"]

path = os.path.join("src", "test", "resources", "golden", "activations.json")
with open(path, "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases, "identifiers": identifiers,
               "layer_configs": layer_configs}, f, indent=1)
print("wrote", path, len(cases), "cases")
