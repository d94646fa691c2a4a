package kiln.nn.losses;

import kiln.autograd.Variable;

/** Keras's {@code CategoricalHinge} (default name "categorical_hinge"): max(max((1 − y_true)·y_pred) − Σ y_true·y_pred + 1, 0). */
public final class CategoricalHinge extends Loss {
    public CategoricalHinge() {
        this(Reduction.SUM_OVER_BATCH_SIZE, "categorical_hinge");
    }

    public CategoricalHinge(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.categoricalHinge(yTrue, yPred));
    }

    @Override public String className() { return "CategoricalHinge"; }
}
