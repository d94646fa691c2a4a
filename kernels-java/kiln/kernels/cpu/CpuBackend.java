package kiln.kernels.cpu;

import java.util.Arrays;
import kiln.tensor.Backend;
import kiln.tensor.BinaryOp;
import kiln.tensor.Buffer;
import kiln.tensor.DType;
import kiln.tensor.Device;
import kiln.tensor.HostBuffer;
import kiln.tensor.RandomKind;
import kiln.tensor.ReduceOp;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * The CPU backend: heap arrays, the Vector API kernels of this package (scalar loops when it is
 * off), and {@link Parallel} for threads. Always available.
 */
public final class CpuBackend implements Backend {

    @Override
    public Device device() {
        return Device.CPU;
    }

    // ---- storage

    @Override
    public Buffer allocate(DType dtype, int length) {
        return HostBuffer.allocate(dtype, length);
    }

    /**
     * Debug mode (-Dkiln.debug.poison=true, set for every surefire execution): released arrays and
     * uninitialized allocations are filled with NaN (ints: Integer.MIN_VALUE), so a test sees a tensor used
     * after its AllocationScope released it, or an operation that relied on an "uninitialized" output being
     * zero — both of which only a GPU would otherwise show.
     */
    private static final boolean POISON = Boolean.getBoolean("kiln.debug.poison");

    @Override
    public Buffer allocateUninitialized(DType dtype, int length) {
        HostBuffer h = HostBuffer.allocate(dtype, length);
        if (POISON) {
            poison(h);
        }
        return h;
    }

    @Override
    public void release(Buffer buffer) {
        // heap memory belongs to the garbage collector; the debug mode makes a later use visible
        if (POISON && buffer instanceof HostBuffer h) {
            poison(h);
        }
    }

    private static void poison(HostBuffer h) {
        if (h.floats != null) {
            Arrays.fill(h.floats, Float.NaN);
        } else {
            Arrays.fill(h.ints, Integer.MIN_VALUE);
        }
    }

    @Override
    public void copyFromHost(Object hostArray, Buffer dst) {
        HostBuffer d = (HostBuffer) dst;
        System.arraycopy(hostArray, 0, d.floats != null ? d.floats : d.ints, 0, d.length());
    }

    @Override
    public void copyToHost(Buffer src, Object hostArray) {
        HostBuffer s = (HostBuffer) src;
        System.arraycopy(s.floats != null ? s.floats : s.ints, 0, hostArray, 0, s.length());
    }

    static float[] floats(Tensor t) {
        return ((HostBuffer) t.buffer()).floats;
    }

    static int[] ints(Tensor t) {
        return ((HostBuffer) t.buffer()).ints;
    }

    static Object array(Tensor t) {
        HostBuffer b = (HostBuffer) t.buffer();
        return b.floats != null ? b.floats : b.ints;
    }

    // ---- movement

    @Override
    public void copy(Tensor src, Tensor dst) {
        Loop plan = Loop.of(dst, src);
        int ds = plan.innerStride(0);
        int ss = plan.innerStride(1);
        if (src.dtype() == dst.dtype()) {
            Object s = array(src);
            Object d = array(dst);
            plan.run((off, n) -> {
                if (ds == 1 && ss == 1) {
                    System.arraycopy(s, off[1], d, off[0], n);
                } else if (s instanceof float[] sf) {
                    float[] df = (float[]) d;
                    for (int i = 0; i < n; i++) {
                        df[off[0] + i * ds] = sf[off[1] + i * ss];
                    }
                } else {
                    int[] si = (int[]) s;
                    int[] di = (int[]) d;
                    for (int i = 0; i < n; i++) {
                        di[off[0] + i * ds] = si[off[1] + i * ss];
                    }
                }
            });
        } else if (src.dtype() == DType.INT32) {
            int[] s = ints(src);
            float[] d = floats(dst);
            plan.run((off, n) -> {
                for (int i = 0; i < n; i++) {
                    d[off[0] + i * ds] = s[off[1] + i * ss];
                }
            });
        } else {
            float[] s = floats(src);
            int[] d = ints(dst);
            plan.run((off, n) -> {
                for (int i = 0; i < n; i++) {
                    d[off[0] + i * ds] = (int) s[off[1] + i * ss];
                }
            });
        }
    }

