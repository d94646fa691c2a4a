package kiln.nn.losses;

import kiln.autograd.Variable;

/** Keras's {@code MeanAbsolutePercentageError} (default name "mean_absolute_percentage_error"): 100 · mean(|(y_true − y_pred) / max(|y_true|, eps)|). */
public final class MeanAbsolutePercentageError extends Loss {
    public MeanAbsolutePercentageError() {
        this(Reduction.SUM_OVER_BATCH_SIZE, "mean_absolute_percentage_error");
    }

    public MeanAbsolutePercentageError(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.meanAbsolutePercentageError(yTrue, yPred));
    }

    @Override public String className() { return "MeanAbsolutePercentageError"; }
}
