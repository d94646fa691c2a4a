package kiln.nn.losses;

import kiln.autograd.Variable;

/** Keras's {@code MeanSquaredLogarithmicError} (default name "mean_squared_logarithmic_error"): mean((log(max(y_pred, eps) + 1) − log(max(y_true, eps) + 1))²). */
public final class MeanSquaredLogarithmicError extends Loss {
    public MeanSquaredLogarithmicError() {
        this(Reduction.SUM_OVER_BATCH_SIZE, "mean_squared_logarithmic_error");
    }

    public MeanSquaredLogarithmicError(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.meanSquaredLogarithmicError(yTrue, yPred));
    }

    @Override public String className() { return "MeanSquaredLogarithmicError"; }
}
