package kiln.nn.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import kiln.nn.metrics.Confusion.Kind;
import kiln.tensor.Tensor;

/**
 * Keras {@code AUC}: area under the ROC or precision-recall curve, approximated from TP/FP/TN/FN
 * counts at {@code numThresholds} thresholds: −1e-7, i/(N−1) for i = 1..N−2, 1 + 1e-7 (or the
 * given {@code thresholds} with those two ends added). Riemann sums with "interpolation" (trapezoid;
 * for PR the Davis–Goadrich interpolation), "minoring" (min of the two heights) or "majoring" (max).
 * With {@code multiLabel} each label (column of 2-D y_pred) gets its own curve and the result is their
 * mean, or their {@code labelWeights}-weighted mean; otherwise all entries are pooled and
 * {@code labelWeights} weigh the columns' counts. {@code fromLogits} applies a sigmoid first.
 *
 * <pre>{@code
 * AUC auc = new AUC();
 * auc.updateState(Tensor.of(new float[] {0, 0, 1, 1}, 4), Tensor.of(new float[] {.1f, .4f, .35f, .8f}, 4));
 * auc.result()   // 0.75 (Keras: 0.75)
 * }</pre>
 */
public class AUC extends Metric {
    /** Which curve ({@code "ROC"}, {@code "PR"}, {@code "PRGAIN"}). */
    public enum Curve { ROC, PR, PRGAIN }

    /** How each interval's height is taken. */
    public enum Summation { INTERPOLATION, MINORING, MAJORING }

    private static final double EPSILON = 1e-7;

    private final int numThresholds;
    private final Curve curve;
    private final Summation summation;
    private final boolean multiLabel;
    private final Integer numLabels;
    private final double[] labelWeights;
    private final boolean fromLogits;
    private final double[] givenThresholds; // sorted, or null
    private final float[] thresholds;
    private final Confusion.Options options;
    private ConfusionCounts counts; // null until built (multi-label without numLabels)
    private int labels;

    /**
     * @param thresholds null for {@code numThresholds} evenly spaced ones; else values (sorted here) in
     *     [0, 1], and {@code numThresholds} becomes their count + 2
     * @param numLabels only with {@code multiLabel}: the number of labels, to build the state up front
     * @param labelWeights null, or one non-negative weight per label
     * @param name null for Keras's auto-name ("auc", "auc_1", ...)
     * @throws IllegalArgumentException for {@code numThresholds <= 1}, an unknown curve or summation
     *     method, or {@code numLabels} without {@code multiLabel}
     */
    public AUC(int numThresholds, String curve, String summationMethod, String name, double[] thresholds,
               boolean multiLabel, Integer numLabels, double[] labelWeights, boolean fromLogits) {
        super(name != null ? name : MetricNames.unique("auc"));
        this.curve = parseCurve(curve);
        this.summation = parseSummation(summationMethod);
        double[] all;
        boolean evenly;
        if (thresholds != null) {
            double[] sorted = thresholds.clone();
            Arrays.sort(sorted);
            this.givenThresholds = sorted;
            this.numThresholds = sorted.length + 2;
            double[] withEnds = new double[sorted.length + 2];
            System.arraycopy(sorted, 0, withEnds, 1, sorted.length);
            withEnds[withEnds.length - 1] = 1.0;
            evenly = Confusion.evenlyDistributed(withEnds);
            all = withEnds;
        } else {
            if (numThresholds <= 1) {
                throw new IllegalArgumentException("AUC: argument `num_thresholds` must be an integer > 1. Received: "
                        + "num_thresholds=" + numThresholds);
            }
            this.givenThresholds = null;
            this.numThresholds = numThresholds;
            all = new double[numThresholds];
            for (int i = 0; i < numThresholds - 2; i++) {
                all[i + 1] = (i + 1) * 1.0 / (numThresholds - 1);
            }
            evenly = true;
        }
        all[0] = 0.0 - EPSILON;
        all[all.length - 1] = 1.0 + EPSILON;
        this.thresholds = Confusion.toFloat32(all);
        this.multiLabel = multiLabel;
        this.numLabels = numLabels;
        this.labelWeights = labelWeights == null ? null : labelWeights.clone();
        this.fromLogits = fromLogits;
        this.options = Confusion.Options.of(this.thresholds, evenly, true, null, null, multiLabel,
                labelWeights == null ? null : Confusion.toFloat32(labelWeights));
        if (multiLabel) {
            if (numLabels != null && numLabels > 0) {
                build(numLabels);
            }
        } else {
            if (numLabels != null && numLabels > 0) {
                throw new IllegalArgumentException("AUC: `num_labels` is needed only when `multi_label` is True.");
            }
            build(1);
        }
    }

