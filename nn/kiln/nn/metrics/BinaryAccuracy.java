package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code BinaryAccuracy}: a prediction is 1 when y_pred is strictly greater than
 * {@code threshold} (0.5 by default, so 0.5 itself predicts 0) and is right when it equals y_true
 * exactly, so labels must be 0/1. Multi-label rows count as the mean over their labels.
 */
public class BinaryAccuracy extends MeanMetricWrapper {
    private final double threshold;

    public BinaryAccuracy(String name, double threshold) {
        super(name == null ? "binary_accuracy" : name, (t, p) -> binaryAccuracy(t, p, threshold));
        this.threshold = threshold;
    }

    public BinaryAccuracy() {
        this(null, 0.5);
    }

    /** 1.0 where y_true == (y_pred &gt; threshold ? 1 : 0) (Keras {@code metrics.binary_accuracy}). */
    public static Tensor binaryAccuracy(Tensor yTrue, Tensor yPred, double threshold) {
        Tensor[] tp = SameRank.of(yTrue.toFloat(), yPred.toFloat());
        Tensor predicted = tp[1].gt(tp[1].scalarLike((float) threshold));
        return tp[0].eq(predicted);
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public String className() {
        return "BinaryAccuracy";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("threshold", threshold);
        return m;
    }
}
