package kiln.nn.metrics;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Keras's {@code metrics_utils.update_confusion_matrix_variables}: weighted true/false positive and
 * negative counts per threshold (and per label for multi-label AUC), on host float32 arrays.
 *
 * <p>A label is positive when y_true ≠ 0; a prediction is positive when y_pred is strictly greater
 * than the threshold. Thresholds spread evenly over [0, 1] (AUC's defaults, or Precision with
 * {@code [0, .25, .5, .75, 1]}) take Keras's bucketed path: y_pred is clipped to [0, 1] and falls into
 * bucket ceil(y_pred·(T−1)) − 1, counted for every threshold at or below it. That is the strict
 * comparison up to rounding, except that it clips, so a prediction above 1 never counts for the
 * threshold 1; it is reproduced as is, so counts agree with Keras's exactly.
 */
final class Confusion {
    /** Keras's {@code NEG_INF}: what top_k filtering writes over the predictions it drops. */
    static final float NEG_INF = -1e10f;

    enum Kind { TP, FP, TN, FN }

    private Confusion() {}

    /** Per-threshold state, T thresholds × L labels (L = 1 unless multi-label), row-major. */
    static Map<Kind, float[]> state(int thresholds, int labels, Kind... kinds) {
        Map<Kind, float[]> m = new EnumMap<>(Kind.class);
        for (Kind k : kinds) {
            m.put(k, new float[thresholds * labels]);
        }
        return m;
    }

    static void reset(Map<Kind, float[]> state) {
        for (float[] v : state.values()) {
            Arrays.fill(v, 0f);
        }
    }

    /** Options of one update (Keras's keyword arguments). */
    record Options(float[] thresholds, boolean evenly, boolean withEpsilon, Integer topK, Integer classId,
                   boolean multiLabel, float[] labelWeights) {}

