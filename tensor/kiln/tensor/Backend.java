package kiln.tensor;

import java.util.List;

/**
 * The narrow waist: the primitives every {@link Tensor} operation funnels through. A device
 * (CPU, CUDA) implements this once; everything else in Kiln — views, broadcasting, shape checks,
 * autograd, nn — is written above it.
 *
 * <p>Contracts shared by all methods:
 * <ul>
 *   <li>Tensor arguments are already validated by {@link Tensor}: shapes agree (inputs of elementwise
 *       ops are broadcast views of the output's shape, with stride 0 on broadcast axes), dtypes are as
 *       documented, and all live on {@link #device()}.</li>
 *   <li>Inputs may be arbitrary strided views; {@code out} may be a strided view too and may alias an
 *       input exactly (in-place), never partially.</li>
 *   <li>Results must not depend on the number of threads (fixed partitions, fixed summation order).</li>
 * </ul>
 */
public interface Backend {

    /** The device this backend computes on. */
    Device device();

    // ---- storage: four verbs ----

    /** A new zero-filled buffer of {@code length} elements. */
    Buffer allocate(DType dtype, int length);

    /**
     * A new buffer whose contents are unspecified, for an operation that writes every element before
     * anything reads it (a GPU then skips the zero fill). The default allocates a zero-filled one.
     */
    default Buffer allocateUninitialized(DType dtype, int length) {
        return allocate(dtype, length);
    }

    /** Returns a buffer's memory early (device backends); heap buffers may ignore it. */
    void release(Buffer buffer);

    /** Copies host data into a buffer of this device ({@code float[]} or {@code int[]} matching its dtype). */
    void copyFromHost(Object hostArray, Buffer dst);

    /** Copies a whole buffer to a host array ({@code float[]} or {@code int[]} of the buffer's length). */
    void copyToHost(Buffer src, Object hostArray);

    // ---- movement ----

    /** {@code dst[i] = src[i]} over equal shapes, converting dtype (float→int truncates toward zero). */
    void copy(Tensor src, Tensor dst);

    /** Sets every element of {@code dst} to {@code value}. */
    void fill(Tensor dst, double value);

    // ---- elementwise ----

    /** {@code out = op(x; alpha, beta)}; float32 only. */
    void unary(UnaryOp op, Tensor x, float alpha, float beta, Tensor out);

    /** {@code out = a op b}; a and b are views broadcast to out's shape; float32 only. */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /**
     * {@code out += alpha * x} (BLAS axpy), x broadcast to out's shape; float32 only. The product is
     * rounded before the add (no fused multiply-add), so the result equals {@code out + (x * alpha)}
     * computed by {@link #unary} and {@link #binary} bit for bit — only without the temporary. The
     * optimizers' in-place updates use it. The default does exactly that, temporary included.
     */
    default void axpy(float alpha, Tensor x, Tensor out) {
        Tensor scaled = Tensor.zeros(DType.FLOAT32, out.shape(), out.device());
        unary(UnaryOp.MUL_SCALAR, x, alpha, 0f, scaled);
        binary(BinaryOp.ADD, out, scaled, out);
    }

    // ---- fused optimizer updates
    // One pass over the weight, its gradient and its slots instead of a chain of elementwise ops (3 for weight
    // decay, up to 20 for Ftrl). Each default is the optimizers' former chain of primitives, weight-sized
    // temporaries included; an override must round exactly as it does (no fused multiply-add), so every backend
    // gives the same bits. Tensor has checked that operands have w's shape (g may be a broadcast view; w and
    // the slots, written in place, may not; Nadam's two per-step scalars are rank 0) and that no two share
    // storage. Any of them may be strided.

    /**
     * Keras SGD, in place:
     * <pre>
     * m == null:  w ← w + g·(−lr)
     * otherwise:  m ← m·μ + g·(−lr);  w ← w + m          (nesterov: w ← w + (m·μ + g·(−lr)), with the new m)
     * </pre>
     * Each product is rounded before its add. {@code m} is the momentum slot, null for plain SGD
     * (then μ is 0 and nesterov is ignored).
     */
    default void sgdUpdate(Tensor w, Tensor g, Tensor m, float lr, float momentum, boolean nesterov) {
        if (m == null) {
            axpy(-lr, g, w);
            return;
        }
        unary(UnaryOp.MUL_SCALAR, m, momentum, 0f, m);
        axpy(-lr, g, m);
        if (nesterov) {
            Tensor step = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
            unary(UnaryOp.MUL_SCALAR, m, momentum, 0f, step);
            axpy(-lr, g, step);
            binary(BinaryOp.ADD, w, step, w);
        } else {
            binary(BinaryOp.ADD, w, m, w);
        }
    }

