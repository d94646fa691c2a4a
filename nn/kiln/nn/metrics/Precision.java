package kiln.nn.metrics;

import java.util.Map;
import kiln.nn.metrics.Confusion.Kind;

/**
 * Keras {@code Precision}: TP / (TP + FP) per threshold (0 when nothing was predicted positive). A
 * prediction is positive when strictly above the threshold (default 0.5); with {@code topK} only the
 * k highest-scoring classes of each row can be positive (threshold then −∞ unless given); with
 * {@code classId} only that column of 2-D y_true / y_pred counts.
 *
 * <pre>{@code
 * Precision p = new Precision();
 * p.updateState(Tensor.of(new float[] {0, 1, 1, 1}, 4), Tensor.of(new float[] {1, 0, 1, 1}, 4));
 * p.result()   // 2 / 3
 * }</pre>
 */
public class Precision extends ThresholdMetric {

    /**
     * @param thresholds null (0.5), or values in [0, 1]: one value per threshold in {@link #resultTensor()}
     * @param topK null, or how many top classes per row may count as positive
     * @param classId null, or the one class (column) to measure
     * @param name null for Keras's auto-name ("precision", "precision_1", ...)
     */
    public Precision(double[] thresholds, Integer topK, Integer classId, String name) {
        this((Object) thresholds, topK, classId, name);
    }

    /** One threshold (the config records it as a number, not a list). */
    public Precision(double threshold) {
        this((Object) threshold, null, null, null);
    }

    public Precision() {
        this((Object) null, null, null, null);
    }

    Precision(Object thresholds, Integer topK, Integer classId, String name) {
        super(name != null ? name : MetricNames.unique("precision"), thresholds, topK, classId, Kind.TP, Kind.FP);
    }

    @Override
    float[] values(Map<Kind, float[]> counts) {
        float[] tp = counts.get(Kind.TP);
        float[] fp = counts.get(Kind.FP);
        float[] r = new float[tp.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Confusion.divNoNan(tp[i], tp[i] + fp[i]);
        }
        return r;
    }

    @Override
    public String className() {
        return "Precision";
    }

    @Override
    public Map<String, Object> getConfig() {
        return fullConfig();
    }
}
