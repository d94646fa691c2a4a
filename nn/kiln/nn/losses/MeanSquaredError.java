package kiln.nn.losses;

import kiln.autograd.Variable;

/** Keras's {@code MeanSquaredError} (default name "mean_squared_error"): mean((y_true − y_pred)²) over the last axis. */
public final class MeanSquaredError extends Loss {
    public MeanSquaredError() {
        this(Reduction.SUM_OVER_BATCH_SIZE, "mean_squared_error");
    }

    public MeanSquaredError(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.meanSquaredError(yTrue, yPred));
    }

    @Override public String className() { return "MeanSquaredError"; }
}
