package kiln.nn.losses;

import java.util.Map;
import kiln.autograd.Variable;

/**
 * Keras's {@code BinaryCrossentropy} (default name "binary_crossentropy"), averaged over {@code axis}:
 * labels smoothed to y·(1 − ls) + ls/2; from logits exact, from probabilities clipped to [1e-7, 1 − 1e-7].
 * y_true and y_pred must have the same shape after rank matching ((n,) labels against (n, 1) outputs work).
 */
public final class BinaryCrossentropy extends Loss {
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final int axis;

    public BinaryCrossentropy() {
        this(false);
    }

    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0, -1);
    }

    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, int axis) {
        this(fromLogits, labelSmoothing, axis, Reduction.SUM_OVER_BATCH_SIZE, "binary_crossentropy");
    }

    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, int axis, Reduction reduction, String name) {
        super(name, reduction);
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
        this.axis = axis;
    }

    public boolean fromLogits() { return fromLogits; }
    public double labelSmoothing() { return labelSmoothing; }
    public int axis() { return axis; }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.binaryCrossentropy(yTrue, yPred, fromLogits, labelSmoothing, axis));
    }

    @Override public String className() { return "BinaryCrossentropy"; }

    @Override protected void addConfig(Map<String, Object> c) {
        c.put("from_logits", fromLogits);
        c.put("label_smoothing", labelSmoothing);
        c.put("axis", axis);
    }
}
