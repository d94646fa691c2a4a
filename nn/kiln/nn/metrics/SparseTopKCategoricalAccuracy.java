package kiln.nn.metrics;

import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code SparseTopKCategoricalAccuracy}: the integer label is among the k largest predictions
 * (ties with the label's score count in its favour, as {@code in_top_k}). Float labels are truncated
 * to int32, as Keras's cast. With {@code fromSortedIds}, y_pred already holds class ids sorted by
 * score and the label must appear in its first k columns.
 */
public class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
    private final int k;
    private final boolean fromSortedIds;

    public SparseTopKCategoricalAccuracy(int k, String name, boolean fromSortedIds) {
        super(name == null ? "sparse_top_k_categorical_accuracy" : name,
                (t, p) -> sparseTopKCategoricalAccuracy(t, p, k, fromSortedIds));
        if (k < 1) {
            throw new IllegalArgumentException("SparseTopKCategoricalAccuracy: k must be a positive integer. Received: k=" + k);
        }
        this.k = k;
        this.fromSortedIds = fromSortedIds;
    }

    public SparseTopKCategoricalAccuracy() {
        this(5, null, false);
    }

    /** Values of y_true's shape, 1.0 / 0.0 (Keras {@code metrics.sparse_top_k_categorical_accuracy}). */
    public static Tensor sparseTopKCategoricalAccuracy(Tensor yTrue, Tensor yPred, int k, boolean fromSortedIds) {
        if (yPred.rank() < 1 || yTrue.size() * yPred.shape().last() != yPred.size()) {
            throw new IllegalArgumentException("y_true must hold one label per row of y_pred (y_pred's shape without its "
                    + "last axis, optionally with a trailing 1)");
        }
        if (!fromSortedIds) {
            // Keras casts the labels to int32: truncation toward zero
            return TopKCategoricalAccuracy.inTopK(yTrue.toInt(), yPred, k).reshape(yTrue.shape());
        }
        int c = yPred.shape().last();
        Tensor firstIds = yPred.toFloat().reshape(-1, c).narrow(1, 0, Math.min(k, c));
        Tensor matches = firstIds.eq(yTrue.toFloat().reshape(-1, 1)).sum(1, false);
        return matches.clip(0f, 1f).reshape(yTrue.shape());
    }

    public int k() {
        return k;
    }

    public boolean fromSortedIds() {
        return fromSortedIds;
    }

    @Override
    public String className() {
        return "SparseTopKCategoricalAccuracy";
    }

    /** As Keras, {@code from_sorted_ids} appears only when true. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("k", k);
        if (fromSortedIds) {
            m.put("from_sorted_ids", true);
        }
        return m;
    }
}
