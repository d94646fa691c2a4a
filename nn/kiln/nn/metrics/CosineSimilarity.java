package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code CosineSimilarity}: Σ n(y_true)·n(y_pred) along {@code axis} (default −1), positive, unlike
 * the loss. n(x) = x · min(1/‖x‖, 1e7), so an all-zero vector gives 0. As Keras, the config does not
 * record {@code axis}.
 */
public class CosineSimilarity extends MeanMetricWrapper {
    private static final float INV_EPSILON = 1e7f;
    private final int axis;

    public CosineSimilarity(String name, int axis) {
        super(name == null ? "cosine_similarity" : name, (t, p) -> cosineSimilarity(t, p, axis));
        this.axis = axis;
    }

    public CosineSimilarity() {
        this(null, -1);
    }

    /** Σ_axis n(t)·n(p) (Keras {@code metrics.cosine_similarity}). */
    public static Tensor cosineSimilarity(Tensor yTrue, Tensor yPred, int axis) {
        Tensor[] tp = SameRank.of(yTrue.toFloat(), yPred.toFloat());
        return normalize(tp[0], axis).mul(normalize(tp[1], axis)).sum(axis, false);
    }

    /** Keras's L2 {@code ops.normalize}: x · min(rsqrt(Σ x²), 1/ε). */
    static Tensor normalize(Tensor x, int axis) {
        Tensor inv = x.square().sum(axis, true).rsqrt();
        return x.mul(inv.minimum(inv.scalarLike(INV_EPSILON)));
    }

    public int axis() {
        return axis;
    }

    @Override
    public String className() {
        return "CosineSimilarity";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
