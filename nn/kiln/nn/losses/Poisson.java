package kiln.nn.losses;

import kiln.autograd.Variable;

/** Keras's {@code Poisson} (default name "poisson"): mean(y_pred − y_true·log(y_pred + eps)). */
public final class Poisson extends Loss {
    public Poisson() {
        this(Reduction.SUM_OVER_BATCH_SIZE, "poisson");
    }

    public Poisson(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.poisson(yTrue, yPred));
    }

    @Override public String className() { return "Poisson"; }
}
