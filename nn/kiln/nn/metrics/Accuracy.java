package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code Accuracy}: how often y_pred equals y_true exactly (after rank matching). Not what the
 * {@code "accuracy"} string means in compile: that is resolved by shapes, see {@link Metrics#resolve}.
 */
public class Accuracy extends MeanMetricWrapper {
    public Accuracy(String name) {
        super(name == null ? "accuracy" : name, Accuracy::accuracy);
    }

    public Accuracy() {
        this(null);
    }

    /** 1.0 where y_true == y_pred, else 0.0 (Keras {@code metrics.accuracy}). */
    public static Tensor accuracy(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = SameRank.of(yTrue.toFloat(), yPred.toFloat());
        return tp[0].eq(tp[1]);
    }

    @Override
    public String className() {
        return "Accuracy";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
