package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code MeanSquaredLogarithmicError}: mean((log(max(p, ε) + 1) − log(max(t, ε) + 1))²), ε = 1e-7, so
 * negative values are clamped to ε.
 */
public class MeanSquaredLogarithmicError extends MeanMetricWrapper {
    /** Keras's {@code backend.epsilon()}. */
    static final float EPSILON = 1e-7f;

    public MeanSquaredLogarithmicError(String name) {
        super(name == null ? "mean_squared_logarithmic_error" : name, MeanSquaredLogarithmicError::meanSquaredLogarithmicError);
    }

    public MeanSquaredLogarithmicError() {
        this(null);
    }

    /** mean((log(max(p, ε) + 1) − log(max(t, ε) + 1))², axis=−1) (Keras {@code losses.mean_squared_logarithmic_error}). */
    public static Tensor meanSquaredLogarithmicError(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = SameRank.floats(yTrue, yPred);
        Tensor eps = tp[0].scalarLike(EPSILON);
        Tensor first = tp[1].maximum(eps).add(1f).log();
        Tensor second = tp[0].maximum(eps).add(1f).log();
        return first.sub(second).square().mean(new int[] {-1}, false);
    }

    @Override
    public String className() {
        return "MeanSquaredLogarithmicError";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