    /**
     * {@link #sgdUpdate} on every weight of a step, {@code w.get(i)} with {@code g.get(i)} and {@code m.get(i)}
     * ({@code m} null for plain SGD): one launch for them all on a GPU (PyTorch's multi-tensor apply). The
     * weights are on this backend's device and distinct. The default updates them one by one.
     */
    default void sgdUpdates(List<Tensor> w, List<Tensor> g, List<Tensor> m, float lr, float momentum,
                            boolean nesterov) {
        for (int i = 0; i < w.size(); i++) {
            sgdUpdate(w.get(i), g.get(i), m == null ? null : m.get(i), lr, momentum, nesterov);
        }
    }

    /**
     * {@link #adamUpdate} on every weight of a step ({@code vhat} null without AMSGrad), with the same α, c1, c2
     * and ε: one launch for them all on a GPU. The default updates them one by one.
     */
    default void adamUpdates(List<Tensor> w, List<Tensor> g, List<Tensor> m, List<Tensor> v, List<Tensor> vhat,
                             float alpha, float c1, float c2, float epsilon) {
        for (int i = 0; i < w.size(); i++) {
            adamUpdate(w.get(i), g.get(i), m.get(i), v.get(i), vhat == null ? null : vhat.get(i), alpha, c1, c2,
                    epsilon);
        }
    }

