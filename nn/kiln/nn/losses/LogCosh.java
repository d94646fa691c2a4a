package kiln.nn.losses;

import kiln.autograd.Variable;

/** Keras's {@code LogCosh} (default name "log_cosh"): mean(log(cosh(y_pred − y_true))), computed stably. */
public final class LogCosh extends Loss {
    public LogCosh() {
        this(Reduction.SUM_OVER_BATCH_SIZE, "log_cosh");
    }

    public LogCosh(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.logCosh(yTrue, yPred));
    }

    @Override public String className() { return "LogCosh"; }
}