    /** ROC AUC with 200 thresholds and trapezoidal interpolation. */
    public AUC() {
        this(200, "ROC", "interpolation", null, null, false, null, null, false);
    }

    private static Curve parseCurve(String key) {
        return switch (key) {
            case "ROC", "roc" -> Curve.ROC;
            case "PR", "pr" -> Curve.PR;
            case "PRGAIN", "prgain" -> Curve.PRGAIN;
            default -> throw new IllegalArgumentException("AUC: invalid AUC curve value: \"" + key
                    + "\". Expected values are [\"PR\", \"ROC\", \"PRGAIN\"]");
        };
    }

    private static Summation parseSummation(String key) {
        return switch (key) {
            case "interpolation", "Interpolation" -> Summation.INTERPOLATION;
            case "majoring", "Majoring" -> Summation.MAJORING;
            case "minoring", "Minoring" -> Summation.MINORING;
            default -> throw new IllegalArgumentException("AUC: invalid AUC summation method value: \"" + key
                    + "\". Expected values are [\"interpolation\", \"majoring\", \"minoring\"]");
        };
    }

    private void build(int numLabels) {
        this.labels = numLabels;
        this.counts = new ConfusionCounts(numThresholds, numLabels, Kind.TP, Kind.FP, Kind.TN, Kind.FN);
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        if (multiLabel && yPred.rank() != 2) {
            throw shapeError(yTrue, yPred, "y_pred must have rank 2 when multi_label=True, found rank " + yPred.rank());
        }
        if (counts == null) {
            build(yPred.shape().last());
        }
        if (multiLabel && yPred.shape().last() != labels) {
            throw shapeError(yTrue, yPred, "expected " + labels + " labels (y_pred's last axis), as when built");
        }
        Tensor p = fromLogits ? yPred.toFloat().sigmoid() : yPred;
        Confusion.update(this, counts, yTrue, p, sampleWeight, options);
    }

    @Override
    public float result() {
        return counts == null ? 0f : area(counts.read());
    }

    @Override
    public DoubleSupplier deferredResult() {
        if (counts == null) {
            return () -> 0.0;
        }
        Supplier<Map<Kind, float[]>> now = counts.snapshot();
        return () -> area(now.get());
    }

    /** The area from the host copy of the counts. */
    private float area(Map<Kind, float[]> counts) {
        int n = numThresholds;
        float[] tp = counts.get(Kind.TP);
        float[] fp = counts.get(Kind.FP);
        float[] tn = counts.get(Kind.TN);
        float[] fn = counts.get(Kind.FN);
        float[] byLabel = new float[labels];
        for (int l = 0; l < labels; l++) {
            float sum = 0f;
            for (int i = 0; i < n - 1; i++) {
                int a = i * labels + l;
                int b = (i + 1) * labels + l;
                sum += curve == Curve.PR && summation == Summation.INTERPOLATION
                        ? prInterpolationTerm(tp[a], tp[b], fp[a], fp[b], fn[b])
                        : riemannTerm(x(tp, fp, tn, fn, a), x(tp, fp, tn, fn, b), y(tp, fp, tn, fn, a), y(tp, fp, tn, fn, b));
            }
            byLabel[l] = sum;
        }
        if (!multiLabel) {
            return byLabel[0];
        }
        if (labelWeights == null) {
            float s = 0f;
            for (float v : byLabel) {
                s += v;
            }
            return s / labels;
        }
        float num = 0f;
        float den = 0f;
        for (int l = 0; l < labels; l++) {
            num += byLabel[l] * (float) labelWeights[l];
            den += (float) labelWeights[l];
        }
        return Confusion.divNoNan(num, den);
    }

