package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code MeanAbsolutePercentageError}: 100 · mean(|(y_true − y_pred) / max(|y_true|, 1e-7)|): a zero
 * target divides by 1e-7, so the value explodes exactly as in Keras.
 */
public class MeanAbsolutePercentageError extends MeanMetricWrapper {
    /** Keras's {@code backend.epsilon()}. */
    static final float EPSILON = 1e-7f;

    public MeanAbsolutePercentageError(String name) {
        super(name == null ? "mean_absolute_percentage_error" : name, MeanAbsolutePercentageError::meanAbsolutePercentageError);
    }

    public MeanAbsolutePercentageError() {
        this(null);
    }

    /** 100 · mean(|(t − p) / max(|t|, ε)|, axis=−1), ε = 1e-7 (Keras {@code losses.mean_absolute_percentage_error}). */
    public static Tensor meanAbsolutePercentageError(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = SameRank.floats(yTrue, yPred);
        Tensor denom = tp[0].abs().maximum(tp[0].scalarLike(EPSILON));
        return tp[0].sub(tp[1]).div(denom).abs().mean(new int[] {-1}, false).mul(100f);
    }

    @Override
    public String className() {
        return "MeanAbsolutePercentageError";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
