package kiln.nn.metrics;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import kiln.tensor.BinaryOp;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * Keras's {@code metrics_utils.update_confusion_matrix_variables}: weighted true/false positive and
 * negative counts per threshold (and per label for multi-label AUC), computed with tensor operations on the
 * predictions' device and added to a {@link ConfusionCounts}.
 *
 * <p>A label is positive when y_true ≠ 0; a prediction is positive when y_pred is strictly greater than
 * the threshold. Thresholds spread evenly over [0, 1] (AUC's defaults, or Precision with
 * {@code [0, .25, .5, .75, 1]}) take Keras's bucketed path: y_pred is clipped to [0, 1] and falls into
 * bucket ceil(y_pred·(T−1)) − 1, counted for every threshold at or below it. That is the strict
 * comparison up to rounding, except that it clips, so a prediction above 1 never counts for the
 * threshold 1; it is reproduced as is, so counts agree with Keras's exactly. A NaN prediction is below
 * every threshold.
 *
 * <p>Both paths compare every entry with every threshold ({@code [rows, T, L]}), in pieces of rows small
 * enough to bound that temporary; unweighted counts are exact, weighted ones are float32 sums.
 */
final class Confusion {
    /** Keras's {@code NEG_INF}: what top_k filtering writes over the predictions it drops. */
    static final float NEG_INF = -1e10f;

    /** The most elements of one piece's comparison tensor (16 MiB of float32). */
    private static final long PIECE = 1L << 22;

    enum Kind { TP, FP, TN, FN }

    private Confusion() {}

    /**
     * The fixed arguments of a metric's updates (Keras's keyword arguments). {@code levels} is what each entry
     * is compared with, shaped {@code [1, T, 1]}: the thresholds, or on the bucketed path the bucket indices
     * 0..T−1.
     */
    record Options(DeviceConstant levels, int thresholdCount, boolean evenly, boolean withEpsilon, Integer topK,
                   Integer classId, boolean multiLabel, DeviceConstant labelWeights) {

        /** Options for these thresholds; {@code labelWeights} null for none. */
        static Options of(float[] thresholds, boolean evenly, boolean withEpsilon, Integer topK, Integer classId,
                          boolean multiLabel, float[] labelWeights) {
            int t = thresholds.length;
            float[] levels = evenly ? new float[t] : thresholds;
            if (evenly) {
                for (int i = 0; i < t; i++) {
                    levels[i] = i;
                }
            }
            return new Options(new DeviceConstant(levels, 1, t, 1), t, evenly, withEpsilon, topK, classId, multiLabel,
                    labelWeights == null ? null : new DeviceConstant(labelWeights, 1, labelWeights.length));
        }
    }

