package kiln.nn.losses;

import kiln.autograd.Variable;

/** Keras's {@code Hinge} (default name "hinge"): mean(max(1 − y_true·y_pred, 0)); 0/1 labels are mapped to −1/1. */
public final class Hinge extends Loss {
    public Hinge() {
        this(Reduction.SUM_OVER_BATCH_SIZE, "hinge");
    }

    public Hinge(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.hinge(yTrue, yPred));
    }

    @Override public String className() { return "Hinge"; }
}
