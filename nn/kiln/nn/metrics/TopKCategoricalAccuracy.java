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
        return inTopK(labels.toIntArray(), yPred, k).reshape(labels.shape());
    }

    /**
     * Keras's {@code in_top_k} over the rows of y_pred (flattened to [-1, classes]): 1.0 where
     * 1 + #{scores &gt; score[label]} ≤ k. A NaN score at the label, or a label outside
     * [-classes, classes) (negative ones count from the end, as NumPy), never matches.
     */
    static Tensor inTopK(int[] labels, Tensor yPred, int k) {
        int c = yPred.shape().last();
        float[] p = yPred.toFloat().toFloatArray();
        float[] out = new float[labels.length];
        for (int r = 0; r < labels.length; r++) {
            int label = labels[r] < 0 ? labels[r] + c : labels[r];
            float at = label >= 0 && label < c ? p[r * c + label] : Float.NaN;
            if (Float.isNaN(at)) {
                at = Float.NEGATIVE_INFINITY;
            }
            int higher = 0;
            for (int j = 0; j < c; j++) {
                higher += p[r * c + j] > at ? 1 : 0;
            }
            out[r] = 1 + higher <= k ? 1f : 0f;
        }
        return Tensor.of(out, labels.length);
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
