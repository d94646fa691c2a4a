package kiln.nn.metrics;

import java.util.Map;
import kiln.nn.losses.Losses;
import kiln.tensor.Tensor;

/**
 * Keras {@code Poisson} (default name {@code "poisson"}): the running per-sample mean of the
 * poisson loss, mean(y_pred − y_true·log(y_pred + 1e-7)) over the last axis ({@link Losses#poisson}).
 */
public class Poisson extends MeanMetricWrapper {
    public Poisson(String name) {
        super(name == null ? "poisson" : name, Poisson::poisson);
    }

    public Poisson() {
        this(null);
    }

    /** Per-sample values of Keras's {@code losses.poisson}, computed by {@link Losses#poisson} without a graph. */
    public static Tensor poisson(Tensor yTrue, Tensor yPred) {
        return LossFunctions.apply(Losses::poisson, yTrue, yPred);
    }

    @Override
    public String className() {
        return "Poisson";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
