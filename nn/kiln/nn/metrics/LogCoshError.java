package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code LogCoshError} (default name {@code "logcosh"}): mean(log(cosh(y_pred − y_true))), computed
 * as x + softplus(−2x) − log 2, which does not overflow for large |x|.
 */
public class LogCoshError extends MeanMetricWrapper {
    /** log(2) in float32, as Keras's {@code ops.log(2.0)}. */
    private static final float LOG2 = (float) Math.log(2.0);

    public LogCoshError(String name) {
        super(name == null ? "logcosh" : name, LogCoshError::logCosh);
    }

    public LogCoshError() {
        this(null);
    }

    /** mean(x + softplus(−2x) − log 2, axis=−1), x = y_pred − y_true (Keras {@code losses.log_cosh}). */
    public static Tensor logCosh(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = SameRank.floats(yTrue, yPred);
        Tensor x = tp[1].sub(tp[0]);
        return x.add(x.mul(-2f).softplus()).sub(LOG2).mean(new int[] {-1}, false);
    }

    @Override
    public String className() {
        return "LogCoshError";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
