"""Golden regularizer penalties and gradients from real Keras 3 for kiln.nn.regularizers tests.

For each regularizer and weight: the penalty, its gradient (jax.grad through Keras's own __call__),
and the config. Run from the repository root (writes src/test/resources/golden/regularizers.json):
    KERAS_BACKEND=jax kerasenv/bin/python src/test/python/golden_regularizers.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import jax  # noqa: E402
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import regularizers as R  # noqa: E402

rng = np.random.default_rng(99)
WEIGHTS = [
    rng.normal(0, 1, (3, 2)).astype("float32"),
    rng.normal(0, 0.5, (4, 5)).astype("float32"),
    rng.uniform(-2, 2, (7,)).astype("float32"),
]
REGS = [
    R.L1(), R.L1(0.3), R.L2(), R.L2(0.25), R.L1L2(), R.L1L2(l1=0.1), R.L1L2(l2=0.2), R.L1L2(0.05, 0.07),
    R.OrthogonalRegularizer(), R.OrthogonalRegularizer(factor=0.5, mode="columns"),
    R.OrthogonalRegularizer(factor=0.2, mode="rows"),
]

cases = []
for reg in REGS:
    for w in WEIGHTS:
        if isinstance(reg, R.OrthogonalRegularizer) and w.ndim != 2:
            continue
        f = lambda x, reg=reg: reg(x)  # noqa: E731
        value = float(f(jax.numpy.asarray(w)))
        grad = np.asarray(jax.grad(f)(jax.numpy.asarray(w)))
        cases.append({
            "class_name": type(reg).__name__,
            "config": reg.get_config(),
            "shape": list(w.shape),
            "weight": w.ravel().tolist(),
            "penalty": value,
            "gradient": grad.ravel().tolist(),
        })

defaults = {name: type(R.get(name)).__name__ for name in ["l1", "L1", "l2", "L2", "l1l2", "L1L2",
                                                          "orthogonal_regularizer", "OrthogonalRegularizer"]}
default_configs = {cls.__name__: cls().get_config() for cls in [R.L1, R.L2, R.L1L2, R.OrthogonalRegularizer]}
path = os.path.join("src", "test", "resources", "golden", "regularizers.json")
with open(path, "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases, "identifiers": defaults,
               "default_configs": default_configs}, f, indent=1)
print("wrote", path, len(cases), "cases")
