package kiln.kernels.cuda;

import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoHAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuMemsetD32Async;
import static org.bytedeco.cuda.global.cudart.cuStreamSynchronize;

import kiln.tensor.Backend;
import kiln.tensor.BinaryOp;
import kiln.tensor.Buffer;
import kiln.tensor.DType;
import kiln.tensor.Device;
import kiln.tensor.RandomKind;
import kiln.tensor.ReduceOp;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The CUDA backend: {@link DeviceBuffer}s from a {@link CachingAllocator}, Kiln's own kernels from
 * {@code kernels-cuda/cuda/*.cu} (NVRTC at first use, {@link KernelCache}), launched through the driver
 * API on one stream per device ({@link CudaContext}); GEMM by Kiln's tiled kernel or cuBLAS
 * ({@link CudaGemm}, {@code -Dkiln.cuda.gemm=kiln|cublas}). Strided operands go to the kernels as
 * merged {@link StridedPlan}s, so views, transposes and broadcasts are read in place.
 *
 * <p>Host synchronisation happens only where a result must reach the host: {@link #copyToHost}, and the
 * index checks of gather, scatter-add and sparse cross-entropy (whose kernels report a bad index in a
 * flag read back after the launch).
 */
public final class CudaBackend implements Backend {
    private static final int THREADS = 256;

    final CudaContext cx;
    private final Device device;
    private final CudaGemm gemm;
    private DeviceBuffer flag; // one int the kernels use to report the first bad index

    private CudaBackend(CudaContext cx) {
        this.cx = cx;
        this.device = Device.cuda(cx.index);
        this.gemm = new CudaGemm(this, CudaGemm.configured());
    }

    static CudaBackend create(int deviceIndex) {
        return new CudaBackend(new CudaContext(deviceIndex));
    }

    @Override
    public Device device() {
        return device;
    }

    // ---- memory management beyond the four verbs

    /** Bytes allocated, reserved and at peak, and cache counters of this device's allocator. */
    public AllocatorStats memoryStats() {
        return cx.allocator.stats();
    }

    /** Returns every cached, unused block to the driver. */
    public void emptyCache() {
        cx.allocator.emptyCache();
    }

    /** Starts a new peak measurement. */
    public void resetPeakMemory() {
        cx.allocator.resetPeak();
    }

    /** Waits for all work queued on this device. */
    public void synchronize() {
        cx.sync();
    }

    // ---- storage

    @Override
    public Buffer allocate(DType dtype, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("allocate: negative length " + length);
        }
        CachingAllocator.Block b = cx.allocator.allocate(4L * length);
        if (length > 0) {
            cx.makeCurrent();
            CudaContext.check(cuMemsetD32Async(b.address(), 0, length, cx.stream), "cuMemsetD32Async");
        }
        return new DeviceBuffer(device, dtype, length, cx.allocator, b);
    }

    @Override
    public void release(Buffer buffer) {
        if (buffer instanceof DeviceBuffer d) {
            d.release();
        }
    }

    @Override
    public void copyFromHost(Object hostArray, Buffer dst) {
        DeviceBuffer d = own(dst);
        int n = d.length();
        checkHost(hostArray, d, "copyFromHost");
        if (n == 0) {
            return;
        }
        // From pageable memory the copy returns once the data is staged, so the pointer may be freed after.
        try (Pointer p = hostArray instanceof float[] f ? new FloatPointer(f) : new IntPointer((int[]) hostArray)) {
            cx.makeCurrent();
            CudaContext.check(cuMemcpyHtoDAsync(d.address(0), p, 4L * n, cx.stream), "cuMemcpyHtoDAsync");
        }
    }

    @Override
    public void copyToHost(Buffer src, Object hostArray) {
        DeviceBuffer s = own(src);
        int n = s.length();
        checkHost(hostArray, s, "copyToHost");
        if (n == 0) {
            return;
        }
        if (hostArray instanceof float[] f) {
            try (FloatPointer p = new FloatPointer(n)) {
                download(s, p, n);
                p.get(f);
            }
        } else {
            try (IntPointer p = new IntPointer(n)) {
                download(s, p, n);
                p.get((int[]) hostArray);
            }
        }
    }

    private void download(DeviceBuffer s, Pointer p, int n) {
        cx.makeCurrent();
        CudaContext.check(cuMemcpyDtoHAsync(p, s.address(0), 4L * n, cx.stream), "cuMemcpyDtoHAsync");
        CudaContext.check(cuStreamSynchronize(cx.stream), "cuStreamSynchronize");
    }

    private static void checkHost(Object host, DeviceBuffer b, String op) {
        boolean ok = b.dtype() == DType.FLOAT32 ? host instanceof float[] f && f.length == b.length()
                : host instanceof int[] i && i.length == b.length();
        if (!ok) {
            throw new IllegalArgumentException(op + ": expected a " + (b.dtype() == DType.FLOAT32 ? "float" : "int")
                    + "[" + b.length() + "], got " + (host == null ? "null" : host.getClass().getSimpleName()
                    + (host instanceof float[] f ? "[" + f.length + "]" : host instanceof int[] i ? "[" + i.length + "]" : "")));
        }
    }

    // ---- operand access

    /** The buffer of a tensor, which must live on this device. */
    DeviceBuffer own(Tensor t) {
        return own(t.buffer());
    }

    private DeviceBuffer own(Buffer b) {
        if (b instanceof DeviceBuffer d && d.device().equals(device)) {
            return d;
        }
        throw new IllegalArgumentException("CUDA backend (" + device + "): an operand lives on " + b.device()
                + ", not on " + device + "; move it with to(" + device + ")");
    }

    /** Device address of a tensor's first element. */
    long at(Tensor t) {
        return own(t).address(t.offset());
    }

    /** Device address of a tensor's buffer start (plans carry the offsets). */
    long base(Tensor t) {
        return own(t).address(0);
    }

    int grid(long n) {
        return (int) Math.max(1, Math.min((n + THREADS - 1) / THREADS, 32L * cx.multiprocessors));
    }

    private void launch1d(CudaModule m, String fn, long n, KernelArgs args) {
        cx.launch(m, fn, grid(n), 1, 1, THREADS, args);
    }

    // ---- movement

    @Override
    public void copy(Tensor src, Tensor dst) {
        if (dst.size() == 0) {
            return;
        }
        StridedPlan p = StridedPlan.of(dst, src);
        if (src.dtype() == dst.dtype() && p.dense(0) && p.dense(1)) {
            long d = at(dst);
            long s = at(src);
            if (d != s) {
                cx.makeCurrent();
                CudaContext.check(cuMemcpyDtoDAsync(d, s, 4L * dst.size(), cx.stream), "cuMemcpyDtoDAsync");
            }
            return;
        }
        int mode = src.dtype() == dst.dtype() ? 0 : src.dtype() == DType.INT32 ? 1 : 2;
        launch1d(CudaModule.COPY, "copy_strided", p.size(),
                new KernelArgs().plan(p).i32(mode).ptr(base(src)).ptr(base(dst)));
    }

    @Override
    public void fill(Tensor dst, double value) {
        if (dst.size() == 0) {
            return;
        }
        int bits = dst.dtype() == DType.FLOAT32 ? Float.floatToRawIntBits((float) value) : (int) value;
        StridedPlan p = StridedPlan.of(dst);
        if (p.dense(0)) {
            cx.makeCurrent();
            CudaContext.check(cuMemsetD32Async(at(dst), bits, dst.size(), cx.stream), "cuMemsetD32Async");
            return;
        }
        launch1d(CudaModule.COPY, "fill_strided", p.size(), new KernelArgs().plan(p).i32(bits).ptr(base(dst)));
    }

    // ---- elementwise

    @Override
    public void unary(UnaryOp op, Tensor x, float alpha, float beta, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        StridedPlan p = StridedPlan.of(out, x);
        if (p.dense(0) && p.dense(1)) {
            launch1d(CudaModule.ELEMENTWISE, "unary_dense", p.size(), new KernelArgs()
                    .i32(p.size()).i32(op.ordinal()).f32(alpha).f32(beta).ptr(at(x)).ptr(at(out)));
            return;
        }
        launch1d(CudaModule.ELEMENTWISE, "unary_strided", p.size(), new KernelArgs()
                .plan(p).i32(op.ordinal()).f32(alpha).f32(beta).ptr(base(x)).ptr(base(out)));
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        StridedPlan p = StridedPlan.of(out, a, b);
        if (p.dense(0) && p.dense(1) && p.dense(2)) {
            launch1d(CudaModule.ELEMENTWISE, "binary_dense", p.size(), new KernelArgs()
                    .i32(p.size()).i32(op.ordinal()).ptr(at(a)).ptr(at(b)).ptr(at(out)));
            return;
        }
        launch1d(CudaModule.ELEMENTWISE, "binary_strided", p.size(), new KernelArgs()
                .plan(p).i32(op.ordinal()).ptr(base(a)).ptr(base(b)).ptr(base(out)));
    }

    @Override
    public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        StridedPlan p = StridedPlan.of(out, cond, a, b);
        launch1d(CudaModule.ELEMENTWISE, "where_strided", p.size(), new KernelArgs()
                .plan(p).ptr(base(cond)).ptr(base(a)).ptr(base(b)).ptr(base(out)));
    }

    @Override
    public void biasActivation(Tensor x, Tensor bias, UnaryOp act, float alpha, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        StridedPlan p = StridedPlan.of(out, x, bias.broadcastTo(x.shape()));
        launch1d(CudaModule.ELEMENTWISE, "bias_activation_strided", p.size(), new KernelArgs()
                .plan(p).i32(act.ordinal()).f32(alpha).ptr(base(x)).ptr(base(bias)).ptr(base(out)));
    }

    // ---- reductions

    @Override
    public void reduce(ReduceOp op, Tensor x, Tensor out) {
        if (x.size() == 0) { // the identity, and a mean of nothing is 0/0 = NaN (as the CPU and NumPy)
            fill(out, switch (op) {
                case SUM -> 0.0;
                case MEAN -> Double.NaN;
                case PROD -> 1.0;
                case MAX -> Double.NEGATIVE_INFINITY;
                case MIN -> Double.POSITIVE_INFINITY;
            });
            return;
        }
        Tensor kept = x;
        Tensor red = x;
        for (int a = 0; a < x.rank(); a++) {
            if (out.dim(a) == 1 && x.dim(a) != 1) {
                kept = kept.narrow(a, 0, 1);
            } else {
                red = red.narrow(a, 0, 1);
            }
        }
        StridedPlan outer = StridedPlan.of(out, kept);
        StridedPlan inner = StridedPlan.of(red).shifted(0, -x.offset());
        KernelArgs args = new KernelArgs().plan(outer).plan(inner).i32(op.ordinal()).ptr(base(x)).ptr(base(out));
        // A block per output when each reduction is long or there are too few outputs to fill the GPU.
        if (inner.size() > 1 && (inner.size() >= 256 || outer.size() < 4 * cx.multiprocessors)) {
            int threads = Math.max(32, Math.min(256, Integer.highestOneBit(inner.size() - 1) << 1));
            cx.launch(CudaModule.REDUCE, "reduce_block", Math.min(outer.size(), 64 * cx.multiprocessors), 1, 1,
                    threads, args);
        } else {
            launch1d(CudaModule.REDUCE, "reduce_thread", outer.size(), args);
        }
    }

    @Override
    public void argReduce(boolean max, Tensor x, int axis, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        StridedPlan p = StridedPlan.of(out, x.narrow(axis, 0, 1));
        launch1d(CudaModule.REDUCE, "arg_reduce", p.size(), new KernelArgs()
                .plan(p).i32(x.dim(axis)).i32(x.stride(axis)).i32(max ? 1 : 0).ptr(base(x)).ptr(base(out)));
    }

    // ---- linear algebra

    @Override
    public void matmul(Tensor a, Tensor b, float alpha, float beta, Tensor out) {
        gemm.matmul(a, b, alpha, beta, out);
    }

    // ---- nn primitives

    @Override
    public void softmax(Tensor x, int axis, boolean log, Tensor out) {
        if (x.size() == 0) {
            return;
        }
        int n = x.dim(axis);
        StridedPlan p = StridedPlan.of(out.narrow(axis, 0, 1), x.narrow(axis, 0, 1));
        cx.launch(CudaModule.SOFTMAX, "softmax_rows", Math.min(p.size(), 64 * cx.multiprocessors), 1, 1, rowThreads(n),
                new KernelArgs().plan(p).i32(n).i32(x.stride(axis)).i32(out.stride(axis)).i32(log ? 1 : 0)
                        .ptr(base(x)).ptr(base(out)));
    }

    /** Threads for a one-block-per-row kernel: a power of two in [32, 256] covering the row. */
    static int rowThreads(int n) {
        return Math.max(32, Math.min(256, n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1));
    }

    @Override
    public void softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor loss, Tensor grad) {
        int rows = logits.dim(0);
        int c = logits.dim(1);
        if (rows == 0) {
            return;
        }
        Tensor z = logits.contiguous();
        Tensor t = targets.contiguous();
        boolean sparse = targets.dtype() == DType.INT32;
        Tensor g = grad == null ? null : grad.isContiguous() ? grad : z.zerosLike();
        resetFlag();
        cx.launch(CudaModule.SOFTMAX_CROSS_ENTROPY, "softmax_ce_rows", Math.min(rows, 64 * cx.multiprocessors), 1, 1,
                rowThreads(c), new KernelArgs().i32(rows).i32(c).ptr(at(z)).ptr(sparse ? at(t) : 0)
                        .ptr(sparse ? 0 : at(t)).ptr(at(loss)).i32(loss.stride(0)).ptr(g == null ? 0 : at(g))
                        .ptr(flagAddress()));
        if (sparse) {
            int bad = readFlag();
            if (bad != Integer.MAX_VALUE) {
                int label = t.toIntArray()[bad];
                throw new IllegalArgumentException("softmaxCrossEntropy: label " + label + " at row " + bad
                        + " is out of range [0, " + c + ")");
            }
        }
        if (g != null && g != grad) {
            copy(g, grad);
            release(g.buffer());
        }
        releaseTemp(z, logits);
        releaseTemp(t, targets);
    }

    // ---- indexing

    @Override
    public void gather(Tensor x, Tensor indices, int axis, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        Tensor xc = x.contiguous();
        Tensor ic = indices.contiguous();
        Tensor oc = out.isContiguous() ? out : out.zerosLike();
        int axisLen = x.dim(axis);
        resetFlag();
        launch1d(CudaModule.GATHER, "gather_rows", oc.size(), new KernelArgs().i32(outer(x, axis)).i32(axisLen)
                .i32(inner(x, axis)).i32(indices.size()).ptr(at(ic)).ptr(at(xc)).ptr(at(oc)).ptr(flagAddress()));
        checkIndices("gather", ic, axisLen, axis);
        if (oc != out) {
            copy(oc, out);
            release(oc.buffer());
        }
        releaseTemp(xc, x);
        releaseTemp(ic, indices);
    }

    @Override
    public void scatterAdd(Tensor src, Tensor indices, int axis, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        Tensor sc = src.contiguous();
        Tensor ic = indices.contiguous();
        Tensor oc = out.isContiguous() ? out : out.copy();
        int axisLen = out.dim(axis);
        resetFlag();
        launch1d(CudaModule.GATHER, "scatter_add_rows", oc.size(), new KernelArgs().i32(outer(out, axis)).i32(axisLen)
                .i32(inner(out, axis)).i32(indices.size()).ptr(at(ic)).ptr(at(sc)).ptr(at(oc)).ptr(flagAddress()));
        checkIndices("scatterAdd", ic, axisLen, axis);
        if (oc != out) {
            copy(oc, out);
            release(oc.buffer());
        }
        releaseTemp(sc, src);
        releaseTemp(ic, indices);
    }

    private void checkIndices(String op, Tensor ic, int axisLen, int axis) {
        int bad = readFlag();
        if (bad != Integer.MAX_VALUE) {
            int v = ic.toIntArray()[bad];
            throw new IllegalArgumentException(op + ": index " + v + " (at position " + bad
                    + ") is out of range [0, " + axisLen + ") for axis " + axis);
        }
    }

    private static int outer(Tensor t, int axis) {
        int n = 1;
        for (int a = 0; a < axis; a++) {
            n *= t.dim(a);
        }
        return n;
    }

    private static int inner(Tensor t, int axis) {
        int n = 1;
        for (int a = axis + 1; a < t.rank(); a++) {
            n *= t.dim(a);
        }
        return n;
    }

    // ---- random

    @Override
    public void random(RandomKind kind, long seed, long counter, float a, float b, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        launch1d(CudaModule.RANDOM, "random_fill", out.size(), new KernelArgs()
                .i32(out.size()).i32(kind.ordinal()).i64(seed).i64(counter).f32(a).f32(b).ptr(at(out)));
    }

    // ---- fused kernels beyond the SPI (used directly until the Backend grows them)

    /** Keras SGD: {@code m = mu·m − lr·g; w += m} (nesterov: {@code w += mu·m − lr·g}); all contiguous, same size. */
    public void sgdMomentum(Tensor w, Tensor g, Tensor m, float lr, float momentum, boolean nesterov) {
        requireDense("sgdMomentum", w, g, m);
        launch1d(CudaModule.OPTIMIZER, "sgd_momentum", w.size(), new KernelArgs().i32(w.size()).f32(lr).f32(momentum)
                .i32(nesterov ? 1 : 0).ptr(at(w)).ptr(at(g)).ptr(m == null ? 0 : at(m)));
    }

    /**
     * One Keras Adam step with the host's {@code alpha = lr·sqrt(1 − β2^t)/(1 − β1^t)}; {@code vhat} is the
     * AMSGrad slot or null. AdamW: call {@link #decayWeights} first.
     */
    public void adam(Tensor w, Tensor g, Tensor m, Tensor v, Tensor vhat, float alpha, double beta1, double beta2,
                     double epsilon) {
        requireDense("adam", w, g, m, v);
        if (vhat != null) {
            requireDense("adam", w, vhat);
        }
        launch1d(CudaModule.OPTIMIZER, "adam", w.size(), new KernelArgs().i32(w.size()).f32(alpha)
                .f32((float) (1 - beta1)).f32((float) (1 - beta2)).f32((float) epsilon).ptr(at(w)).ptr(at(g))
                .ptr(at(m)).ptr(at(v)).ptr(vhat == null ? 0 : at(vhat)));
    }

    /** Decoupled weight decay: {@code w −= w·(lr·wd)}. */
    public void decayWeights(Tensor w, float lrTimesDecay) {
        requireDense("decayWeights", w);
        launch1d(CudaModule.OPTIMIZER, "decay_weights", w.size(),
                new KernelArgs().i32(w.size()).f32(lrTimesDecay).ptr(at(w)));
    }

    /** Per-channel mean and biased variance of x viewed as (rows, channels) over its last axis; all contiguous. */
    public void batchNormStats(Tensor x, Tensor mean, Tensor var) {
        int channels = x.dim(-1);
        requireDense("batchNormStats", x);
        requireDense("batchNormStats", mean, var);
        if (mean.size() != channels) {
            throw new IllegalArgumentException("batchNormStats: mean has " + mean.size() + " elements, expected "
                    + channels + " (the last axis of " + x.shape() + ")");
        }
        cx.launch(CudaModule.BATCHNORM, "batchnorm_stats", Math.max(1, Math.min(channels, 64 * cx.multiprocessors)), 1, 1,
                THREADS, new KernelArgs().i32(x.size() / Math.max(1, channels)).i32(channels).ptr(at(x))
                        .ptr(at(mean)).ptr(at(var)));
    }

    /** {@code out (n, depth)}: 1 where {@code indices[i] == d}; indices outside [0, depth) give a zero row. */
    public void oneHot(Tensor indices, int depth, Tensor out) {
        requireDense("oneHot", out);
        Tensor ic = indices.contiguous();
        launch1d(CudaModule.GATHER, "one_hot", out.size(), new KernelArgs().i32(indices.size()).i32(depth)
                .ptr(at(ic)).ptr(at(out)));
        releaseTemp(ic, indices);
    }

    private static void requireDense(String op, Tensor first, Tensor... rest) {
        if (!first.isContiguous()) {
            throw new IllegalArgumentException(op + ": tensors must be contiguous, got strides "
                    + java.util.Arrays.toString(first.strides()) + " for shape " + first.shape());
        }
        for (Tensor t : rest) {
            if (t != null && (!t.isContiguous() || t.size() != first.size())) {
                throw new IllegalArgumentException(op + ": expected contiguous tensors of " + first.size()
                        + " elements, got shape " + t.shape() + " with strides " + java.util.Arrays.toString(t.strides()));
            }
        }
    }

    // ---- helpers

    private void releaseTemp(Tensor temp, Tensor original) {
        if (temp != original && temp.buffer() != original.buffer()) {
            release(temp.buffer());
        }
    }

    private synchronized long flagAddress() {
        if (flag == null) {
            flag = (DeviceBuffer) allocate(DType.INT32, 1);
        }
        return flag.address(0);
    }

    private void resetFlag() {
        long f = flagAddress();
        cx.makeCurrent();
        CudaContext.check(cuMemsetD32Async(f, Integer.MAX_VALUE, 1, cx.stream), "cuMemsetD32Async");
    }

    /** Waits for the stream and reads the flag (Integer.MAX_VALUE: nothing reported). */
    private int readFlag() {
        int[] v = new int[1];
        copyToHost(flag, v);
        return v[0];
    }
}