    @Override
    public void fill(Tensor dst, double value) {
        Loop plan = Loop.of(dst);
        int st = plan.innerStride(0);
        Object a = array(dst);
        plan.run((off, n) -> {
            if (a instanceof float[] f) {
                if (st == 1) {
                    Arrays.fill(f, off[0], off[0] + n, (float) value);
                } else {
                    for (int i = 0; i < n; i++) {
                        f[off[0] + i * st] = (float) value;
                    }
                }
            } else {
                int[] v = (int[]) a;
                for (int i = 0; i < n; i++) {
                    v[off[0] + i * st] = (int) value;
                }
            }
        });
    }

    // ---- elementwise

    /** Dense operands of the output's own size (no broadcasting), small enough for one thread. */
    private static boolean smallDense(Tensor out, Tensor... in) {
        int n = out.size();
        if (n >= Loop.PARALLEL_THRESHOLD || !out.isContiguous()) {
            return false;
        }
        for (Tensor t : in) {
            if (t.size() != n || !t.isContiguous()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void unary(UnaryOp op, Tensor x, float alpha, float beta, Tensor out) {
        if (smallDense(out, x)) { // the common small case, without building an iteration plan
            Elementwise.unary(op, alpha, beta, floats(x), x.offset(), 1, floats(out), out.offset(), 1, out.size());
            return;
        }
        Loop plan = Loop.of(out, x);
        float[] xs = floats(x);
        float[] ys = floats(out);
        int so = plan.innerStride(0);
        int sx = plan.innerStride(1);
        plan.run((off, n) -> Elementwise.unary(op, alpha, beta, xs, off[1], sx, ys, off[0], so, n));
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        if (smallDense(out, a, b)) {
            Elementwise.binary(op, floats(a), a.offset(), 1, floats(b), b.offset(), 1, floats(out), out.offset(), 1,
                    out.size());
            return;
        }
        Loop plan = Loop.of(out, a, b);
        float[] as = floats(a);
        float[] bs = floats(b);
        float[] cs = floats(out);
        int so = plan.innerStride(0);
        int sa = plan.innerStride(1);
        int sb = plan.innerStride(2);
        plan.run((off, n) -> Elementwise.binary(op, as, off[1], sa, bs, off[2], sb, cs, off[0], so, n));
    }

    @Override
    public void axpy(float alpha, Tensor x, Tensor out) {
        if (smallDense(out, x)) {
            Elementwise.axpy(alpha, floats(x), x.offset(), 1, floats(out), out.offset(), 1, out.size());
            return;
        }
        Loop plan = Loop.of(out, x);
        float[] xs = floats(x);
        float[] ys = floats(out);
        int so = plan.innerStride(0);
        int sx = plan.innerStride(1);
        plan.run((off, n) -> Elementwise.axpy(alpha, xs, off[1], sx, ys, off[0], so, n));
    }

    // ---- fused optimizer updates: one pass instead of the default's op chain, same roundings (CpuOptimizerUpdates)

    @Override
    public void sgdUpdate(Tensor w, Tensor g, Tensor m, float lr, float momentum, boolean nesterov) {
        if (m == null) {
            axpy(-lr, g, w); // already a single pass
        } else {
            CpuOptimizerUpdates.sgd(w, g, m, lr, momentum, nesterov);
        }
    }

    @Override
    public void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, Tensor vhat, float alpha, float c1, float c2,
                           float epsilon) {
        CpuOptimizerUpdates.adam(w, g, m, v, vhat, alpha, c1, c2, epsilon);
    }

    @Override
    public void adamaxUpdate(Tensor w, Tensor g, Tensor m, Tensor u, float lr, float c1, float beta2, float epsilon,
                             float biasCorrection) {
        CpuOptimizerUpdates.adamax(w, g, m, u, lr, c1, beta2, epsilon, biasCorrection);
    }

    @Override
    public void nadamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, Tensor oneMinusP, Tensor oneMinusPNext, float lr,
                            float c1, float c2, float muNext, float oneMinusMu, float vCorrection, float epsilon) {
        CpuOptimizerUpdates.nadam(w, g, m, v, oneMinusP, oneMinusPNext, lr, c1, c2, muNext, oneMinusMu, vCorrection,
                epsilon);
    }

    @Override
    public void rmspropUpdate(Tensor w, Tensor g, Tensor v, Tensor mom, Tensor avg, float lr, float rho,
                              float oneMinusRho, float momentum, float epsilon) {
        CpuOptimizerUpdates.rmsprop(w, g, v, mom, avg, lr, rho, oneMinusRho, momentum, epsilon);
    }

    @Override
    public void adagradUpdate(Tensor w, Tensor g, Tensor acc, float lr, float epsilon) {
        CpuOptimizerUpdates.adagrad(w, g, acc, lr, epsilon);
    }

    @Override
    public void lionUpdate(Tensor w, Tensor g, Tensor m, float lr, float beta1, float c1, float beta2, float c2) {
        CpuOptimizerUpdates.lion(w, g, m, lr, beta1, c1, beta2, c2);
    }

    @Override
    public void adadeltaUpdate(Tensor w, Tensor g, Tensor eg, Tensor ex, float lr, float rho, float oneMinusRho,
                               float epsilon) {
        CpuOptimizerUpdates.adadelta(w, g, eg, ex, lr, rho, oneMinusRho, epsilon);
    }

    @Override
    public void ftrlUpdate(Tensor w, Tensor g, Tensor n, Tensor z, float lr, float power, float l1, float twoL2,
                           float twoShrinkage) {
        CpuOptimizerUpdates.ftrl(w, g, n, z, lr, power, l1, twoL2, twoShrinkage);
    }

    @Override
    public void decayWeights(Tensor w, float weightDecay, float lr) {
        CpuOptimizerUpdates.decay(w, weightDecay, lr);
    }

    @Override
    public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        Loop plan = Loop.of(out, cond, a, b);
        float[] c = floats(cond);
        float[] x = floats(a);
        float[] y = floats(b);
        float[] o = floats(out);
        int s0 = plan.innerStride(0);
        int s1 = plan.innerStride(1);
        int s2 = plan.innerStride(2);
        int s3 = plan.innerStride(3);
        plan.run((off, n) -> {
            for (int i = 0; i < n; i++) {
                o[off[0] + i * s0] = c[off[1] + i * s1] != 0 ? x[off[2] + i * s2] : y[off[3] + i * s3];
            }
        });
    }

