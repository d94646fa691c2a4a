"""Golden values of Keras 3 metrics for kiln.nn.metrics tests (MetricsGoldenTest, MetricsRegistryTest).

    KERAS_BACKEND=jax kerasenv/bin/python src/test/python/golden_metrics.py

Writes src/test/resources/golden/metrics.json:
  cases:       a metric (class name + full get_config()), the batches fed to update_state (inputs
               stored flat with shape and dtype, float32 values), result() after every batch, and
               result() after reset_state().
  identifiers: keras.metrics.get(name) -> class name and get_config() (auto-name counters cleared
               before each, so Precision/Recall/AUC show their base names).
  resolve:     compile's "accuracy"/"acc" resolution (trainers.compile_utils.get_metric) and the
               renaming of other string metrics, by shapes of y_true / y_pred.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras.src.trainers import compile_utils  # noqa: E402

rng = np.random.RandomState(1234)


def arr(x, dtype="float32"):
    x = np.asarray(x, dtype=dtype)
    return {"shape": list(x.shape), "dtype": dtype, "data": x.reshape(-1).tolist()}


def tolist(v):
    v = np.asarray(v)
    return float(v) if v.ndim == 0 else [float(e) for e in v.reshape(-1)]


def clean(v):
    """Config values as JSON: NumPy scalars to numbers, arrays (AUC's label_weights tensor) to lists."""
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    if isinstance(v, (str, bool, int, float)) or v is None:
        return v
    a = np.asarray(v)
    return a.tolist() if a.ndim else a.item()


def case(cid, metric, batches):
    cfg = clean(metric.get_config())
    results = []
    stored = []
    for b in batches:
        yt, yp = b[0], b[1]
        sw = b[2] if len(b) > 2 else None
        metric.update_state(yt, yp, sample_weight=sw)
        results.append(tolist(metric.result()))
        stored.append({
            "y_true": arr(yt, "int32" if np.asarray(yt).dtype.kind == "i" else "float32"),
            "y_pred": arr(yp),
            "sample_weight": None if sw is None else arr(sw),
        })
    metric.reset_state()
    return {"id": cid, "class_name": type(metric).__name__, "config": cfg, "batches": stored,
            "results": results, "reset_result": tolist(metric.result())}


def f32(*shape):
    return rng.rand(*shape).astype("float32")


def weights(n):
    return (rng.rand(n) * 2).astype("float32")


def onehot(n, c):
    return np.eye(c, dtype="float32")[rng.randint(0, c, n)]


def probs(n, c):
    p = rng.rand(n, c).astype("float32")
    return p / p.sum(-1, keepdims=True)


def with_ties(p):
    p = p.copy()
    p[0, :] = 0.25          # every class tied -> argmax/top-k pick the first index
    p[1, 1] = p[1, 2] = p[1].max() + 0.1
    return p


def bin_labels(*shape):
    return rng.randint(0, 2, shape).astype("float32")


cases = []

# ---- accuracy family -------------------------------------------------------------------------
cases.append(case("accuracy_exact", keras.metrics.Accuracy(), [
    (np.array([[1], [2], [3], [4]], "float32"), np.array([[0], [2], [3], [4]], "float32")),
    (np.array([1, 2, 3], "float32"), np.array([1, 2, 0.5], "float32")),
    (np.array([[1], [2]], "float32"), np.array([[1], [2]], "float32"), np.array([0.5, 2.0], "float32")),
]))

bp = f32(6, 1)
bp[0, 0] = 0.5  # exactly the threshold: not > 0.5 -> predicted 0
cases.append(case("binary_accuracy", keras.metrics.BinaryAccuracy(), [
    (bin_labels(6, 1), bp),
    (bin_labels(3), f32(3, 1)),                      # (n,) labels vs (n,1) predictions
    (bin_labels(5, 1), f32(5), weights(5)),          # (n,1) vs (n,), weighted
    (bin_labels(4, 3), f32(4, 3)),                   # multi-label: mean over labels per sample
    (bin_labels(4, 3), f32(4, 3), weights(4)),
]))
cases.append(case("binary_accuracy_thr", keras.metrics.BinaryAccuracy(name="ba7", threshold=0.7), [
    (bin_labels(7, 1), np.array([[0.7], [0.71], [0.2], [0.9], [0.69], [1.0], [0.0]], "float32")),
    (bin_labels(4, 2), f32(4, 2), weights(4).reshape(4, 1)),
]))

cp = with_ties(probs(7, 4))
ct = onehot(7, 4)
ct[0] = [0, 0, 1, 0]   # tie row: prediction argmax is 0
cases.append(case("categorical_accuracy", keras.metrics.CategoricalAccuracy(), [
    (ct, cp),
    (onehot(3, 4), probs(3, 4), weights(3)),
    (onehot(6, 4).reshape(2, 3, 4), probs(6, 4).reshape(2, 3, 4)),          # per-sample mean over time
    (onehot(6, 4).reshape(2, 3, 4), probs(6, 4).reshape(2, 3, 4), weights(2)),
]))

sp = with_ties(probs(8, 5))
cases.append(case("sparse_categorical_accuracy", keras.metrics.SparseCategoricalAccuracy(), [
    (np.array([0, 2, 1, 4, 3, 0, 2, 1], "int32"), sp),                    # int labels
    (rng.randint(0, 5, (4, 1)).astype("float32"), probs(4, 5)),           # float labels (n,1)
    (rng.randint(0, 5, 5).astype("float32"), probs(5, 5), weights(5)),
    (np.array([[1], [3], [2]], "int32"), probs(3, 5), np.array([[1.0], [0.5], [2.0]], "float32")),
    (rng.randint(0, 5, (2, 3)).astype("int32"), probs(6, 5).reshape(2, 3, 5)),  # sequence labels
]))

tp6 = with_ties(probs(6, 6))
cases.append(case("top_k_categorical_accuracy", keras.metrics.TopKCategoricalAccuracy(k=2), [
    (onehot(6, 6), tp6),
    (onehot(4, 6), probs(4, 6), weights(4)),
    (onehot(6, 6).reshape(2, 3, 6), probs(6, 6).reshape(2, 3, 6)),
]))
cases.append(case("top_k_default", keras.metrics.TopKCategoricalAccuracy(), [
    (onehot(5, 8), probs(5, 8)),
    (onehot(3, 8), probs(3, 8)),
]))
cases.append(case("sparse_top_k", keras.metrics.SparseTopKCategoricalAccuracy(k=3), [
    (np.array([0, 5, 1, 2, 3, 4], "int32"), with_ties(probs(6, 6))),
    (rng.randint(0, 6, (4, 1)).astype("float32"), probs(4, 6), weights(4)),
    (rng.randint(0, 6, (2, 2)).astype("int32"), probs(4, 6).reshape(2, 2, 6)),
]))
cases.append(case("sparse_top_k_sorted_ids", keras.metrics.SparseTopKCategoricalAccuracy(k=2, from_sorted_ids=True), [
    (np.array([3, 1, 0, 2], "int32"), np.array([[3, 0, 1], [0, 2, 1], [2, 1, 0], [1, 0, 2]], "float32")),
    (np.array([[0], [2]], "int32"), np.array([[1, 0, 2], [2, 1, 0]], "float32"), np.array([2.0, 0.5], "float32")),
]))

# ---- regression -------------------------------------------------------------------------------
def regression_batches():
    return [
        (rng.randn(5, 3).astype("float32"), rng.randn(5, 3).astype("float32")),
        (rng.randn(3, 3).astype("float32"), rng.randn(3, 3).astype("float32"), weights(3)),
        (rng.randn(4).astype("float32"), rng.randn(4, 1).astype("float32")),          # (n,) vs (n,1)
        (rng.randn(2, 3, 3).astype("float32"), rng.randn(2, 3, 3).astype("float32"), weights(2)),
        (rng.randn(3, 3).astype("float32"), rng.randn(3, 3).astype("float32"), weights(3).reshape(3, 1)),
    ]


for cls in [keras.metrics.MeanSquaredError, keras.metrics.MeanAbsoluteError, keras.metrics.RootMeanSquaredError,
            keras.metrics.MeanAbsolutePercentageError, keras.metrics.LogCoshError, keras.metrics.CosineSimilarity]:
    cases.append(case(cls.__name__, cls(), regression_batches()))
cases.append(case("MeanSquaredLogarithmicError", keras.metrics.MeanSquaredLogarithmicError(), [
    (np.abs(rng.randn(5, 3)).astype("float32"), np.abs(rng.randn(5, 3)).astype("float32")),
    (rng.randn(3, 3).astype("float32"), rng.randn(3, 3).astype("float32"), weights(3)),   # negatives clamp at eps
    (np.abs(rng.randn(4)).astype("float32"), np.abs(rng.randn(4, 1)).astype("float32")),
]))
cases.append(case("mape_zero_target", keras.metrics.MeanAbsolutePercentageError(name="mape"), [
    (np.array([[0.0, 1.0], [2.0, -1.0]], "float32"), np.array([[1e-3, 1.5], [2.0, 1.0]], "float32")),
]))
cases.append(case("cosine_axis0", keras.metrics.CosineSimilarity(name="cos0", axis=0), [
    (rng.randn(4, 3).astype("float32"), rng.randn(4, 3).astype("float32")),
    (np.zeros((4, 3), "float32"), rng.randn(4, 3).astype("float32")),     # zero vectors: normalised to 0
]))

# ---- Mean / Sum with values -----------------------------------------------------------------
mean_cases = []
for cid, m, batches in [
    ("mean", keras.metrics.Mean(), [
        (np.array([1.0, 2.0, 3.0], "float32"), None),
        (np.array(4.0, "float32"), None),
        (rng.randn(2, 3).astype("float32"), None),
        (rng.randn(3, 2).astype("float32"), weights(3)),
        (rng.randn(3, 2).astype("float32"), (rng.rand(3, 2) * 2).astype("float32")),
        (np.array([5.0, 6.0], "float32"), np.array([[1.0], [0.0]], "float32")),
        (np.array(2.0, "float32"), np.array(3.0, "float32")),
    ]),
    ("sum", keras.metrics.Sum(), [
        (np.array([1.0, 2.0, 3.0], "float32"), None),
        (rng.randn(3, 2).astype("float32"), weights(3)),
    ]),
]:
    cfg = m.get_config()
    res, stored = [], []
    for v, w in batches:
        m.update_state(v, sample_weight=w)
        res.append(tolist(m.result()))
        stored.append({"values": arr(v), "sample_weight": None if w is None else arr(w)})
    m.reset_state()
    mean_cases.append({"id": cid, "class_name": type(m).__name__, "config": clean(cfg), "batches": stored,
                       "results": res, "reset_result": tolist(m.result())})

# ---- confusion metrics ----------------------------------------------------------------------
def prob_batches():
    p1 = f32(8, 1)
    p1[0, 0] = 0.5
    p1[1, 0] = 0.0
    p1[2, 0] = 1.0
    return [
        (bin_labels(8, 1), p1),
        (bin_labels(5), f32(5), weights(5)),
        (bin_labels(4, 3), f32(4, 3)),
        (bin_labels(4, 3), f32(4, 3), weights(4)),
        (np.array([0, 2, 1, 0.5], "float32"), f32(4)),   # label positive <=> y_true != 0
    ]


for cid, m in [
    ("precision", keras.metrics.Precision(name="precision")),
    ("recall", keras.metrics.Recall(name="recall")),
    ("precision_thresholds", keras.metrics.Precision(thresholds=[0.3, 0.5, 0.9], name="p3")),
    ("recall_thresholds", keras.metrics.Recall(thresholds=[0.3, 0.5, 0.9], name="r3")),
    ("precision_even_thresholds", keras.metrics.Precision(thresholds=[0.0, 0.25, 0.5, 0.75, 1.0], name="pe")),
    ("recall_even_thresholds", keras.metrics.Recall(thresholds=[0.0, 0.5, 1.0], name="re")),
    ("true_positives", keras.metrics.TruePositives(name="tp")),
    ("false_positives", keras.metrics.FalsePositives(thresholds=[0.2, 0.6], name="fp")),
    ("true_negatives", keras.metrics.TrueNegatives(name="tn")),
    ("false_negatives", keras.metrics.FalseNegatives(name="fn")),
]:
    cases.append(case(cid, m, prob_batches()))


def class_batches():
    return [
        (onehot(6, 4), with_ties(probs(6, 4))),
        (onehot(4, 4), probs(4, 4), weights(4)),
        (bin_labels(3, 4), f32(3, 4)),
    ]


for cid, m in [
    ("precision_top_k", keras.metrics.Precision(top_k=2, name="ptk")),
    ("recall_top_k", keras.metrics.Recall(top_k=1, name="rtk")),
    ("precision_class_id", keras.metrics.Precision(class_id=2, name="pc")),
    ("recall_class_id", keras.metrics.Recall(class_id=1, name="rc")),
    ("precision_top_k_class_id", keras.metrics.Precision(top_k=2, class_id=1, thresholds=[0.1, 0.3], name="ptkc")),
    ("recall_top_k_even", keras.metrics.Recall(top_k=2, thresholds=[0.0, 0.5, 1.0], name="rtke")),
]:
    cases.append(case(cid, m, class_batches()))

cases.append(case("precision_zero_over_zero", keras.metrics.Precision(name="p00"), [
    (np.array([1, 0], "float32"), np.array([0.1, 0.2], "float32")),
]))


def auc_batches():
    p1 = f32(10, 1)
    p1[0, 0] = 0.0
    p1[1, 0] = 1.0
    p1[2, 0] = 0.5
    return [
        (bin_labels(10, 1), p1),
        (bin_labels(6), f32(6), weights(6)),
        (bin_labels(5, 3), f32(5, 3)),
        (bin_labels(5, 3), f32(5, 3), weights(5)),
    ]


for cid, m in [
    ("auc_roc", keras.metrics.AUC(name="auc")),
    ("auc_pr", keras.metrics.AUC(curve="PR", name="auc_pr")),
    ("auc_roc_minoring", keras.metrics.AUC(summation_method="minoring", num_thresholds=50, name="a1")),
    ("auc_roc_majoring", keras.metrics.AUC(summation_method="majoring", num_thresholds=7, name="a2")),
    ("auc_pr_minoring", keras.metrics.AUC(curve="PR", summation_method="minoring", name="a3")),
    ("auc_pr_majoring", keras.metrics.AUC(curve="PR", summation_method="majoring", num_thresholds=13, name="a4")),
    ("auc_thresholds", keras.metrics.AUC(thresholds=[0.7, 0.2, 0.45], name="a5")),
    ("auc_pr_thresholds", keras.metrics.AUC(curve="PR", thresholds=[0.1, 0.3, 0.6, 0.9], name="a6")),
    ("auc_even_thresholds", keras.metrics.AUC(thresholds=[0.25, 0.5, 0.75], name="a7")),
    ("auc_num_thresholds_2", keras.metrics.AUC(num_thresholds=2, name="a9")),
]:
    cases.append(case(cid, m, auc_batches()))


cases.append(case("auc_label_weights", keras.metrics.AUC(label_weights=[0.5, 1.0, 2.0], num_thresholds=20, name="a8"), [
    (bin_labels(6, 3), f32(6, 3)),
    (bin_labels(4, 3), f32(4, 3), weights(4)),
]))


def ml_batches():
    return [
        (bin_labels(6, 3), f32(6, 3)),
        (bin_labels(4, 3), f32(4, 3), weights(4)),
        (bin_labels(5, 3), f32(5, 3), (rng.rand(5, 3) * 2).astype("float32")),
    ]


for cid, m in [
    ("auc_multi_label", keras.metrics.AUC(multi_label=True, name="ml")),
    ("auc_multi_label_num_labels", keras.metrics.AUC(multi_label=True, num_labels=3, name="ml3")),
    ("auc_multi_label_pr", keras.metrics.AUC(multi_label=True, curve="PR", num_thresholds=30, name="mlpr")),
    ("auc_multi_label_weights", keras.metrics.AUC(multi_label=True, label_weights=[1.0, 0.0, 3.0], name="mlw")),
    ("auc_multi_label_thresholds", keras.metrics.AUC(multi_label=True, thresholds=[0.2, 0.5, 0.8], name="mlt")),
    ("auc_multi_label_thresholds_uneven", keras.metrics.AUC(multi_label=True, thresholds=[0.1, 0.5, 0.6], curve="PR", name="mltu")),
]:
    cases.append(case(cid, m, ml_batches()))

logits = [(bin_labels(8, 1), rng.randn(8, 1).astype("float32") * 3), (bin_labels(5), rng.randn(5).astype("float32"), weights(5))]
cases.append(case("auc_from_logits", keras.metrics.AUC(from_logits=True, name="al"), logits))
cases.append(case("auc_all_one_class", keras.metrics.AUC(name="a1c"), [
    (np.ones((4, 1), "float32"), f32(4, 1)),     # no negatives: FPR 0/0 -> 0 everywhere
]))

# ---- loss-based metrics (MeanMetricWrapper over keras.losses functions) ---------------------
# Appended after the older cases so their random draws (and golden values) are unchanged.
def bce_batches(logits=False):
    def pred(*shape):
        return (rng.randn(*shape) * 3).astype("float32") if logits else f32(*shape)
    p1 = pred(6, 1)
    if not logits:
        p1[0, 0] = 0.0      # clipped to eps
        p1[1, 0] = 1.0      # clipped to 1 - eps
    return [
        (bin_labels(6, 1), p1),
        (bin_labels(5, 1), pred(5, 1), weights(5)),
        (bin_labels(4, 3), pred(4, 3)),                   # multi-label: mean over labels per sample
        (bin_labels(4, 3), pred(4, 3), weights(4)),
        (bin_labels(2, 3, 2), pred(2, 3, 2), weights(2)), # per-sample mean over trailing axes
    ]


for cid, m, logits in [
    ("binary_crossentropy", keras.metrics.BinaryCrossentropy(), False),
    ("binary_crossentropy_logits", keras.metrics.BinaryCrossentropy(name="bce_l", from_logits=True), True),
    ("binary_crossentropy_smoothing", keras.metrics.BinaryCrossentropy(name="bce_s", label_smoothing=0.1), False),
    ("binary_crossentropy_logits_smoothing",
     keras.metrics.BinaryCrossentropy(name="bce_ls", from_logits=True, label_smoothing=0.2), True),
]:
    cases.append(case(cid, m, bce_batches(logits)))


def cce_batches(logits=False):
    def pred(*shape):
        return (rng.randn(*shape) * 2).astype("float32") if logits else probs(*shape)
    p1 = pred(6, 4)
    if not logits:
        p1[0] = [1.0, 0.0, 0.0, 0.0]   # a zero probability on the true class: clipped to eps
    return [
        (onehot(6, 4), p1),
        (onehot(3, 4), pred(3, 4), weights(3)),
        (onehot(6, 4).reshape(2, 3, 4), pred(6, 4).reshape(2, 3, 4)),               # per-sample mean over time
        (onehot(6, 4).reshape(2, 3, 4), pred(6, 4).reshape(2, 3, 4), weights(2)),
        (probs(3, 4), pred(3, 4), weights(3).reshape(3, 1)),                         # soft targets
    ]


for cid, m, logits in [
    ("categorical_crossentropy", keras.metrics.CategoricalCrossentropy(), False),
    ("categorical_crossentropy_logits", keras.metrics.CategoricalCrossentropy(name="cce_l", from_logits=True), True),
    ("categorical_crossentropy_smoothing",
     keras.metrics.CategoricalCrossentropy(name="cce_s", label_smoothing=0.1), False),
    ("categorical_crossentropy_logits_smoothing",
     keras.metrics.CategoricalCrossentropy(name="cce_ls", from_logits=True, label_smoothing=0.3), True),
]:
    cases.append(case(cid, m, cce_batches(logits)))


def scce_batches(logits=False):
    def pred(*shape):
        return (rng.randn(*shape) * 2).astype("float32") if logits else probs(*shape)
    return [
        (np.array([0, 2, 1, 4, 3, 0], "int32"), pred(6, 5)),                  # int labels
        (rng.randint(0, 5, (4, 1)).astype("float32"), pred(4, 5)),           # float labels (n,1)
        (rng.randint(0, 5, 5).astype("int32"), pred(5, 5), weights(5)),
        (rng.randint(0, 5, (2, 3)).astype("int32"), pred(6, 5).reshape(2, 3, 5)),  # sequences
    ]


for cid, m, logits in [
    ("sparse_categorical_crossentropy", keras.metrics.SparseCategoricalCrossentropy(), False),
    ("sparse_categorical_crossentropy_logits",
     keras.metrics.SparseCategoricalCrossentropy(name="scce_l", from_logits=True), True),
    ("sparse_categorical_crossentropy_ignore",
     keras.metrics.SparseCategoricalCrossentropy(name="scce_i", ignore_class=2), False),
    ("sparse_categorical_crossentropy_logits_ignore",
     keras.metrics.SparseCategoricalCrossentropy(name="scce_li", from_logits=True, ignore_class=0), True),
]:
    cases.append(case(cid, m, scce_batches(logits)))

kp = probs(5, 4)
kp[0, 1] = 0.0   # zero prediction: clipped to eps
cases.append(case("KLDivergence", keras.metrics.KLDivergence(), [
    (probs(5, 4), kp),
    (probs(3, 4), probs(3, 4), weights(3)),
    (onehot(4, 4), probs(4, 4)),                                          # zeros in y_true: clipped to eps
    (probs(6, 4).reshape(2, 3, 4), probs(6, 4).reshape(2, 3, 4), weights(2)),
]))
cases.append(case("Poisson", keras.metrics.Poisson(), [
    (rng.poisson(2.0, (5, 3)).astype("float32"), (f32(5, 3) * 4)),
    (rng.poisson(1.0, (3, 3)).astype("float32"), (f32(3, 3) * 3), weights(3)),
    (rng.poisson(3.0, (4, 1)).astype("float32"), (f32(4, 1) * 5)),
    # (n,) vs (n,1) is left out: keras.losses.poisson does not rank-match, so it broadcasts to (n, n)
    (rng.poisson(1.0, (2, 3, 2)).astype("float32"), f32(2, 3, 2), weights(2)),
]))


def hinge_batches():
    return [
        (bin_labels(5, 3), rng.randn(5, 3).astype("float32")),                  # {0,1} labels -> -1/1
        (np.sign(rng.randn(4, 3)).astype("float32"), rng.randn(4, 3).astype("float32"), weights(4)),  # -1/1 labels
        (bin_labels(4, 1), rng.randn(4, 1).astype("float32")),
        # (n,) vs (n,1) is left out: keras.losses.hinge does not rank-match, so it broadcasts to (n, n)
        (rng.randint(0, 2, (3, 2)).astype("int32"), rng.randn(3, 2).astype("float32"), weights(3)),  # int labels
        (bin_labels(2, 3, 2), rng.randn(2, 3, 2).astype("float32"), weights(2)),
    ]


for cls in [keras.metrics.Hinge, keras.metrics.SquaredHinge]:
    cases.append(case(cls.__name__, cls(), hinge_batches()))
cases.append(case("CategoricalHinge", keras.metrics.CategoricalHinge(), [
    (onehot(5, 4), rng.randn(5, 4).astype("float32")),
    (onehot(3, 4), probs(3, 4), weights(3)),
    (onehot(6, 4).reshape(2, 3, 4), rng.randn(2, 3, 4).astype("float32"), weights(2)),
]))

# ---- identifiers and compile-time resolution -------------------------------------------------
from keras.src.metrics import ALL_OBJECTS_DICT  # noqa: E402

ids = {}
for name in sorted(ALL_OBJECTS_DICT):
    cls = ALL_OBJECTS_DICT[name]
    if cls.__name__ in ("Metric", "MeanMetricWrapper"):
        continue
    keras.backend.clear_session()
    try:
        m = keras.metrics.get(name)
        ids[name] = {"class_name": type(m).__name__, "config": clean(m.get_config())}
    except Exception as e:
        ids[name] = {"error": type(e).__name__ + ": " + str(e)}

resolve = []
for ident, yt, yp in [
    ("accuracy", (8,), (8, 3)), ("accuracy", (8, 1), (8, 3)), ("acc", (8, 3), (8, 3)), ("accuracy", (8, 1), (8, 1)),
    ("ACC", (8, 3), (8, 3)), ("Accuracy", (8,), (8, 1)), ("accuracy", (8, 4), (8, 4)), ("accuracy", (8,), (8,)),
    ("accuracy", (2, 5), (2, 5, 7)), ("mse", (8, 1), (8, 1)), ("AUC", (8, 1), (8, 1)), ("mae", (4,), (4,)),
    ("precision", (4, 1), (4, 1)), ("binary_accuracy", (4, 3), (4, 3)),
]:
    keras.backend.clear_session()
    m = compile_utils.get_metric(ident, np.zeros(yt, "float32"), np.zeros(yp, "float32"))
    resolve.append({"identifier": ident, "y_true_shape": list(yt), "y_pred_shape": list(yp),
                    "class_name": type(m).__name__, "name": m.name})

keras.backend.clear_session()
auto = [keras.metrics.Precision().name, keras.metrics.Precision().name, keras.metrics.Recall().name,
        keras.metrics.AUC().name, keras.metrics.AUC().name, keras.metrics.Mean().name, keras.metrics.Mean().name]

path = os.path.join("src", "test", "resources", "golden", "metrics.json")
with open(path, "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases, "mean_cases": mean_cases, "identifiers": ids,
               "resolve": resolve, "auto_names": auto}, f, indent=None, separators=(",", ":"))
print("wrote", path, len(cases), "cases,", len(mean_cases), "mean cases,", len(ids), "identifiers")
