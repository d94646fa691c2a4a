"""Golden values of Keras 3 losses for kiln.nn.losses tests (LossesGoldenTest, LossesRegistryTest).

    KERAS_BACKEND=jax kerasenv/bin/python src/test/python/golden_losses.py

Writes src/test/resources/golden/losses.json:
  cases:       a loss class, its constructor kwargs (some, like Huber's delta, are not in get_config),
               y_true / y_pred / sample_weight (flat data with shape and dtype), and the loss for every
               reduction ("sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"),
               computed by Keras 3 on JAX in float32.
  configs:     get_config() of each class with defaults and with non-default arguments.
  identifiers: every string keras.losses.get accepts -> {"kind": "class" | "function", "class_name" for
               classes, "name": the name compile gives the loss}.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import losses as L  # noqa: E402
from keras.src.losses import ALL_OBJECTS_DICT  # noqa: E402
from keras.src.trainers import compile_utils  # noqa: E402

rng = np.random.RandomState(42)
REDUCTIONS = ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"]


def arr(x, dtype=None):
    x = np.asarray(x)
    if dtype is None:
        dtype = "int32" if x.dtype.kind in "iu" else "float32"
    x = x.astype(dtype)
    return {"shape": list(x.shape), "dtype": dtype, "data": [float(v) for v in x.reshape(-1)]}


def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return (e / e.sum(axis=axis, keepdims=True)).astype("float32")


cases = []


def case(cls, kwargs, y_true, y_pred, sample_weights=(None,), label=""):
    for sw in sample_weights:
        out = {}
        for r in REDUCTIONS:
            loss = getattr(L, cls)(reduction=r, **kwargs)
            v = np.asarray(loss(y_true, y_pred, sample_weight=sw))
            out[r] = {"shape": list(v.shape), "data": [float(e) for e in v.reshape(-1)]}
        cases.append({
            "label": label, "class_name": cls, "kwargs": kwargs,
            "config": getattr(L, cls)(**kwargs).get_config(),
            "y_true": arr(y_true), "y_pred": arr(y_pred),
            "sample_weight": None if sw is None else arr(sw, "float32"),
            "expected": out,
        })


f32 = lambda a: np.asarray(a, dtype="float32")  # noqa: E731
SW4 = [None, f32([1.0, 0.5, 0.0, 2.0]), f32([[1.0], [0.5], [0.0], [2.0]]), f32(0.5)]

# ---- regression
yt = f32(rng.normal(size=(4, 3)))
yp = f32(rng.normal(size=(4, 3)))
for cls in ["MeanSquaredError", "MeanAbsoluteError", "LogCosh", "Huber", "CosineSimilarity"]:
    case(cls, {}, yt, yp, SW4, "dense (4,3)")
case("Huber", {"delta": 0.5}, yt, yp, [None], "delta 0.5")
case("Huber", {"delta": 2.0}, yt * 3, yp, [None], "delta 2")
case("CosineSimilarity", {"axis": 0}, yt, yp, [None], "axis 0")
case("CosineSimilarity", {}, f32([[0, 0, 0], [1, 2, 3]]), f32([[1, 2, 3], [0, 0, 0]]), [None], "zero vectors")
yt_m = yt.copy(); yt_m[0, 1] = 0.0; yt_m[2, 2] = 1e-9
case("MeanAbsolutePercentageError", {}, yt_m, yp, SW4, "with zero y_true")
pos_t = f32(np.abs(rng.normal(size=(4, 3)) * 3)); pos_p = f32(rng.normal(size=(4, 3)) * 3)
case("MeanSquaredLogarithmicError", {}, pos_t, pos_p, SW4, "negative predictions clipped")
case("Poisson", {}, pos_t, f32(np.abs(pos_p)), SW4, "")
probs_t = softmax(f32(rng.normal(size=(4, 3))))
probs_p = softmax(f32(rng.normal(size=(4, 3)) * 2)); probs_p[1] = [1.0, 0.0, 0.0]
case("KLDivergence", {}, probs_t, probs_p, SW4, "")
# rank matching: (n,) vs (n,1) and back; per-timestep (B,T,C) with (B,T) / (B,1) / scalar weights
y1 = f32(rng.normal(size=(5,))); p1 = f32(rng.normal(size=(5, 1)))
case("MeanSquaredError", {}, y1, p1, [None, f32(np.arange(5))], "y_true (5,) vs y_pred (5,1)")
case("MeanAbsoluteError", {}, y1.reshape(5, 1), p1.reshape(5), [None], "y_true (5,1) vs y_pred (5,)")
seq_t = f32(rng.normal(size=(2, 3, 4))); seq_p = f32(rng.normal(size=(2, 3, 4)))
case("MeanSquaredError", {}, seq_t, seq_p,
     [None, f32(rng.uniform(size=(2, 3))), f32([[1.0], [3.0]]), f32(2.0)], "sequence (2,3,4)")

# ---- hinge
pm = f32(rng.normal(size=(4, 3)))
case("Hinge", {}, f32(rng.randint(0, 2, size=(4, 3))), pm, SW4, "0/1 labels")
case("Hinge", {}, f32(rng.choice([-1, 1], size=(4, 3))), pm, [None], "-1/1 labels")
case("SquaredHinge", {}, f32(rng.randint(0, 2, size=(4, 3))), pm, SW4, "0/1 labels")
case("SquaredHinge", {}, f32(rng.choice([-1, 1], size=(4, 3))), pm, [None], "-1/1 labels")
case("CategoricalHinge", {}, f32(np.eye(3)[[0, 2, 1, 1]]), pm, SW4, "one-hot")

# ---- binary cross-entropy and focal
bt = f32(rng.randint(0, 2, size=(4, 3)))
bp = f32(rng.uniform(0.02, 0.98, size=(4, 3))); bp[0, 0] = 0.0; bp[3, 2] = 1.0; bp[1, 1] = 1e-9
logits = f32(rng.normal(size=(4, 3)) * 3); logits[0, 0] = 40.0; logits[2, 1] = -40.0
case("BinaryCrossentropy", {}, bt, bp, SW4, "probabilities, with clipping")
case("BinaryCrossentropy", {"label_smoothing": 0.2}, bt, bp, [None], "")
case("BinaryCrossentropy", {"from_logits": True}, bt, logits, SW4, "")
case("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, bt, logits, [None], "")
case("BinaryCrossentropy", {"axis": 0}, bt, bp, [None], "axis 0")
case("BinaryCrossentropy", {}, f32([0, 1, 1, 0, 1]), f32([[0.1], [0.8], [0.6], [0.3], [0.99]]),
     [None, f32([1, 2, 3, 4, 5])], "y_true (5,) vs y_pred (5,1)")
case("BinaryCrossentropy", {}, np.array([[0], [1], [1]], dtype="int32"), f32([[0.1], [0.8], [0.6]]), [None],
     "int labels")
case("BinaryFocalCrossentropy", {}, bt, bp, SW4, "")
case("BinaryFocalCrossentropy", {"apply_class_balancing": True, "alpha": 0.4, "gamma": 1.5}, bt, bp, [None], "")
case("BinaryFocalCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, bt, logits, [None], "")
case("BinaryFocalCrossentropy", {"from_logits": True, "apply_class_balancing": True, "gamma": 0.0}, bt, logits,
     [None], "")

# ---- categorical cross-entropy
ct = f32(np.eye(3)[[0, 2, 1, 1]])
cp = softmax(f32(rng.normal(size=(4, 3)) * 2)); cp[1] = [0.0, 0.0, 1.0]; cp[2] = cp[2] * 1.7  # unnormalised row
clog = f32(rng.normal(size=(4, 3)) * 3); clog[0] = [50.0, -50.0, 0.0]
case("CategoricalCrossentropy", {}, ct, cp, SW4, "probabilities (renormalised, clipped)")
case("CategoricalCrossentropy", {"label_smoothing": 0.1}, ct, cp, [None], "")
case("CategoricalCrossentropy", {"from_logits": True}, ct, clog, SW4, "")
case("CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.2}, ct, clog, [None], "")
case("CategoricalCrossentropy", {"from_logits": True}, softmax(f32(rng.normal(size=(4, 3)))), clog, [None],
     "soft targets")
case("CategoricalCrossentropy", {"from_logits": True}, ct * 2, clog, [None], "targets summing to 2")
case("CategoricalCrossentropy", {"axis": 0}, ct, cp, [None], "axis 0")
seq_ct = f32(np.eye(4)[rng.randint(0, 4, size=(2, 3))]); seq_cl = f32(rng.normal(size=(2, 3, 4)))
case("CategoricalCrossentropy", {"from_logits": True}, seq_ct, seq_cl, [None, f32([[1.0], [0.5]])], "sequence")

# ---- sparse categorical cross-entropy
labels = np.array([0, 2, 1, 1], dtype="int32")
case("SparseCategoricalCrossentropy", {}, labels, cp, SW4, "int labels (4,)")
case("SparseCategoricalCrossentropy", {}, labels.reshape(4, 1), cp, [None, SW4[1]], "int labels (4,1)")
case("SparseCategoricalCrossentropy", {}, f32(labels), cp, [None], "float labels (4,)")
case("SparseCategoricalCrossentropy", {"from_logits": True}, labels, clog, SW4, "from logits")
case("SparseCategoricalCrossentropy", {"from_logits": True}, f32(labels).reshape(4, 1), clog, [None],
     "float labels (4,1) from logits")
case("SparseCategoricalCrossentropy", {"ignore_class": -1}, np.array([0, -1, 1, 2], dtype="int32"), cp,
     [None, SW4[1]], "ignore_class -1")
case("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": 2}, labels, clog, [None, SW4[1]],
     "ignore_class 2, from logits")
case("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": 1}, np.array([1, 1, 1, 1], "int32"),
     clog, [None], "everything ignored")
seq_l = rng.randint(0, 4, size=(2, 3)).astype("int32")
case("SparseCategoricalCrossentropy", {"from_logits": True}, seq_l, seq_cl, [None, f32([[1.0], [0.5]])],
     "sequence labels (2,3)")
case("SparseCategoricalCrossentropy", {}, seq_l.reshape(2, 3, 1), softmax(seq_cl), [None], "sequence (2,3,1)")

# ---- configs
configs = []
for cls, kw in [("MeanSquaredError", {}), ("MeanAbsoluteError", {}), ("MeanAbsolutePercentageError", {}),
                ("MeanSquaredLogarithmicError", {}), ("Huber", {}), ("Huber", {"delta": 2.0}), ("LogCosh", {}),
                ("KLDivergence", {}), ("Poisson", {}), ("Hinge", {}), ("SquaredHinge", {}),
                ("CategoricalHinge", {}), ("CosineSimilarity", {}), ("CosineSimilarity", {"axis": 0}),
                ("BinaryCrossentropy", {}),
                ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.1, "axis": 0,
                                        "reduction": "sum", "name": "bce_custom"}),
                ("BinaryFocalCrossentropy", {}),
                ("BinaryFocalCrossentropy", {"apply_class_balancing": True, "alpha": 0.4, "gamma": 1.5,
                                             "from_logits": True, "label_smoothing": 0.05}),
                ("CategoricalCrossentropy", {}),
                ("CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.1, "reduction": "none"}),
                ("SparseCategoricalCrossentropy", {}),
                ("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": 255,
                                                   "reduction": "mean_with_sample_weight"}),
                ("MeanSquaredError", {"reduction": None})]:
    configs.append({"class_name": cls, "kwargs": kw, "config": getattr(L, cls)(**kw).get_config()})

# ---- identifiers: what keras.losses.get gives, and the name compile's wrapper takes
identifiers = {}
for k in sorted(ALL_OBJECTS_DICT):
    if k in ("Loss", "LossFunctionWrapper"):
        continue
    obj = L.get(k)
    if isinstance(obj, L.Loss):
        identifiers[k] = {"kind": "class", "class_name": type(obj).__name__, "name": obj.name}
    else:
        wrapped = compile_utils.get_loss(k, None, None)
        identifiers[k] = {"kind": "function", "function": obj.__name__, "name": wrapped.name}

path = os.path.join("src", "test", "resources", "golden", "losses.json")
with open(path, "w") as f:
    json.dump({"keras_version": keras.__version__, "epsilon": keras.config.epsilon(), "cases": cases,
               "configs": configs, "identifiers": identifiers}, f, indent=1)
print("wrote", path, len(cases), "cases")
