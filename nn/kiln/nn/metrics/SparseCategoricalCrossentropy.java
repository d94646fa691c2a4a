package kiln.nn.metrics;

import java.util.Map;
import kiln.nn.losses.Losses;
import kiln.tensor.Tensor;

/**
 * Keras {@code SparseCategoricalCrossentropy} metric (default name {@code "sparse_categorical_crossentropy"}):
 * the running per-sample mean of {@link Losses#sparseCategoricalCrossentropy} of integer labels (int32 or
 * integral float32, shape (...) or (..., 1)) against (..., classes) predictions. Samples labelled
 * {@code ignoreClass} (null: none) give 0; as in Keras they still count in the mean when no sample weight is
 * given, and get weight 0 (leave the mean) when one is. Only the last axis is
 * supported as the class axis ({@code axis} −1, Keras's default).
 */
public class SparseCategoricalCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final Integer ignoreClass;
    private final int axis;

    public SparseCategoricalCrossentropy(String name, boolean fromLogits, Integer ignoreClass, int axis) {
        super(name == null ? "sparse_categorical_crossentropy" : name,
                (t, p) -> sparseCategoricalCrossentropy(t, p, fromLogits, ignoreClass));
        if (axis != -1) {
            throw new IllegalArgumentException("SparseCategoricalCrossentropy: only axis=-1 (the last axis) is "
                    + "supported, got axis=" + axis);
        }
        this.fromLogits = fromLogits;
        this.ignoreClass = ignoreClass;
        this.axis = axis;
    }

    public SparseCategoricalCrossentropy() {
        this(null, false, null, -1);
    }

    /** Per-sample Keras {@code losses.sparse_categorical_crossentropy}, by {@link Losses} without a graph. */
    public static Tensor sparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits,
            Integer ignoreClass) {
        return LossFunctions.apply((t, p) -> Losses.sparseCategoricalCrossentropy(t, p, fromLogits, ignoreClass),
                yTrue, yPred, true);
    }

    /**
     * As Keras: with {@code ignoreClass} and a sample weight, the ignored entries' weights become 0 (Keras
     * applies the loss's mask to the weights), so they leave the mean; without a weight they count as 0.
     */
    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        if (ignoreClass == null || sampleWeight == null) {
            super.updateState(yTrue, yPred, sampleWeight);
            return;
        }
        Tensor values;
        try {
            values = sparseCategoricalCrossentropy(yTrue, yPred, fromLogits, ignoreClass);
        } catch (IllegalArgumentException e) {
            throw shapeError(yTrue, yPred, e.getMessage());
        }
        Tensor labels = yTrue.toFloat();
        if (labels.rank() == values.rank() + 1) {
            labels = labels.squeeze(-1);
        }
        Tensor mask = labels.ne(labels.scalarLike(ignoreClass)).toFloat();
        Tensor sw = sampleWeight.toFloat();
        if (sw.rank() == mask.rank() + 1 && sw.shape().last() == 1) {
            sw = sw.squeeze(-1);
        }
        if (sw.rank() < mask.rank()) {
            int[] dims = new int[mask.rank()];
            java.util.Arrays.fill(dims, 1);
            System.arraycopy(sw.shape().dims(), 0, dims, 0, sw.rank());
            sw = sw.reshape(dims);
        }
        update(values, mask.mul(sw));
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    public Integer ignoreClass() {
        return ignoreClass;
    }

    public int axis() {
        return axis;
    }

    @Override
    public String className() {
        return "SparseCategoricalCrossentropy";
    }

    /** Keras: name, dtype, from_logits, ignore_class, axis. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("from_logits", fromLogits);
        m.put("ignore_class", ignoreClass);
        m.put("axis", axis);
        return m;
    }
}