    static void update(Metric owner, ConfusionCounts counts, Tensor yTrue, Tensor yPred, Tensor sampleWeight, Options o) {
        Shape[] s = SameRank.shapes(yPred.shape(), yTrue.shape(), true);
        if (!s[0].equals(s[1])) {
            throw owner.shapeError(yTrue, yPred, "y_true and y_pred must have the same shape (a trailing axis of 1 "
                    + "may be squeezed or added)");
        }
        int[] dims = s[0].dims();
        Tensor p = yPred.toFloat().reshape(s[0]);
        Tensor t = yTrue.toFloat().reshape(s[1]);
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
            p = keepTopK(p, o.topK());
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
            p = p.narrow(dims.length - 1, o.classId(), 1);
            t = t.narrow(dims.length - 1, o.classId(), 1);
            dims = dims.clone();
            dims[dims.length - 1] = 1;
        }
        Shape predShape = Shape.of(dims);
        Tensor w = null;
        if (sampleWeight != null) {
            w = broadcast(owner, "sample_weight", sampleWeight.toFloat().reshape(swShape), predShape);
        }
        if (o.labelWeights() != null && !o.multiLabel()) {
            Tensor lw = broadcast(owner, "label_weights", o.labelWeights().on(p.device()), predShape);
            w = w == null ? lw : w.mul(lw);
        }
        int labels = o.multiLabel() ? dims[dims.length - 1] : 1;
        if (labels != counts.labels()) {
            throw owner.shapeError(yTrue, yPred, "expected " + counts.labels() + " labels in y_pred's last axis, as in "
                    + "earlier batches, got " + labels);
        }
        // one row per sample (per entry when not multi-label), one column per label
        p = p.reshape(-1, labels);
        Tensor positive = t.reshape(-1, labels).ne(p.scalarLike(0f));
        Tensor negative = positive.neg().add(1f);
        Tensor wt = w == null ? positive : positive.mul(w.reshape(-1, labels)); // weight of each positive label
        Tensor wf = w == null ? negative : negative.mul(w.reshape(-1, labels)); // ... and of each negative one
        Tensor levels = o.levels().on(p.device());
        counts.add(o.evenly() ? bucketed(counts, p, wt, wf, levels, o) : compared(counts, p, wt, wf, levels));
    }

    /** Keras's {@code _update_confusion_matrix_variables_optimized}: TP/FP are counts at or above each bucket. */
    private static Map<Kind, Tensor> bucketed(ConfusionCounts counts, Tensor p, Tensor wt, Tensor wf, Tensor levels,
                                              Options o) {
        Tensor bucket = p.clip(0f, 1f).mul(o.thresholdCount() - 1).unary(UnaryOp.CEIL, 0f, 0f).sub(1f);
        if (o.withEpsilon()) {
            bucket = bucket.clip(0f, Float.MAX_VALUE);
        }
        // a bucket counts at thresholds 0..bucket: those whose index it is at or above
        Tensor tp = sumOverRows(bucket, BinaryOp.GE, levels, true, wt);
        Tensor fp = sumOverRows(bucket, BinaryOp.GE, levels, true, wf);
        Map<Kind, Tensor> d = new EnumMap<>(Kind.class);
        for (Kind k : counts.kinds()) {
            d.put(k, switch (k) {
                case TP -> tp;
                case FP -> fp;
                case TN -> wf.sum(0, true).sub(fp);
                case FN -> wt.sum(0, true).sub(tp);
            });
        }
        return d;
    }

    /** The general path: every prediction compared with every threshold, each count summed directly. */
    private static Map<Kind, Tensor> compared(ConfusionCounts counts, Tensor p, Tensor wt, Tensor wf, Tensor levels) {
        Map<Kind, Tensor> d = new EnumMap<>(Kind.class);
        for (Kind k : counts.kinds()) {
            d.put(k, switch (k) {
                case TP -> sumOverRows(p, BinaryOp.GT, levels, true, wt);
                case FP -> sumOverRows(p, BinaryOp.GT, levels, true, wf);
                case TN -> sumOverRows(p, BinaryOp.GT, levels, false, wf);
                case FN -> sumOverRows(p, BinaryOp.GT, levels, false, wt);
            });
        }
        return d;
    }

    /**
     * {@code Σ_rows [x op level] · weight} as a {@code [T, L]} tensor, or with {@code holds} false the sum over the
     * entries where {@code x op level} does not hold (NaN included); x and weight are {@code [rows, L]}, levels
     * {@code [1, T, 1]}.
     */
    private static Tensor sumOverRows(Tensor x, BinaryOp op, Tensor levels, boolean holds, Tensor weight) {
        int rows = x.dim(0);
        int t = levels.dim(1);
        int piece = (int) Math.max(1, Math.min(rows, PIECE / ((long) t * x.dim(1))));
        Tensor total = null;
        for (int r = 0; r < rows || total == null; r += piece) {
            int n = Math.min(piece, rows - r);
            Tensor hit = x.narrow(0, r, n).unsqueeze(1).binary(op, levels); // [n, T, L]
            if (!holds) {
                hit = hit.neg().add(1f);
            }
            Tensor part = hit.mul(weight.narrow(0, r, n).unsqueeze(1)).sum(0, false);
            total = total == null ? part : total.add(part);
        }
        return total;
    }

    /**
     * Keeps the k largest entries of each row (ties: the lower index, as {@code lax.top_k}); the rest become
     * NEG_INF. An entry is kept when fewer than k entries of its row come before it: higher, or equal at a
     * lower index.
     */
    private static Tensor keepTopK(Tensor p, int k) {
        int c = p.shape().last();
        Tensor rows = p.reshape(-1, c);
        Tensor index = Tensor.arange(c).to(p.device());
        Tensor lowerIndex = index.unsqueeze(1).lt(index.unsqueeze(0)); // [j', j]: j' < j
        int piece = (int) Math.max(1, Math.min(rows.dim(0), PIECE / ((long) c * c)));
        Tensor[] kept = new Tensor[Math.max(1, (rows.dim(0) + piece - 1) / piece)];
        for (int i = 0; i < kept.length; i++) {
            int r = i * piece;
            Tensor part = rows.narrow(0, r, Math.min(piece, rows.dim(0) - r));
            Tensor other = part.unsqueeze(2); // [r, j', 1]
            Tensor self = part.unsqueeze(1);  // [r, 1, j]
            Tensor before = other.gt(self).add(other.eq(self).mul(lowerIndex)).sum(1, false);
            Tensor keep = before.lt(before.scalarLike(k));
            kept[i] = part.mul(keep).add(keep.neg().add(1f).mul(NEG_INF));
        }
        return (kept.length == 1 ? kept[0] : Tensor.concat(0, kept)).reshape(p.shape());
    }

    private static Tensor broadcast(Metric owner, String what, Tensor x, Shape target) {
        if (!x.shape().broadcastsTo(target)) {
            throw new IllegalArgumentException("Metric '" + owner.name() + "' (" + owner.className() + "): " + what
                    + " of shape " + x.shape() + " cannot be broadcast to y_pred's shape " + target);
        }
        return x.broadcastTo(target);
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