    @Override
    public void biasActivation(Tensor x, Tensor bias, UnaryOp act, float alpha, Tensor out) {
        // One pass per row: add the bias into out, then apply the activation while the row is in cache.
        Loop plan = Loop.of(out, x, bias.broadcastTo(x.shape()));
        float[] xs = floats(x);
        float[] bs = floats(bias);
        float[] ys = floats(out);
        int so = plan.innerStride(0);
        int sx = plan.innerStride(1);
        int sb = plan.innerStride(2);
        plan.run((off, n) -> {
            Elementwise.binary(BinaryOp.ADD, xs, off[1], sx, bs, off[2], sb, ys, off[0], so, n);
            Elementwise.unary(act, alpha, 0f, ys, off[0], so, ys, off[0], so, n);
        });
    }

    // ---- reductions

    @Override
    public void reduce(ReduceOp op, Tensor x, Tensor out) {
        Reductions.reduce(op, x, out);
    }

    @Override
    public void argReduce(boolean max, Tensor x, int axis, Tensor out) {
        Reductions.argReduce(max, x, axis, out);
    }

    // ---- linear algebra

    @Override
    public void matmul(Tensor a, Tensor b, float alpha, float beta, Tensor out) {
        MatMulCpu.matmul(a, b, alpha, beta, out);
    }

    // ---- nn primitives

    @Override
    public void softmax(Tensor x, int axis, boolean log, Tensor out) {
        Softmax.softmax(x, axis, log, out);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor g, int axis, Tensor out) {
        Softmax.backward(y, g, axis, out);
    }

    @Override
    public void softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor loss, Tensor grad) {
        Softmax.crossEntropy(logits, targets, loss, grad);
    }

    @Override
    public void sparseCrossEntropy(Tensor pred, Tensor labels, boolean fromLogits, float epsilon, Integer ignoreClass,
                                   Tensor loss, Tensor grad) {
        SparseCrossEntropy.run(pred, labels, fromLogits, epsilon, ignoreClass, loss, grad);
    }

    // ---- indexing

    @Override
    public void gather(Tensor x, Tensor indices, int axis, Tensor out) {
        Gather.gather(x, indices, axis, out);
    }

    @Override
    public void scatterAdd(Tensor src, Tensor indices, int axis, Tensor out) {
        Gather.scatterAdd(src, indices, axis, out);
    }

    // ---- random

    @Override
    public void random(RandomKind kind, long seed, long counter, float a, float b, Tensor out) {
        RandomFill.fill(kind, seed, counter, a, b, floats(out), out.offset(), out.size());
    }
}
