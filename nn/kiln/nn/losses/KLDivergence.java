package kiln.nn.losses;

import kiln.autograd.Variable;

/** Keras's {@code KLDivergence} (default name "kl_divergence"): Σ y_true·log(y_true / y_pred) with both clipped to [eps, 1]. */
public final class KLDivergence extends Loss {
    public KLDivergence() {
        this(Reduction.SUM_OVER_BATCH_SIZE, "kl_divergence");
    }

    public KLDivergence(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.klDivergence(yTrue, yPred));
    }

    @Override public String className() { return "KLDivergence"; }
}
