package kiln.nn.metrics;

import java.util.Map;
import kiln.nn.losses.Losses;
import kiln.tensor.Tensor;

/**
 * Keras {@code SquaredHinge} (default name {@code "squared_hinge"}): the running per-sample mean of the
 * squared_hinge loss, mean(max(1 − y_true·y_pred, 0)²) over the last axis; labels all in {0, 1} are first mapped to −1/1 ({@link Losses#squaredHinge}).
 */
public class SquaredHinge extends MeanMetricWrapper {
    public SquaredHinge(String name) {
        super(name == null ? "squared_hinge" : name, SquaredHinge::squaredHinge);
    }

    public SquaredHinge() {
        this(null);
    }

    /** Per-sample values of Keras's {@code losses.squared_hinge}, computed by {@link Losses#squaredHinge} without a graph. */
    public static Tensor squaredHinge(Tensor yTrue, Tensor yPred) {
        return LossFunctions.apply(Losses::squaredHinge, yTrue, yPred);
    }

    @Override
    public String className() {
        return "SquaredHinge";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
