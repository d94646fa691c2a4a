package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code TopKCategoricalAccuracy}: argmax(y_true) is among the k largest predictions. As Keras
 * ({@code ops.in_top_k}), the label's rank is 1 + the number of classes scored strictly higher, so
 * ties with the label's score count in its favour.
 */
public class TopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;

    public TopKCategoricalAccuracy(int k, String name) {
        super(name == null ? "top_k_categorical_accuracy" : name, (t, p) -> topKCategoricalAccuracy(t, p, k));
        if (k < 1) {
            throw new IllegalArgumentException("TopKCategoricalAccuracy: k must be a positive integer. Received: k=" + k);
        }
        this.k = k;
    }

    public TopKCategoricalAccuracy() {
        this(5, null);
    }

    /** Per-sample 1.0 / 0.0 (Keras {@code metrics.top_k_categorical_accuracy}). */
    public static Tensor topKCategoricalAccuracy(Tensor yTrue, Tensor yPred, int k) {
        if (!yTrue.shape().equals(yPred.shape())) {
            throw new IllegalArgumentException("y_true (one-hot) and y_pred must have the same shape");
        }
        Tensor labels = yTrue.toFloat().argmax(-1);
        return inTopK(labels, yPred, k).reshape(labels.shape());
    }

    /**
     * Keras's {@code in_top_k} over the rows of y_pred (flattened to [-1, classes]), on y_pred's device: 1.0
     * where 1 + #{scores &gt; score[label]} ≤ k. {@code labels} holds one integer class id per row (int32, or
     * float32 already truncated); a negative id counts from the end, as NumPy. A NaN score at the label, or an id
     * outside [-classes, classes), never matches.
     */
    static Tensor inTopK(Tensor labels, Tensor yPred, int k) {
        int c = yPred.shape().last();
        Tensor p = yPred.toFloat().reshape(-1, c);
        Tensor id = labels.toFloat().reshape(-1, 1);
        Tensor zero = p.scalarLike(0f);
        id = Tensor.where(id.lt(zero), id.add(c), id);
        Tensor isLabel = id.eq(Tensor.arange(c).to(p.device()).reshape(1, c)); // a row of zeros when out of range
        Tensor at = Tensor.where(isLabel, p, zero).sum(1, true);
        Tensor found = isLabel.sum(1, true).mul(at.eq(at)); // in range, and the score is not NaN
        at = Tensor.where(found, at, p.scalarLike(Float.NEGATIVE_INFINITY));
        Tensor higher = p.gt(at).sum(1, false);
        return higher.lt(higher.scalarLike(k));
    }

    public int k() {
        return k;
    }

    @Override
    public String className() {
        return "TopKCategoricalAccuracy";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("k", k);
        return m;
    }
}
