package kiln.nn.metrics;

import java.util.Map;
import kiln.nn.losses.Losses;
import kiln.tensor.Tensor;

/**
 * Keras {@code Hinge} (default name {@code "hinge"}): the running per-sample mean of the
 * hinge loss, mean(max(1 − y_true·y_pred, 0)) over the last axis; labels all in {0, 1} are first mapped to −1/1 ({@link Losses#hinge}).
 */
public class Hinge extends MeanMetricWrapper {
    public Hinge(String name) {
        super(name == null ? "hinge" : name, Hinge::hinge);
    }

    public Hinge() {
        this(null);
    }

    /** Per-sample values of Keras's {@code losses.hinge}, computed by {@link Losses#hinge} without a graph. */
    public static Tensor hinge(Tensor yTrue, Tensor yPred) {
        return LossFunctions.apply(Losses::hinge, yTrue, yPred);
    }

    @Override
    public String className() {
        return "Hinge";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
