package kiln.autograd;

import kiln.autograd.ops.Abs;
import kiln.autograd.ops.Add;
import kiln.autograd.ops.BiasActivation;
import kiln.autograd.ops.BroadcastTo;
import kiln.autograd.ops.Clip;
import kiln.autograd.ops.Concat;
import kiln.autograd.ops.Div;
import kiln.autograd.ops.Elu;
import kiln.autograd.ops.Exp;
import kiln.autograd.ops.Gather;
import kiln.autograd.ops.Gelu;
import kiln.autograd.ops.HardSigmoid;
import kiln.autograd.ops.HardSilu;
import kiln.autograd.ops.LeakyRelu;
import kiln.autograd.ops.Log;
import kiln.autograd.ops.LogSoftmax;
import kiln.autograd.ops.LogSumExp;
import kiln.autograd.ops.MaskMul;
import kiln.autograd.ops.MatMul;
import kiln.autograd.ops.Max;
import kiln.autograd.ops.Maximum;
import kiln.autograd.ops.Mean;
import kiln.autograd.ops.Min;
import kiln.autograd.ops.Minimum;
import kiln.autograd.ops.Mish;
import kiln.autograd.ops.Mul;
import kiln.autograd.ops.Neg;
import kiln.autograd.ops.Pow;
import kiln.autograd.ops.Relu;
import kiln.autograd.ops.Reshape;
import kiln.autograd.ops.Selu;
import kiln.autograd.ops.Sigmoid;
import kiln.autograd.ops.Silu;
import kiln.autograd.ops.Slice;
import kiln.autograd.ops.Softmax;
import kiln.autograd.ops.SoftmaxCrossEntropy;
import kiln.autograd.ops.SparseCrossEntropy;
import kiln.autograd.ops.Softplus;
import kiln.autograd.ops.Softsign;
import kiln.autograd.ops.Sqrt;
import kiln.autograd.ops.Square;
import kiln.autograd.ops.Sub;
import kiln.autograd.ops.Sum;
import kiln.autograd.ops.Tanh;
import kiln.autograd.ops.Transpose;
import kiln.autograd.ops.Where;
import kiln.tensor.Generator;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * The differentiable functions, as static methods: each applies one registered op ({@link OpRegistry})
 * or is a short composite of them with no backward of its own ({@link #var}, {@link #dropout},
 * the mean {@link #softmaxCrossEntropy}, {@link #squeeze}, {@link #stack}).
 *
 * <pre>{@code
 * import static kiln.autograd.Functions.*;
 * Variable loss = softmaxCrossEntropy(relu(matmul(x, w)), labels);   // a scalar
 * loss.backward();
 * }</pre>
 */
public final class Functions {
    private Functions() {}

    // ---- arithmetic (broadcasting)

    public static Variable add(Variable a, Variable b) { return new Add().apply(a, b); }
    public static Variable sub(Variable a, Variable b) { return new Sub().apply(a, b); }
    public static Variable mul(Variable a, Variable b) { return new Mul().apply(a, b); }
    public static Variable div(Variable a, Variable b) { return new Div().apply(a, b); }
    public static Variable pow(Variable a, Variable b) { return new Pow().apply(a, b); }
    public static Variable maximum(Variable a, Variable b) { return new Maximum().apply(a, b); }
    public static Variable minimum(Variable a, Variable b) { return new Minimum().apply(a, b); }

    public static Variable add(Variable a, float s) { return add(a, constantLike(a, s)); }
    public static Variable sub(Variable a, float s) { return sub(a, constantLike(a, s)); }
    public static Variable mul(Variable a, float s) { return mul(a, constantLike(a, s)); }
    public static Variable div(Variable a, float s) { return div(a, constantLike(a, s)); }
    public static Variable pow(Variable a, float s) { return pow(a, constantLike(a, s)); }

    /** A rank-0 constant on a's device. */
    private static Variable constantLike(Variable a, float s) {
        return Variable.constant(a.value().scalarLike(s));
    }

    /** {@code cond != 0 ? a : b}; cond is a float32 0/1 tensor, broadcast with a and b. */
    public static Variable where(Tensor cond, Variable a, Variable b) { return new Where(cond).apply(a, b); }

    // ---- elementwise

    public static Variable neg(Variable x) { return new Neg().apply(x); }
    public static Variable abs(Variable x) { return new Abs().apply(x); }
    public static Variable exp(Variable x) { return new Exp().apply(x); }
    public static Variable log(Variable x) { return new Log().apply(x); }
    public static Variable sqrt(Variable x) { return new Sqrt().apply(x); }
    public static Variable square(Variable x) { return new Square().apply(x); }
    public static Variable tanh(Variable x) { return new Tanh().apply(x); }
    public static Variable sigmoid(Variable x) { return new Sigmoid().apply(x); }
    public static Variable relu(Variable x) { return new Relu().apply(x); }
    public static Variable leakyRelu(Variable x, float alpha) { return new LeakyRelu(alpha).apply(x); }
    public static Variable elu(Variable x, float alpha) { return new Elu(alpha).apply(x); }
    public static Variable selu(Variable x) { return new Selu().apply(x); }
    public static Variable softplus(Variable x) { return new Softplus().apply(x); }
    public static Variable softsign(Variable x) { return new Softsign().apply(x); }
    public static Variable silu(Variable x) { return new Silu().apply(x); }
    public static Variable mish(Variable x) { return new Mish().apply(x); }
    public static Variable hardSigmoid(Variable x) { return new HardSigmoid().apply(x); }
    public static Variable hardSilu(Variable x) { return new HardSilu().apply(x); }
    public static Variable clip(Variable x, float lo, float hi) { return new Clip(lo, hi).apply(x); }

    /** GELU; {@code approximate} selects the tanh form (Keras's {@code approximate=True}). */
    public static Variable gelu(Variable x, boolean approximate) { return new Gelu(approximate).apply(x); }

    /** Fused {@code act(x + bias)} (Dense's tail); act null is linear, alpha is leaky relu's / elu's parameter. */
    public static Variable biasActivation(Variable x, Variable bias, UnaryOp act, float alpha) {
        return new BiasActivation(act, alpha).apply(x, bias);
    }

    /**
     * {@code x · mask / (1 − rate)} with mask ~ Bernoulli(1 − rate) (inverted dropout, as Keras); x itself
     * when rate is 0.
     *
     * @throws IllegalArgumentException unless 0 &lt;= rate &lt; 1
     */
    public static Variable dropout(Variable x, float rate, Generator g) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + rate);
        }
        if (rate == 0) {
            return x;
        }
        Tensor mask = Tensor.bernoulli(g, 1 - rate, x.value().dims()).mul(1f / (1 - rate));
        return new MaskMul(mask.to(x.value().device())).apply(x);
    }

    /** {@code x · mask} for a given (pre-scaled) mask that broadcasts against x. */
    public static Variable maskMul(Variable x, Tensor mask) { return new MaskMul(mask).apply(x); }

    // ---- linear algebra and reductions

    public static Variable matmul(Variable a, Variable b) { return new MatMul().apply(a, b); }

    /** Sum of all elements (rank 0). */
    public static Variable sum(Variable x) { return new Sum(null, false).apply(x); }
    public static Variable sum(Variable x, int[] axes, boolean keepdims) { return new Sum(axes, keepdims).apply(x); }
    /** Mean of all elements (rank 0). */
    public static Variable mean(Variable x) { return new Mean(null, false).apply(x); }
    public static Variable mean(Variable x, int[] axes, boolean keepdims) { return new Mean(axes, keepdims).apply(x); }
    /** Max along axes (null: all); ties share the gradient evenly. */
    public static Variable max(Variable x, int[] axes, boolean keepdims) { return new Max(axes, keepdims).apply(x); }
    /** Min along axes (null: all); ties share the gradient evenly. */
    public static Variable min(Variable x, int[] axes, boolean keepdims) { return new Min(axes, keepdims).apply(x); }

    /** Population variance (ddof = 0, as Keras): mean((x − mean(x))²), a composite. */
    public static Variable var(Variable x, int[] axes, boolean keepdims) {
        Variable centred = sub(x, mean(x, axes, true));
        return mean(square(centred), axes, keepdims);
    }

    /** Stable {@code log Σ exp(x)} along axes (null: all). */
    public static Variable logSumExp(Variable x, int[] axes, boolean keepdims) {
        return new LogSumExp(axes, keepdims).apply(x);
    }

    // ---- shapes

    public static Variable reshape(Variable x, int... dims) { return new Reshape(dims).apply(x); }
    public static Variable permute(Variable x, int... perm) { return new Transpose(perm).apply(x); }

    /** Swaps two axes. */
    public static Variable transpose(Variable x, int axis0, int axis1) {
        int r = x.shape().rank();
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        int a = x.shape().axis(axis0);
        int b = x.shape().axis(axis1);
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    public static Variable slice(Variable x, int axis, int start, int end) { return new Slice(axis, start, end).apply(x); }
    public static Variable concat(int axis, Variable... parts) { return new Concat(axis).apply(parts); }
    public static Variable broadcastTo(Variable x, Shape shape) { return new BroadcastTo(shape).apply(x); }

    /** Removes an axis of size 1 (a reshape). */
    public static Variable squeeze(Variable x, int axis) { return reshape(x, x.value().squeeze(axis).dims()); }

    /** Inserts an axis of size 1 (a reshape). */
    public static Variable unsqueeze(Variable x, int axis) { return reshape(x, x.value().unsqueeze(axis).dims()); }

    /** Joins equal-shaped variables along a new axis (unsqueeze + concat). */
    public static Variable stack(int axis, Variable... parts) {
        Variable[] u = new Variable[parts.length];
        for (int i = 0; i < parts.length; i++) {
            u[i] = unsqueeze(parts[i], axis);
        }
        return concat(axis, u);
    }

    /** {@code x.take(indices, axis)} for int32 indices: an embedding lookup along axis 0. */
    public static Variable gather(Variable x, Tensor indices, int axis) { return new Gather(indices, axis).apply(x); }

    // ---- softmax and losses

    public static Variable softmax(Variable x, int axis) { return new Softmax(axis).apply(x); }
    public static Variable logSoftmax(Variable x, int axis) { return new LogSoftmax(axis).apply(x); }

    /**
     * Per-sample softmax cross-entropy over the last axis: logits (..., c), targets int32 (...) or float32
     * distributions (..., c). Returns the loss per sample, shaped (...).
     */
    public static Variable softmaxCrossEntropyPerSample(Variable logits, Tensor targets) {
        Shape s = logits.shape();
        if (s.rank() == 2) {
            return new SoftmaxCrossEntropy(targets).apply(logits);
        }
        if (s.rank() < 1) {
            throw new IllegalArgumentException("softmaxCrossEntropy: logits must have a class axis, got shape " + s);
        }
        int c = s.last();
        int[] lead = java.util.Arrays.copyOf(s.dims(), s.rank() - 1);
        Tensor t = targets.rank() == s.rank() ? targets.reshape(-1, c) : targets.reshape(-1);
        Variable flat = new SoftmaxCrossEntropy(t).apply(reshape(logits, -1, c));
        return reshape(flat, lead);
    }

    /**
     * Per-sample sparse cross-entropy over the last axis: predictions (..., c), logits or (when {@code fromLogits}
     * is false) probabilities clipped to [epsilon, 1 − epsilon] after renormalising, against int32 or float32 class
     * ids (...). A label equal to {@code ignoreClass} (may be null) gives 0; any other label that is not a class id
     * gives NaN, so labels on a device are never read back. Returns the loss per sample, shaped (...).
     */
    public static Variable sparseCrossEntropyPerSample(Variable pred, Tensor labels, boolean fromLogits, float epsilon,
                                                       Integer ignoreClass) {
        Shape s = pred.shape();
        if (s.rank() < 1) {
            throw new IllegalArgumentException("sparseCrossEntropy: predictions must have a class axis, got shape " + s);
        }
        SparseCrossEntropy op = new SparseCrossEntropy(labels.reshape(-1), fromLogits, epsilon, ignoreClass);
        if (s.rank() == 2) {
            return op.apply(pred);
        }
        return reshape(op.apply(reshape(pred, -1, s.last())), java.util.Arrays.copyOf(s.dims(), s.rank() - 1));
    }

    /** Mean softmax cross-entropy (a scalar): the usual classification loss from logits. */
    public static Variable softmaxCrossEntropy(Variable logits, Tensor targets) {
        return mean(softmaxCrossEntropyPerSample(logits, targets));
    }
}
