package kiln.nn.losses;

import java.util.Map;
import kiln.autograd.Variable;

/**
 * Keras's {@code CategoricalCrossentropy} (default name "categorical_crossentropy") for one-hot or probability
 * targets of the same shape as y_pred: labels smoothed to y·(1 − ls) + ls/C; from logits −Σ y·log_softmax(x)
 * (the fused softmax cross-entropy when the class axis is last and target rows sum to 1); from probabilities
 * the rows are renormalised, then clipped to [1e-7, 1 − 1e-7].
 */
public final class CategoricalCrossentropy extends Loss {
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final int axis;

    public CategoricalCrossentropy() {
        this(false);
    }

    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0, -1);
    }

    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, int axis) {
        this(fromLogits, labelSmoothing, axis, Reduction.SUM_OVER_BATCH_SIZE, "categorical_crossentropy");
    }

    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, int axis, Reduction reduction,
            String name) {
        super(name, reduction);
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
        this.axis = axis;
    }

    public boolean fromLogits() { return fromLogits; }
    public double labelSmoothing() { return labelSmoothing; }
    public int axis() { return axis; }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.categoricalCrossentropy(yTrue, yPred, fromLogits, labelSmoothing, axis));
    }

    @Override public String className() { return "CategoricalCrossentropy"; }

    @Override protected void addConfig(Map<String, Object> c) {
        c.put("from_logits", fromLogits);
        c.put("label_smoothing", labelSmoothing);
        c.put("axis", axis);
    }
}
