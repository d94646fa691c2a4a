package kiln.nn.losses;

import kiln.autograd.Variable;

/** Keras's {@code MeanAbsoluteError} (default name "mean_absolute_error"): mean(|y_true − y_pred|) over the last axis. */
public final class MeanAbsoluteError extends Loss {
    public MeanAbsoluteError() {
        this(Reduction.SUM_OVER_BATCH_SIZE, "mean_absolute_error");
    }

    public MeanAbsoluteError(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.meanAbsoluteError(yTrue, yPred));
    }

    @Override public String className() { return "MeanAbsoluteError"; }
}
