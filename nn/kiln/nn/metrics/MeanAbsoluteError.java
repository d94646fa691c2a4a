package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code MeanAbsoluteError}: the running per-sample mean of |y_true − y_pred| over the last axis.
 */
public class MeanAbsoluteError extends MeanMetricWrapper {
    public MeanAbsoluteError(String name) {
        super(name == null ? "mean_absolute_error" : name, MeanAbsoluteError::meanAbsoluteError);
    }

    public MeanAbsoluteError() {
        this(null);
    }

    /** mean(|y_true − y_pred|, axis=−1) after rank matching (Keras {@code losses.mean_absolute_error}). */
    public static Tensor meanAbsoluteError(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = SameRank.floats(yTrue, yPred);
        return tp[0].sub(tp[1]).abs().mean(new int[] {-1}, false);
    }

    @Override
    public String className() {
        return "MeanAbsoluteError";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
