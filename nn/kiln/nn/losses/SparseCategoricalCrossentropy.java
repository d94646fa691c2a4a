package kiln.nn.losses;

import java.util.Map;
import kiln.autograd.Variable;

/**
 * Keras's {@code SparseCategoricalCrossentropy} (default name "sparse_categorical_crossentropy"): integer labels
 * of shape (...) or (..., 1), int32 or integral float32, against (..., C) predictions (the class axis is last).
 * From logits it runs the fused softmax cross-entropy; from probabilities it is Keras's
 * −log(clip(p / Σp, 1e-7, 1 − 1e-7)[label]). Entries labelled {@code ignoreClass} give 0 and are left out of
 * the mean reductions' denominator.
 *
 * <p>Unlike Keras on JAX (a silent loss of 0), a label outside [0, C) raises an IllegalArgumentException
 * naming this loss, the label and the number of classes.
 */
public final class SparseCategoricalCrossentropy extends Loss {
    private final boolean fromLogits;
    private final Integer ignoreClass;

    public SparseCategoricalCrossentropy() {
        this(false);
    }

    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, null);
    }

    /** @param ignoreClass a label value to leave out (e.g. −1 or 255), or null */
    public SparseCategoricalCrossentropy(boolean fromLogits, Integer ignoreClass) {
        this(fromLogits, ignoreClass, Reduction.SUM_OVER_BATCH_SIZE, "sparse_categorical_crossentropy");
    }

    public SparseCategoricalCrossentropy(boolean fromLogits, Integer ignoreClass, Reduction reduction, String name) {
        super(name, reduction);
        this.fromLogits = fromLogits;
        this.ignoreClass = ignoreClass;
    }

    public boolean fromLogits() { return fromLogits; }
    public Integer ignoreClass() { return ignoreClass; }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return Crossentropy.sparse(name(), yTrue, yPred, fromLogits, ignoreClass);
    }

    @Override public String className() { return "SparseCategoricalCrossentropy"; }

    @Override protected void addConfig(Map<String, Object> c) {
        c.put("from_logits", fromLogits);
        c.put("ignore_class", ignoreClass);
    }
}
