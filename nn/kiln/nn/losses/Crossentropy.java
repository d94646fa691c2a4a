package kiln.nn.losses;

import static kiln.autograd.Functions.add;
import static kiln.autograd.Functions.clip;
import static kiln.autograd.Functions.div;
import static kiln.autograd.Functions.log;
import static kiln.autograd.Functions.logSoftmax;
import static kiln.autograd.Functions.mean;
import static kiln.autograd.Functions.mul;
import static kiln.autograd.Functions.neg;
import static kiln.autograd.Functions.pow;
import static kiln.autograd.Functions.sigmoid;
import static kiln.autograd.Functions.softplus;
import static kiln.autograd.Functions.sum;
import static kiln.nn.losses.Losses.EPSILON;
import static kiln.nn.losses.Losses.ONE_MINUS_EPSILON;

import java.util.Arrays;
import kiln.autograd.Functions;
import kiln.autograd.Variable;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * The cross-entropies, as Keras 3 computes them on the JAX backend (keras-reference §3.4–3.6): from
 * probabilities with clipping to [eps, 1 − eps] (after renormalising for the categorical ones), from logits
 * exactly. Label smoothing happens first.
 */
final class Crossentropy {
    private Crossentropy() {}

    /** y·(1 − ls) + shift, the constants rounded to float32 as Keras (Python doubles, then float32). */
    private static Variable smooth(Variable y, double ls, double shift) {
        return add(mul(y, (float) (1.0 - ls)), (float) shift);
    }

    private static Variable oneMinus(Variable x) { return add(neg(x), 1f); }

    /**
     * Elementwise BCE. From logits x: y·softplus(−x) + (1 − y)·softplus(x) (JAX's −y·log σ(x) − (1−y)·log σ(−x)),
     * no clipping. From probabilities: −(y·log p + (1 − y)·log(1 − p)), p = clip(y_pred, eps, 1 − eps).
     */
    private static Variable elementwiseBinary(Variable y, Variable yPred, boolean fromLogits) {
        if (fromLogits) {
            return add(mul(y, softplus(neg(yPred))), mul(oneMinus(y), softplus(yPred)));
        }
        Variable p = clip(yPred, EPSILON, ONE_MINUS_EPSILON);
        return neg(add(mul(y, log(p)), mul(oneMinus(y), log(oneMinus(p)))));
    }

    static Variable binary(Variable yTrue, Variable yPred, boolean fromLogits, double labelSmoothing, int axis) {
        Variable[] m = Ranks.identical("binary_crossentropy", yTrue, yPred);
        Variable y = labelSmoothing != 0 ? smooth(m[0], labelSmoothing, 0.5 * labelSmoothing) : m[0];
        return mean(elementwiseBinary(y, m[1], fromLogits), new int[] {axis}, false);
    }

    static Variable binaryFocal(Variable yTrue, Variable yPred, boolean applyClassBalancing, double alpha,
            double gamma, boolean fromLogits, double labelSmoothing, int axis) {
        Variable[] m = Ranks.identical("binary_focal_crossentropy", yTrue, yPred);
        Variable y = labelSmoothing != 0 ? smooth(m[0], labelSmoothing, 0.5 * labelSmoothing) : m[0];
        Variable p = fromLogits ? sigmoid(m[1]) : m[1];
        Variable bce = elementwiseBinary(y, p, false);
        Variable pt = add(mul(y, p), mul(oneMinus(y), oneMinus(p)));
        // (1 − p_t)^0 is 1; skipping it avoids 0·∞ in pow's gradient where p_t = 1.
        Variable focal = gamma == 0 ? bce : mul(pow(oneMinus(pt), (float) gamma), bce);
        if (applyClassBalancing) {
            Variable weight = add(mul(y, (float) alpha), mul(oneMinus(y), (float) (1.0 - alpha)));
            focal = mul(weight, focal);
        }
        return mean(focal, new int[] {axis}, false);
    }

