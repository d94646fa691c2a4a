package kiln.nn.losses;

import kiln.autograd.Functions;
import kiln.autograd.Variable;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Keras's {@code reduce_weighted_values} (keras-reference §3.2): merges the mask into the sample weights,
 * rank-matches and multiplies the weights in, then reduces. Weights and masks are data, not differentiable.
 */
final class WeightedReduction {
    private WeightedReduction() {}

    static Variable reduce(String loss, Variable values, Tensor sampleWeight, Tensor mask, Reduction r) {
        Tensor w = sampleWeight == null ? null : sampleWeight.toFloat().to(values.value().device());
        if (mask != null) {
            Tensor valid = mask.to(values.value().device());
            Tensor m;
            if (r == Reduction.MEAN || r == Reduction.SUM_OVER_BATCH_SIZE) {
                // Valid entries get weight total/valid, so the mean over all entries is the mean over valid ones.
                // The count stays on the device: reading it would stall the device every step.
                Tensor count = valid.sum();
                Tensor zero = count.scalarLike(0f);
                Tensor factor = count.scalarLike(valid.size()).div(count);
                m = valid.mul(Tensor.where(count.eq(zero), zero, factor));
            } else {
                m = valid;
            }
            w = w == null ? m : product(loss, "sample_weight", m, w);
        }
        if (w != null) {
            Shape[] s = Ranks.match(values.shape(), w.shape());
            Variable v = Ranks.reshape(values, s[0]);
            Tensor ws = w.reshape(s[1]);
            if (!ws.shape().broadcastsTo(v.shape())) {
                throw new IllegalArgumentException(loss + ": sample_weight of shape " + sampleWeight.shape()
                        + " does not broadcast to the per-sample loss of shape " + values.shape()
                        + " (use shape " + values.shape() + ", a prefix of it with trailing 1s, or a scalar)");
            }
            values = Functions.mul(v, Variable.constant(ws));
            w = ws;
        }
        Shape s = values.shape();
        if (r == Reduction.NONE || s.rank() == 0 || (s.rank() == 1 && s.dim(0) == 0)) {
            return values;
        }
        if (r == Reduction.SUM) {
            return Functions.sum(values);
        }
        if (r == Reduction.MEAN_WITH_SAMPLE_WEIGHT && w != null) {
            return divideNoNan(Functions.sum(values), w.sum());
        }
        // sum / n as one reduction; divide_no_nan gives 0 for no entries
        return s.size() == 0 ? Functions.mul(Functions.sum(values), 0f) : Functions.mean(values);
    }

    /**
     * Keras's {@code divide_no_nan} by a divisor left on the device: {@code total / divisor}, or
     * {@code total · 0} where the divisor is 0, written as {@code (total / d') · [divisor ≠ 0]} with d' = 1 where
     * the divisor is 0, which rounds as the plain division (and its gradient as its gradient).
     */
    private static Variable divideNoNan(Variable total, Tensor divisor) {
        Tensor zero = divisor.scalarLike(0f);
        Tensor nonZero = divisor.ne(zero);
        Tensor safe = Tensor.where(nonZero, divisor, divisor.scalarLike(1f));
        return Functions.mul(Functions.div(total, Variable.constant(safe)), Variable.constant(nonZero));
    }

    /** a · b after rank matching (masks and weights), with a clear error when they do not broadcast. */
    static Tensor product(String loss, String what, Tensor a, Tensor b) {
        Shape[] s = Ranks.match(a.shape(), b.shape());
        try {
            return a.reshape(s[0]).mul(b.reshape(s[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(loss + ": " + what + " of shape " + b.shape()
                    + " does not broadcast against the mask of shape " + a.shape(), e);
        }
    }
}
