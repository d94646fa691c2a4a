package kiln.nn.metrics;

import java.util.Map;
import kiln.nn.losses.Losses;
import kiln.tensor.Tensor;

/**
 * Keras {@code CategoricalHinge} (default name {@code "categorical_hinge"}): the running per-sample mean of the
 * categorical_hinge loss, max(max((1 − y_true)·y_pred) − Σ y_true·y_pred + 1, 0) over the last axis ({@link Losses#categoricalHinge}).
 */
public class CategoricalHinge extends MeanMetricWrapper {
    public CategoricalHinge(String name) {
        super(name == null ? "categorical_hinge" : name, CategoricalHinge::categoricalHinge);
    }

    public CategoricalHinge() {
        this(null);
    }

    /** Per-sample values of Keras's {@code losses.categorical_hinge}, computed by {@link Losses#categoricalHinge} without a graph. */
    public static Tensor categoricalHinge(Tensor yTrue, Tensor yPred) {
        return LossFunctions.apply(Losses::categoricalHinge, yTrue, yPred);
    }

    @Override
    public String className() {
        return "CategoricalHinge";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