    static void update(Metric owner, Map<Kind, float[]> state, Tensor yTrue, Tensor yPred, Tensor sampleWeight, Options o) {
        Shape[] s = SameRank.shapes(yPred.shape(), yTrue.shape(), true);
        if (!s[0].equals(s[1])) {
            throw owner.shapeError(yTrue, yPred, "y_true and y_pred must have the same shape (a trailing axis of 1 "
                    + "may be squeezed or added)");
        }
        int[] dims = s[0].dims();
        float[] p = yPred.toFloatArray();
        float[] t = yTrue.toFloatArray();
        Shape swShape = null;
        if (sampleWeight != null) {
            int[] sw = Arrays.copyOf(sampleWeight.shape().dims(), sampleWeight.rank() + 1);
            sw[sw.length - 1] = 1;
            swShape = sw.length == dims.length + 1 ? SameRank.drop(Shape.of(sw)) : Shape.of(sw);
        }
        if (o.topK() != null) {
            if (dims.length < 1 || o.topK() > dims[dims.length - 1]) {
                throw owner.shapeError(yTrue, yPred, "top_k=" + o.topK() + " needs at least that many classes in y_pred's "
                        + "last axis");
            }
            filterTopK(p, dims[dims.length - 1], o.topK());
        }
        if (o.classId() != null) {
            if (dims.length < 2) {
                throw owner.shapeError(yTrue, yPred, "when class_id is provided, y_pred must be a 2D array with shape "
                        + "(num_samples, num_classes)");
            }
            int c = dims[dims.length - 1];
            if (o.classId() < 0 || o.classId() >= c) {
                throw owner.shapeError(yTrue, yPred, "class_id=" + o.classId() + " is out of range for " + c + " classes");
            }
            p = column(p, c, o.classId());
            t = column(t, c, o.classId());
            dims = dims.clone();
            dims[dims.length - 1] = 1;
        }
        Shape predShape = Shape.of(dims);
        float[] w = null;
        if (sampleWeight != null) {
            w = broadcast(owner, "sample_weight", sampleWeight.toFloat().reshape(swShape), predShape);
        }
        if (o.labelWeights() != null && !o.multiLabel()) {
            float[] lw = broadcast(owner, "label_weights", Tensor.of(o.labelWeights(), 1, o.labelWeights().length), predShape);
            if (w == null) {
                w = lw;
            } else {
                for (int i = 0; i < w.length; i++) {
                    w[i] *= lw[i];
                }
            }
        }
        int labels = o.multiLabel() ? dims[dims.length - 1] : 1;
        Map<Kind, float[]> delta = o.evenly() ? bucketed(state, p, t, w, labels, o) : compared(state, p, t, w, labels, o);
        for (var e : delta.entrySet()) {
            float[] v = state.get(e.getKey());
            float[] d = e.getValue();
            if (v.length != d.length) {
                throw owner.shapeError(yTrue, yPred, "expected " + v.length / o.thresholds().length + " labels in y_pred's "
                        + "last axis, as in earlier batches, got " + labels);
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] + d[i];
            }
        }
    }

    /** Keras's {@code _update_confusion_matrix_variables_optimized}. */
    private static Map<Kind, float[]> bucketed(Map<Kind, float[]> state, float[] p, float[] t, float[] w, int labels,
                                               Options o) {
        int nt = o.thresholds().length;
        float[] tpB = new float[nt * labels];
        float[] fpB = new float[nt * labels];
        float[] totalTrue = new float[labels];
        float[] totalFalse = new float[labels];
        float scale = nt - 1;
        for (int e = 0; e < p.length; e++) {
            float weight = w == null ? 1f : w[e];
            float label = t[e] != 0f ? 1f : 0f;
            float tl = label * weight;
            float fl = (1f - label) * weight;
            float pc = Math.min(Math.max(p[e], 0f), 1f);
            float b = (float) Math.ceil(pc * scale) - 1f;
            if (o.withEpsilon()) {
                b = Math.max(b, 0f);
            }
            int col = e % labels;
            int bucket = (int) b;
            if (bucket >= 0 && bucket < nt) {
                tpB[bucket * labels + col] += tl;
                fpB[bucket * labels + col] += fl;
            }
            totalTrue[col] += tl;
            totalFalse[col] += fl;
        }
        float[] tp = reverseCumsum(tpB, nt, labels);
        float[] fp = reverseCumsum(fpB, nt, labels);
        Map<Kind, float[]> d = new EnumMap<>(Kind.class);
        for (Kind k : state.keySet()) {
            float[] v = switch (k) {
                case TP -> tp;
                case FP -> fp;
                case TN -> minus(totalFalse, fp, labels);
                case FN -> minus(totalTrue, tp, labels);
            };
            d.put(k, v);
        }
        return d;
    }

    /** The general path: every prediction compared with every threshold. */
    private static Map<Kind, float[]> compared(Map<Kind, float[]> state, float[] p, float[] t, float[] w, int labels,
                                               Options o) {
        float[] thr = o.thresholds();
        Map<Kind, float[]> d = new EnumMap<>(Kind.class);
        for (Kind k : state.keySet()) {
            d.put(k, new float[thr.length * labels]);
        }
        float[] tp = d.get(Kind.TP);
        float[] fp = d.get(Kind.FP);
        float[] tn = d.get(Kind.TN);
        float[] fn = d.get(Kind.FN);
        for (int i = 0; i < thr.length; i++) {
            for (int e = 0; e < p.length; e++) {
                float weight = w == null ? 1f : w[e];
                boolean predPos = p[e] > thr[i];
                boolean labelPos = t[e] != 0f;
                int at = i * labels + e % labels;
                float[] target = labelPos ? (predPos ? tp : fn) : (predPos ? fp : tn);
                if (target != null) {
                    target[at] += weight;
                }
            }
        }
        return d;
    }

    private static float[] reverseCumsum(float[] b, int nt, int labels) {
        float[] out = new float[b.length];
        for (int col = 0; col < labels; col++) {
            float acc = 0f;
            for (int i = nt - 1; i >= 0; i--) {
                acc += b[i * labels + col];
                out[i * labels + col] = acc;
            }
        }
        return out;
    }

    private static float[] minus(float[] total, float[] counts, int labels) {
        float[] out = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = total[i % labels] - counts[i];
        }
        return out;
    }

    /** Keeps the k largest entries of each row (ties: the lower index, as {@code lax.top_k}); the rest become NEG_INF. */
    private static void filterTopK(float[] p, int c, int k) {
        boolean[] keep = new boolean[c];
        for (int r = 0; r < p.length / c; r++) {
            Arrays.fill(keep, false);
            for (int n = 0; n < k; n++) {
                int best = -1;
                for (int j = 0; j < c; j++) {
                    if (!keep[j] && (best < 0 || p[r * c + j] > p[r * c + best])) {
                        best = j;
                    }
                }
                keep[best] = true;
            }
            for (int j = 0; j < c; j++) {
                float m = keep[j] ? 1f : 0f;
                p[r * c + j] = p[r * c + j] * m + NEG_INF * (1f - m);
            }
        }
    }

    private static float[] column(float[] a, int c, int j) {
        float[] out = new float[a.length / c];
        for (int r = 0; r < out.length; r++) {
            out[r] = a[r * c + j];
        }
        return out;
    }

    private static float[] broadcast(Metric owner, String what, Tensor x, Shape target) {
        if (!x.shape().broadcastsTo(target)) {
            throw new IllegalArgumentException("Metric '" + owner.name() + "' (" + owner.className() + "): " + what
                    + " of shape " + x.shape() + " cannot be broadcast to y_pred's shape " + target);
        }
        return x.broadcastTo(target).toFloatArray();
    }

    // ------------------------------------------------------------------ thresholds

    /** Keras's {@code parse_init_thresholds}: each threshold must lie in [0, 1]. */
    static double[] checkThresholds(String owner, double[] thresholds) {
        for (double t : thresholds) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException(owner + ": threshold values must be in [0, 1]. Received: "
                        + Arrays.toString(thresholds));
            }
        }
        return thresholds;
    }

    /** Keras's {@code is_evenly_distributed_thresholds}: ≥ 3 thresholds, allclose to i/(T−1) (atol 1e-7, rtol 1e-5). */
    static boolean evenlyDistributed(double[] thresholds) {
        int n = thresholds.length;
        if (n < 3) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            double even = (float) i / (float) (n - 1);
            if (!(Math.abs(thresholds[i] - even) <= 1e-7 + 1e-5 * Math.abs(even))) {
                return false;
            }
        }
        return true;
    }

    static float[] toFloat32(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    /** Keras's {@code divide_no_nan}: 0 where the denominator is 0. */
    static float divNoNan(float a, float b) {
        return b == 0f ? 0f : a / b;
    }
}