    /**
     * Keras Adam (AMSGrad when {@code vhat} is non-null), in place, with {@code α = lr·sqrt(1 − β2^t)/(1 − β1^t)}
     * computed by the caller and {@code c1 = 1 − β1}, {@code c2 = 1 − β2} rounded to float by it:
     * <pre>
     * m ← m + (g − m)·c1
     * v ← v + (g·g − v)·c2
     * vhat ← max(vhat, v)                        (AMSGrad only; vhat then replaces v below)
     * w ← w − (m·α) / (sqrt(v) + ε)
     * </pre>
     */
    default void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, Tensor vhat, float alpha, float c1, float c2,
                            float epsilon) {
        Tensor a = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        movingAverage(m, g, c1, a);
        unary(UnaryOp.SQUARE, g, 0f, 0f, a);
        movingAverage(v, a, c2, a);
        Tensor vUsed = v;
        if (vhat != null) {
            binary(BinaryOp.MAXIMUM, vhat, v, vhat);
            vUsed = vhat;
        }
        Tensor step = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        unary(UnaryOp.SQRT, vUsed, 0f, 0f, a);
        unary(UnaryOp.ADD_SCALAR, a, epsilon, 0f, a);
        unary(UnaryOp.MUL_SCALAR, m, alpha, 0f, step);
        binary(BinaryOp.DIV, step, a, step);
        binary(BinaryOp.SUB, w, step, w);
    }

    /**
     * Keras Adamax, in place, with {@code c1 = 1 − β1} rounded to float and the bias correction
     * {@code b = 1 − β1^t} computed by the caller:
     * <pre>
     * m ← m + (g − m)·c1
     * u ← max(u·β2, |g|)
     * w ← w − (m·lr) / ((u + ε)·b)
     * </pre>
     */
    default void adamaxUpdate(Tensor w, Tensor g, Tensor m, Tensor u, float lr, float c1, float beta2, float epsilon,
                              float biasCorrection) {
        Tensor a = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        movingAverage(m, g, c1, a);
        unary(UnaryOp.MUL_SCALAR, u, beta2, 0f, u);
        unary(UnaryOp.ABS, g, 0f, 0f, a);
        binary(BinaryOp.MAXIMUM, u, a, u);
        unary(UnaryOp.ADD_SCALAR, u, epsilon, 0f, a);
        unary(UnaryOp.MUL_SCALAR, a, biasCorrection, 0f, a);
        Tensor step = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        unary(UnaryOp.MUL_SCALAR, m, lr, 0f, step);
        binary(BinaryOp.DIV, step, a, step);
        binary(BinaryOp.SUB, w, step, w);
    }

    /**
     * Keras Nadam, in place. The caller gives {@code c1 = 1 − β1}, {@code c2 = 1 − β2}, μ_t+1, {@code 1 − μ_t}
     * and {@code 1 − β2^t} as floats, and {@code 1 − P_t}, {@code 1 − P_t+1} (P: the product of the μ's) as
     * rank-0 tensors on w's device, where the optimizer keeps that product so a step reads nothing back:
     * <pre>
     * m ← m + (g − m)·c1
     * v ← v + (g·g − v)·c2
     * m̂ = (m·μ_t+1) / (1 − P_t+1) + (g·(1 − μ_t)) / (1 − P_t)
     * w ← w − (m̂·lr) / (sqrt(v / (1 − β2^t)) + ε)
     * </pre>
     * Each division is a true float division (Keras's order, not a product with a reciprocal).
     */
    default void nadamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, Tensor oneMinusP, Tensor oneMinusPNext, float lr,
                             float c1, float c2, float muNext, float oneMinusMu, float vCorrection, float epsilon) {
        Tensor a = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        Tensor b = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        movingAverage(m, g, c1, a);
        unary(UnaryOp.SQUARE, g, 0f, 0f, a);
        movingAverage(v, a, c2, a);
        unary(UnaryOp.MUL_SCALAR, m, muNext, 0f, a);
        binary(BinaryOp.DIV, a, oneMinusPNext.broadcastTo(w.shape()), a);
        unary(UnaryOp.MUL_SCALAR, g, oneMinusMu, 0f, b);
        binary(BinaryOp.DIV, b, oneMinusP.broadcastTo(w.shape()), b);
        binary(BinaryOp.ADD, a, b, a);
        Tensor correction = Tensor.zeros(DType.FLOAT32, Shape.of(), w.device());
        fill(correction, vCorrection);
        binary(BinaryOp.DIV, v, correction.broadcastTo(w.shape()), b);
        unary(UnaryOp.SQRT, b, 0f, 0f, b);
        unary(UnaryOp.ADD_SCALAR, b, epsilon, 0f, b);
        unary(UnaryOp.MUL_SCALAR, a, lr, 0f, a);
        binary(BinaryOp.DIV, a, b, a);
        binary(BinaryOp.SUB, w, a, w);
    }

    /**
     * Keras RMSprop, in place, with ρ and {@code 1 − ρ} rounded to float by the caller. {@code mom} is the
     * momentum slot (null without momentum), {@code avg} the average gradient (null unless centered):
     * <pre>
     * v ← v·ρ + (g·g)·(1 − ρ)
     * centered:  avg ← avg·ρ + g·(1 − ρ);  d = (v − avg·avg) + ε        otherwise d = v + ε
     * inc = (g·lr) / sqrt(d)
     * momentum:  mom ← mom·μ + inc;  w ← w − mom                        otherwise w ← w − inc
     * </pre>
     */
    default void rmspropUpdate(Tensor w, Tensor g, Tensor v, Tensor mom, Tensor avg, float lr, float rho,
                               float oneMinusRho, float momentum, float epsilon) {
        Tensor d = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        unary(UnaryOp.MUL_SCALAR, v, rho, 0f, v);
        unary(UnaryOp.SQUARE, g, 0f, 0f, d);
        unary(UnaryOp.MUL_SCALAR, d, oneMinusRho, 0f, d);
        binary(BinaryOp.ADD, v, d, v);
        if (avg != null) {
            unary(UnaryOp.MUL_SCALAR, avg, rho, 0f, avg);
            unary(UnaryOp.MUL_SCALAR, g, oneMinusRho, 0f, d);
            binary(BinaryOp.ADD, avg, d, avg);
            unary(UnaryOp.SQUARE, avg, 0f, 0f, d);
            binary(BinaryOp.SUB, v, d, d);
            unary(UnaryOp.ADD_SCALAR, d, epsilon, 0f, d);
        } else {
            unary(UnaryOp.ADD_SCALAR, v, epsilon, 0f, d);
        }
        unary(UnaryOp.SQRT, d, 0f, 0f, d);
        Tensor inc = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        unary(UnaryOp.MUL_SCALAR, g, lr, 0f, inc);
        binary(BinaryOp.DIV, inc, d, inc);
        if (mom != null) {
            unary(UnaryOp.MUL_SCALAR, mom, momentum, 0f, mom);
            binary(BinaryOp.ADD, mom, inc, mom);
            binary(BinaryOp.SUB, w, mom, w);
        } else {
            binary(BinaryOp.SUB, w, inc, w);
        }
    }

    /**
     * Keras Adagrad, in place: {@code acc ← acc + g·g;  w ← w − (g·lr) / sqrt(acc + ε)}.
     */
    default void adagradUpdate(Tensor w, Tensor g, Tensor acc, float lr, float epsilon) {
        Tensor d = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        unary(UnaryOp.SQUARE, g, 0f, 0f, d);
        binary(BinaryOp.ADD, acc, d, acc);
        unary(UnaryOp.ADD_SCALAR, acc, epsilon, 0f, d);
        unary(UnaryOp.SQRT, d, 0f, 0f, d);
        Tensor inc = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        unary(UnaryOp.MUL_SCALAR, g, lr, 0f, inc);
        binary(BinaryOp.DIV, inc, d, inc);
        binary(BinaryOp.SUB, w, inc, w);
    }

    /**
     * Keras Lion, in place, with {@code c1 = 1 − β1} and {@code c2 = 1 − β2} rounded to float by the caller
     * (sign(0) = 0, and sign keeps the sign of a zero and a NaN, as {@link Math#signum(float)}):
     * <pre>
     * w ← w − sign(m·β1 + g·c1)·lr
     * m ← m·β2 + g·c2
     * </pre>
     */
    default void lionUpdate(Tensor w, Tensor g, Tensor m, float lr, float beta1, float c1, float beta2, float c2) {
        Tensor d = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        Tensor b = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        unary(UnaryOp.MUL_SCALAR, m, beta1, 0f, d);
        unary(UnaryOp.MUL_SCALAR, g, c1, 0f, b);
        binary(BinaryOp.ADD, d, b, d);
        unary(UnaryOp.SIGN, d, 0f, 0f, d);
        unary(UnaryOp.MUL_SCALAR, d, lr, 0f, d);
        binary(BinaryOp.SUB, w, d, w);
        unary(UnaryOp.MUL_SCALAR, m, beta2, 0f, m);
        unary(UnaryOp.MUL_SCALAR, g, c2, 0f, b);
        binary(BinaryOp.ADD, m, b, m);
    }

    /**
     * Keras Adadelta, in place, with ρ and {@code 1 − ρ} rounded to float by the caller. {@code eg} is the
     * accumulated squared gradient, {@code ex} the accumulated squared delta:
     * <pre>
     * eg ← eg·ρ + (g·g)·(1 − ρ)
     * Δ  = −((sqrt(ex + ε)·g) / sqrt(eg + ε))          (with the old ex)
     * ex ← ex·ρ + (Δ·Δ)·(1 − ρ)
     * w  ← w + Δ·lr
     * </pre>
     */
    default void adadeltaUpdate(Tensor w, Tensor g, Tensor eg, Tensor ex, float lr, float rho, float oneMinusRho,
                                float epsilon) {
        Tensor t = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        Tensor delta = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        unary(UnaryOp.MUL_SCALAR, eg, rho, 0f, eg);
        unary(UnaryOp.SQUARE, g, 0f, 0f, t);
        unary(UnaryOp.MUL_SCALAR, t, oneMinusRho, 0f, t);
        binary(BinaryOp.ADD, eg, t, eg);
        unary(UnaryOp.ADD_SCALAR, ex, epsilon, 0f, delta);
        unary(UnaryOp.SQRT, delta, 0f, 0f, delta);
        binary(BinaryOp.MUL, delta, g, delta);
        unary(UnaryOp.ADD_SCALAR, eg, epsilon, 0f, t);
        unary(UnaryOp.SQRT, t, 0f, 0f, t);
        binary(BinaryOp.DIV, delta, t, delta);
        unary(UnaryOp.NEG, delta, 0f, 0f, delta);
        unary(UnaryOp.MUL_SCALAR, ex, rho, 0f, ex);
        unary(UnaryOp.SQUARE, delta, 0f, 0f, t);
        unary(UnaryOp.MUL_SCALAR, t, oneMinusRho, 0f, t);
        binary(BinaryOp.ADD, ex, t, ex);
        unary(UnaryOp.MUL_SCALAR, delta, lr, 0f, delta);
        binary(BinaryOp.ADD, w, delta, w);
    }

    /**
     * Keras Ftrl (FTRL-proximal), in place, on the accumulator {@code n} and the linear slot {@code z}. The
     * caller gives the power {@code p = −learning_rate_power}, l1, {@code twoL2 = 2·(l2 + β/(2·lr))} and
     * {@code twoShrinkage = 2·l2_shrinkage}, rounded to float as it computes them; pow is
     * {@link UnaryOp#POW_SCALAR}'s:
     * <pre>
     * g' = w·twoShrinkage + g;   n' = g·g + n
     * z ← z + (g' − ((n'^p − n^p) / lr)·w)
     * w ← (clip(z, −l1, l1) − z) / (n'^p / lr + twoL2)
     * n ← n'
     * </pre>
     * Each division by lr is a true float division (Keras's order, not a product with a reciprocal).
     */
    default void ftrlUpdate(Tensor w, Tensor g, Tensor n, Tensor z, float lr, float power, float l1, float twoL2,
                            float twoShrinkage) {
        Tensor gPrime = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        Tensor nNew = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        Tensor a = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        Tensor b = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        Tensor rate = Tensor.zeros(DType.FLOAT32, Shape.of(), w.device());
        fill(rate, lr);
        Tensor lrs = rate.broadcastTo(w.shape());
        unary(UnaryOp.MUL_SCALAR, w, twoShrinkage, 0f, gPrime);
        binary(BinaryOp.ADD, gPrime, g, gPrime);
        unary(UnaryOp.SQUARE, g, 0f, 0f, nNew);
        binary(BinaryOp.ADD, nNew, n, nNew);
        unary(UnaryOp.POW_SCALAR, nNew, power, 0f, a);
        unary(UnaryOp.POW_SCALAR, n, power, 0f, b);
        binary(BinaryOp.SUB, a, b, a);
        binary(BinaryOp.DIV, a, lrs, a);
        binary(BinaryOp.MUL, a, w, a);
        binary(BinaryOp.SUB, gPrime, a, gPrime);
        binary(BinaryOp.ADD, z, gPrime, z);
        unary(UnaryOp.POW_SCALAR, nNew, power, 0f, a);
        binary(BinaryOp.DIV, a, lrs, a);
        unary(UnaryOp.ADD_SCALAR, a, twoL2, 0f, a);
        unary(UnaryOp.CLIP, z, -l1, l1, b);
        binary(BinaryOp.SUB, b, z, b);
        binary(BinaryOp.DIV, b, a, b);
        copy(b, w);
        copy(nNew, n);
    }

    /**
     * {@code avg ← avg + (x − avg)·c} through {@code scratch} (which may be x itself): the Adam family's moment
     * update, Keras's {@code assign_add(m, (g − m)·(1 − β))}.
     */
    private void movingAverage(Tensor avg, Tensor x, float c, Tensor scratch) {
        binary(BinaryOp.SUB, x, avg, scratch);
        unary(UnaryOp.MUL_SCALAR, scratch, c, 0f, scratch);
        binary(BinaryOp.ADD, avg, scratch, avg);
    }

    /**
     * Decoupled weight decay (AdamW, and any optimizer given {@code weight_decay}), in place, in Keras's
     * order: {@code w ← w − (w·wd)·lr}.
     */
    default void decayWeights(Tensor w, float weightDecay, float lr) {
        Tensor decay = Tensor.zeros(DType.FLOAT32, w.shape(), w.device());
        unary(UnaryOp.MUL_SCALAR, w, weightDecay, 0f, decay);
        unary(UnaryOp.MUL_SCALAR, decay, lr, 0f, decay);
        binary(BinaryOp.SUB, w, decay, w);
    }

    /** {@code out = cond != 0 ? a : b}; all three broadcast to out's shape. */
    void where(Tensor cond, Tensor a, Tensor b, Tensor out);

    /**
     * Fused {@code out = act(x + bias)} where bias is broadcast along the leading axes (a Dense layer's
     * {@code xW + b} followed by its activation, in one pass over memory).
     */
    void biasActivation(Tensor x, Tensor bias, UnaryOp act, float alpha, Tensor out);

    // ---- reductions ----

    /**
     * Reduces {@code x} into {@code out}, which has x's rank with size 1 on every reduced axis
     * (keepdims form). The reduced axes are those where out's size is 1 and x's is not.
     */
    void reduce(ReduceOp op, Tensor x, Tensor out);

    /** Index of the max (or min) along {@code axis} into an int32 {@code out} with that axis of size 1; first wins on ties. */
    void argReduce(boolean max, Tensor x, int axis, Tensor out);

    /**
     * Whether each row's argmax is its label: {@code out[i] = 1} where the index of the largest element of row i
     * of {@code x} (..., c) along the last axis, chosen as {@link #argReduce} does, equals {@code labels[i]}, else
     * 0. Labels (...), int32 or float32, are compared as floats (a label 2.5 never matches); out is float32 (...).
     * Sparse categorical accuracy in one pass on a GPU; the default is argmax, two casts and eq.
     */
    default void argmaxMatches(Tensor x, Tensor labels, Tensor out) {
        copy(labels.toFloat().eq(x.argmax(-1).toFloat()), out);
    }

    // ---- linear algebra ----

    /**
     * {@code out = alpha · a @ b + beta · out} over batches. a: (..., m, k), b: (..., k, n),
     * out: (..., m, n) with the same batch dims (broadcast batch dims have stride 0). Either operand's
     * last two axes may be a transposed view (strides (1, ld)); backends read it in place. A backend with
     * tensor cores may round the inputs as {@link MatmulPrecision#float32()} allows; float32 otherwise.
     */
    void matmul(Tensor a, Tensor b, float alpha, float beta, Tensor out);

    // ---- neural-network primitives ----

    /** Softmax (or log-softmax) of {@code x} along {@code axis} into {@code out}, numerically stable. */
    void softmax(Tensor x, int axis, boolean log, Tensor out);

    /**
     * The softmax's gradient from its output {@code y} and the upstream gradient {@code g} (same shape):
     * {@code out = y · (g − Σ_axis g·y)}, the sum kept along the axis. One pass per row instead of four
     * operations; the default is those four.
     */
    default void softmaxBackward(Tensor y, Tensor g, int axis, Tensor out) {
        Tensor dot = g.mul(y).sum(new int[] {axis}, true);
        copy(y.mul(g.sub(dot)), out);
    }

    /**
     * Fused softmax cross-entropy over the last axis of logits (n, c): {@code loss[i] = -Σ_j t_ij
     * log softmax(z_i)_j}. Targets are int32 class indices (n) or float32 distributions (n, c). When
     * {@code grad} is non-null it receives {@code softmax(z) - t} (the gradient of the summed loss).
     */
    void softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor loss, Tensor grad);

    /**
     * Sparse cross-entropy over the last axis of {@code pred} (n, c) against class ids (n), int32 or float32, as
     * given: the labels are checked here, so labels on a device need no read back. Per row i with label l:
     * <ul>
     * <li>from logits: {@code loss[i] = −log softmax(z_i)_l}, {@code grad = softmax(z_i) − onehot(l)};
     * <li>from probabilities: {@code loss[i] = −log clip(q, ε, 1 − ε)} with {@code q = p_il / Σ_j p_ij}, and
     * {@code grad_j = (1 − [j = l] / q) / Σ_j p_ij} where {@code ε ≤ q ≤ 1 − ε}, 0 where the clip is active.
     * </ul>
     * A label equal to {@code ignoreClass} (when non-null) gives loss 0; any other label that is not an integer in
     * [0, c) gives NaN. Both leave their gradient row 0. {@code 1 − ε} is {@code (float) (1.0 − ε)}. When
     * {@code grad} is non-null it receives the gradient of the summed loss.
     */
    void sparseCrossEntropy(Tensor pred, Tensor labels, boolean fromLogits, float epsilon, Integer ignoreClass,
                            Tensor loss, Tensor grad);

    // ---- indexing ----

    /** {@code out = x.take(indices, axis)}: out's shape is x's with {@code axis} replaced by indices' shape. */
    void gather(Tensor x, Tensor indices, int axis, Tensor out);

    /** The adjoint of gather: {@code out[.., indices[j], ..] += src[.., j, ..]} along axis. */
    void scatterAdd(Tensor src, Tensor indices, int axis, Tensor out);

    // ---- random ----

    /**
     * Fills {@code out} (contiguous) from a counter-based generator: element i is a pure function of
     * (seed, counter + i), so results do not depend on threads or on the backend.
     */
    void random(RandomKind kind, long seed, long counter, float a, float b, Tensor out);
}
