package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code MeanSquaredError}: the running per-sample mean of (y_true − y_pred)² over the last axis.
 */
public class MeanSquaredError extends MeanMetricWrapper {
    public MeanSquaredError(String name) {
        super(name == null ? "mean_squared_error" : name, MeanSquaredError::meanSquaredError);
    }

    public MeanSquaredError() {
        this(null);
    }

    /** mean((y_true − y_pred)², axis=−1) after rank matching (Keras {@code losses.mean_squared_error}). */
    public static Tensor meanSquaredError(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = SameRank.floats(yTrue, yPred);
        return tp[0].sub(tp[1]).square().mean(new int[] {-1}, false);
    }

    @Override
    public String className() {
        return "MeanSquaredError";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