    /** Davis–Goadrich interpolation of precision between two thresholds (Keras's {@code interpolate_pr_auc}). */
    private static float prInterpolationTerm(float tpA, float tpB, float fpA, float fpB, float fnB) {
        float dtp = tpA - tpB;
        float pA = tpA + fpA;
        float pB = tpB + fpB;
        float dp = pA - pB;
        float precSlope = Confusion.divNoNan(dtp, Math.max(dp, 0f));
        float intercept = tpB - precSlope * pB;
        float safeRatio = pA > 0f && pB > 0f ? Confusion.divNoNan(pA, Math.max(pB, 0f)) : 1f;
        return Confusion.divNoNan(precSlope * (dtp + intercept * (float) Math.log(safeRatio)), Math.max(tpB + fnB, 0f));
    }

    private float riemannTerm(float xA, float xB, float yA, float yB) {
        float h = switch (summation) {
            case INTERPOLATION -> (yA + yB) / 2f;
            case MINORING -> Math.min(yA, yB);
            case MAJORING -> Math.max(yA, yB);
        };
        return (xA - xB) * h;
    }

    private float x(float[] tp, float[] fp, float[] tn, float[] fn, int i) {
        return switch (curve) {
            case ROC -> Confusion.divNoNan(fp[i], fp[i] + tn[i]);
            case PR -> Confusion.divNoNan(tp[i], tp[i] + fn[i]);
            case PRGAIN -> {
                float scaling = Confusion.divNoNan(tp[i] + fn[i], tn[i] + fp[i]);
                float recallGain = 1f - scaling * Confusion.divNoNan(fn[i], tp[i]);
                yield Math.max(tp[i] == 0f ? 0f : recallGain, 0f);
            }
        };
    }

    private float y(float[] tp, float[] fp, float[] tn, float[] fn, int i) {
        return switch (curve) {
            case ROC -> Confusion.divNoNan(tp[i], tp[i] + fn[i]);
            case PR -> Confusion.divNoNan(tp[i], tp[i] + fp[i]);
            case PRGAIN -> {
                float scaling = Confusion.divNoNan(tp[i] + fn[i], tn[i] + fp[i]);
                float precisionGain = 1f - scaling * Confusion.divNoNan(fp[i], tp[i]);
                yield tp[i] == 0f ? 1f : precisionGain;
            }
        };
    }

    @Override
    public void resetState() {
        if (counts != null) {
            counts.reset();
        }
    }

    /** The thresholds in use, both ends included (float32). */
    public float[] thresholds() {
        return thresholds.clone();
    }

    public int numThresholds() {
        return numThresholds;
    }

    @Override
    public String className() {
        return "AUC";
    }

    /** Keras's keys and order; {@code thresholds} (without the two ends) only when they were given. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("num_thresholds", numThresholds);
        m.put("curve", curve.name());
        m.put("summation_method", summation.name().toLowerCase(Locale.ROOT));
        m.put("multi_label", multiLabel);
        m.put("num_labels", numLabels);
        m.put("label_weights", labelWeights == null ? null : list(float32(labelWeights)));
        m.put("from_logits", fromLogits);
        if (givenThresholds != null) {
            m.put("thresholds", list(givenThresholds));
        }
        return m;
    }

    /** Keras keeps label_weights as a float32 tensor, so its config shows float32 values. */
    private static double[] float32(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (float) a[i];
        }
        return r;
    }

    private static List<Object> list(double[] a) {
        List<Object> l = new ArrayList<>();
        for (double x : a) {
            l.add(x);
        }
        return l;
    }
}
