package kiln.nn.losses;

import java.util.Map;
import kiln.autograd.Variable;

/**
 * Keras's {@code BinaryFocalCrossentropy} (default name "binary_focal_crossentropy"): the clipped binary
 * cross-entropy scaled by (1 − p_t)^gamma, and with {@code applyClassBalancing} by y·alpha + (1 − y)·(1 − alpha);
 * averaged over {@code axis}.
 */
public final class BinaryFocalCrossentropy extends Loss {
    private final boolean applyClassBalancing;
    private final double alpha;
    private final double gamma;
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final int axis;

    public BinaryFocalCrossentropy() {
        this(false, 0.25, 2.0, false, 0.0, -1);
    }

    public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma, boolean fromLogits,
            double labelSmoothing, int axis) {
        this(applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing, axis, Reduction.SUM_OVER_BATCH_SIZE,
                "binary_focal_crossentropy");
    }

    public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma, boolean fromLogits,
            double labelSmoothing, int axis, Reduction reduction, String name) {
        super(name, reduction);
        this.applyClassBalancing = applyClassBalancing;
        this.alpha = alpha;
        this.gamma = gamma;
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
        this.axis = axis;
    }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.binaryFocalCrossentropy(yTrue, yPred, applyClassBalancing, alpha, gamma, fromLogits,
                labelSmoothing, axis));
    }

    @Override public String className() { return "BinaryFocalCrossentropy"; }

    /** Keras's order: from_logits, label_smoothing, axis, then apply_class_balancing, alpha, gamma. */
    @Override protected void addConfig(Map<String, Object> c) {
        c.put("from_logits", fromLogits);
        c.put("label_smoothing", labelSmoothing);
        c.put("axis", axis);
        c.put("apply_class_balancing", applyClassBalancing);
        c.put("alpha", alpha);
        c.put("gamma", gamma);
    }
}
