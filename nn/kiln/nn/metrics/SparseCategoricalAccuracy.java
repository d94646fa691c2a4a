package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Keras {@code SparseCategoricalAccuracy}: integer labels (int32 or float32, shape y_pred's without
 * its last axis, or with a trailing 1) against argmax(y_pred) (first index on ties), compared as
 * floats, so a label 2.5 never matches.
 */
public class SparseCategoricalAccuracy extends MeanMetricWrapper {
    public SparseCategoricalAccuracy(String name) {
        super(name == null ? "sparse_categorical_accuracy" : name, SparseCategoricalAccuracy::sparseCategoricalAccuracy);
    }

    public SparseCategoricalAccuracy() {
        this(null);
    }

    /** Per-sample 1.0 / 0.0 (Keras {@code metrics.sparse_categorical_accuracy}). */
    public static Tensor sparseCategoricalAccuracy(Tensor yTrue, Tensor yPred) {
        return yPred.toFloat().argmaxMatches(squeezeLabels(yTrue, yPred));
    }

    /** Labels of shape y_pred.shape[:-1] (a trailing 1 of equal rank squeezed), or an error. */
    static Tensor squeezeLabels(Tensor yTrue, Tensor yPred) {
        Tensor t = yTrue;
        if (t.rank() == yPred.rank() && t.rank() > 0 && t.shape().last() == 1) {
            t = t.reshape(SameRank.drop(t.shape()));
        }
        if (yPred.rank() < 1 || !t.shape().equals(SameRank.drop(yPred.shape()))) {
            throw new IllegalArgumentException("sparse labels must have y_pred's shape without its last (class) axis"
                    + (yPred.rank() >= 1 ? ", i.e. " + SameRank.drop(yPred.shape()) + " or " + withOne(yPred.shape()) : ""));
        }
        return t;
    }

    private static Shape withOne(Shape s) {
        return s.with(-1, 1);
    }

    @Override
    public String className() {
        return "SparseCategoricalAccuracy";
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }
}
