package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code CategoricalAccuracy}: argmax(y_true) == argmax(y_pred) along the last axis; ties go to
 * the first (lowest) index on both sides. y_true is one-hot (or any scores) of y_pred's shape.
 */
public class CategoricalAccuracy extends MeanMetricWrapper {
    public CategoricalAccuracy(String name) {
        super(name == null ? "categorical_accuracy" : name, CategoricalAccuracy::categoricalAccuracy);
    }

    public CategoricalAccuracy() {
        this(null);
    }

    /**
     * Per-sample 1.0 / 0.0 (Keras {@code metrics.categorical_accuracy}).
     *
     * @throws IllegalArgumentException when the shapes differ (Keras would compare two argmaxes of
     *     different widths without complaint; a one-hot of the wrong width is always a bug)
     */
    public static Tensor categoricalAccuracy(Tensor yTrue, Tensor yPred) {
        if (!yTrue.shape().equals(yPred.shape())) {
            throw new IllegalArgumentException("y_true (one-hot) and y_pred must have the same shape");
        }
        Tensor t = yTrue.toFloat().argmax(-1).toFloat();
        Tensor p = yPred.toFloat().argmax(-1).toFloat();
        return t.eq(p);
    }

    @Override
    public String className() {
        return "CategoricalAccuracy";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
