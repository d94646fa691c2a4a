package kiln.nn.metrics;

import java.util.Map;
import kiln.nn.losses.Losses;
import kiln.tensor.Tensor;

/**
 * Keras {@code KLDivergence} (default name {@code "kl_divergence"}): the running per-sample mean of the
 * kl_divergence loss, Σ y_true·log(y_true / y_pred) over the last axis, both clipped to [1e-7, 1] ({@link Losses#klDivergence}).
 */
public class KLDivergence extends MeanMetricWrapper {
    public KLDivergence(String name) {
        super(name == null ? "kl_divergence" : name, KLDivergence::klDivergence);
    }

    public KLDivergence() {
        this(null);
    }

    /** Per-sample values of Keras's {@code losses.kl_divergence}, computed by {@link Losses#klDivergence} without a graph. */
    public static Tensor klDivergence(Tensor yTrue, Tensor yPred) {
        return LossFunctions.apply(Losses::klDivergence, yTrue, yPred);
    }

    @Override
    public String className() {
        return "KLDivergence";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