    static Variable categorical(Variable yTrue, Variable yPred, boolean fromLogits, double labelSmoothing, int axis) {
        Variable[] m = Ranks.identical("categorical_crossentropy", yTrue, yPred);
        Variable y = m[0];
        Variable x = m[1];
        if (labelSmoothing != 0) {
            // Keras divides by y_true.shape[-1] whatever the axis; ls / C in float32.
            float shift = (float) labelSmoothing / (float) y.shape().last();
            y = add(mul(y, (float) (1.0 - labelSmoothing)), shift);
        }
        int a = Ranks.axis("categorical_crossentropy", axis, x.shape().rank());
        int[] ax = {a};
        if (fromLogits) {
            // Fused, stable, one pass; its gradient softmax − t is exact because each row of t sums to 1. Checking
            // that means reading the targets, which on a device would stall it every step: there the composite,
            // exact for any targets, is used.
            if (a == x.shape().rank() - 1 && y.value().device().isCpu() && rowsSumToOne(y.value())) {
                return Functions.softmaxCrossEntropyPerSample(x, y.value());
            }
            return neg(sum(mul(y, logSoftmax(x, a)), ax, false));
        }
        Variable p = clip(div(x, sum(x, ax, true)), EPSILON, ONE_MINUS_EPSILON);
        return neg(sum(mul(y, log(p)), ax, false));
    }

    /** True when every row (last axis) of a constant target sums to 1 within float32 rounding. */
    private static boolean rowsSumToOne(Tensor t) {
        for (float s : t.sum(new int[] {-1}, false).toFloatArray()) {
            if (!(Math.abs(s - 1f) <= 1e-5f)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sparse CE. Labels (...) or (..., 1), int32 or integral float32, against predictions (..., C); entries whose
     * label equals {@code ignoreClass} give 0 and are masked out. From logits: −log softmax(z)[label]. From
     * probabilities: −log(clip(p / Σp, eps, 1 − eps)[label]). Both are one fused operation
     * ({@link Functions#sparseCrossEntropyPerSample}) that also checks the labels.
     *
     * <p>Departures from Keras (which is silent there): a label outside [0, C) or a non-integral label is an
     * error when the labels are on the host. Labels on a device are checked there, without reading them back
     * (which would stall the device every step): such a label gives its sample a NaN loss, which fit reports
     * as a non-finite loss ("check ... the labels"). Keras also zeroes the ignored rows of y_pred before the
     * loss; the values are the same without it and skipping it keeps 0/0 out of the gradient.
     */
    static Loss.PerSample sparse(String loss, Variable yTrue, Variable yPred, boolean fromLogits, Integer ignoreClass) {
        Shape ps = yPred.shape();
        Shape ts = yTrue.shape();
        if (ps.rank() < 1) {
            throw new IllegalArgumentException(loss + ": y_pred must have a class axis, got shape " + ps);
        }
        if (ts.rank() == ps.rank() && ts.rank() > 0 && ts.last() == 1) {
            ts = Ranks.dropLast(ts);
        }
        Shape lead = Ranks.dropLast(ps);
        if (!ts.equals(lead)) {
            int[] withOne = Arrays.copyOf(lead.dims(), lead.rank() + 1);
            withOne[lead.rank()] = 1;
            throw new IllegalArgumentException(loss + ": expects integer class labels of shape " + lead + " or "
                    + Shape.of(withOne) + " for y_pred of shape " + ps + ", got y_true of shape " + yTrue.shape()
                    + (yTrue.shape().equals(ps) ? " (one-hot labels? use categorical_crossentropy)" : ""));
        }
        SparseLabels labels = yTrue.value().device().isCpu()
                ? SparseLabels.checkedOnHost(loss, yTrue.value(), ts, ps.last(), ignoreClass, yPred.value().device())
                : SparseLabels.onDevice(yTrue.value(), ts, ignoreClass);
        Variable values = Functions.sparseCrossEntropyPerSample(yPred, labels.ids(), fromLogits, EPSILON, ignoreClass);
        return labels.counted() == null ? Loss.PerSample.of(values) : new Loss.PerSample(values, labels.counted());
    }
}
