package kiln.nn.losses;

import kiln.autograd.Variable;

/** Keras's {@code SquaredHinge} (default name "squared_hinge"): mean(max(1 − y_true·y_pred, 0)²); 0/1 labels are mapped to −1/1. */
public final class SquaredHinge extends Loss {
    public SquaredHinge() {
        this(Reduction.SUM_OVER_BATCH_SIZE, "squared_hinge");
    }

    public SquaredHinge(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.squaredHinge(yTrue, yPred));
    }

    @Override public String className() { return "SquaredHinge"; }
}
