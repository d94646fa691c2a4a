package kiln.nn.metrics;

import java.util.function.BinaryOperator;
import kiln.autograd.NoGrad;
import kiln.autograd.Variable;
import kiln.nn.losses.Losses;
import kiln.tensor.Tensor;

/**
 * The per-sample loss functions of {@link Losses} as {@link MetricFunction}s for the loss-based metrics
 * (BinaryCrossentropy, KLDivergence, Hinge, ...): the inputs become autograd constants and the function
 * runs under {@link NoGrad}, so no graph is recorded and the formulas, epsilons and clipping are exactly
 * the losses'.
 */
final class LossFunctions {
    private LossFunctions() {}

    /**
     * {@code fn} over (y_true, y_pred) as constants, without a graph. y_true is cast to float32 (Keras
     * casts it to y_pred's dtype) unless {@code keepLabels}, for the integer labels of the sparse loss.
     */
    static Tensor apply(BinaryOperator<Variable> fn, Tensor yTrue, Tensor yPred, boolean keepLabels) {
        try (var _ = NoGrad.enter()) {
            Variable t = Variable.constant(keepLabels ? yTrue : yTrue.toFloat());
            Variable p = Variable.constant(yPred.toFloat());
            return fn.apply(t, p).value();
        }
    }

    static Tensor apply(BinaryOperator<Variable> fn, Tensor yTrue, Tensor yPred) {
        return apply(fn, yTrue, yPred, false);
    }

    /** A label smoothing as Keras's config keeps it (the int 0 by default), as a double. */
    static double smoothing(Number labelSmoothing) {
        return labelSmoothing == null ? 0.0 : labelSmoothing.doubleValue();
    }
}
