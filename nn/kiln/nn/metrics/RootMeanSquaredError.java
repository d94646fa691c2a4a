package kiln.nn.metrics;

import kiln.tensor.Tensor;

/**
 * Keras {@code RootMeanSquaredError}: a {@link Mean} of the squared errors (per sample, averaged over
 * the non-batch axes) whose result is sqrt(total / count): the root of the epoch's mean, not the mean
 * of per-batch roots.
 */
public class RootMeanSquaredError extends Mean {
    public RootMeanSquaredError(String name) {
        super(name == null ? "root_mean_squared_error" : name);
    }

    public RootMeanSquaredError() {
        this(null);
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor[] tp = SameRank.of(yTrue.toFloat(), yPred.toFloat());
        Tensor errorSq;
        try {
            errorSq = tp[1].sub(tp[0]).square();
        } catch (IllegalArgumentException e) {
            throw shapeError(yTrue, yPred, e.getMessage());
        }
        update(errorSq, sampleWeight);
    }

    @Override
    protected float resultOf(float total, float count) {
        return (float) Math.sqrt(super.resultOf(total, count));
    }

    @Override
    public String className() {
        return "RootMeanSquaredError";
    }
}
