package kiln.kernels.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import kiln.tensor.Backend;
import kiln.tensor.BinaryOp;
import kiln.tensor.Buffer;
import kiln.tensor.DType;
import kiln.tensor.Device;
import kiln.tensor.RandomKind;
import kiln.tensor.ReduceOp;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * The CUDA backend: {@link DeviceBuffer}s from a {@link CachingAllocator}, Kiln's own kernels from
 * {@code kernels-cuda/cuda/*.cu} (NVRTC at first use, {@link KernelCache}), launched through the driver
 * API on one stream per device ({@link CudaContext} over a {@link CudaDriver}: the GPU's, or the host CPU's
 * emulator with {@code -Dkiln.cuda.emulate=true}); GEMM by Kiln's tiled kernel or cuBLAS
 * ({@link CudaGemm}: the faster per shape, or {@code -Dkiln.cuda.gemm=kiln|cublas}). Strided operands go to the kernels as
 * merged {@link StridedPlan}s, so views, transposes and broadcasts are read in place. Reduction and softmax
 * launches live in {@link CudaReductions}; fused kernels beyond the SPI (batch-norm statistics, one-hot) in
 * {@link CudaFusedOps}; the fused optimizer updates in {@link CudaOptimizerUpdates} (dense operands; others take the
 * composed default).
 *
 * <p>Host synchronisation happens only where a result must reach the host: {@link #copyToHost} and
 * {@link #synchronize}. Uploads go through page-locked buffers ({@link PinnedStaging}), so they do not wait for
 * the stream; bad indices found by gather, scatter-add and sparse cross-entropy are reported at the next of
 * those reads ({@link IndexChecks}).
 */
public final class CudaBackend implements Backend {
    static final int THREADS = 256;

    final CudaContext cx;
    private final Device device;
    private final CudaGemm gemm;
    private final CudaReductions reductions;
    private final CudaOptimizerUpdates optimizerUpdates;
    private final PinnedStaging staging;
    final IndexChecks indexChecks;

    private CudaBackend(CudaContext cx) {
        this.cx = cx;
        this.device = Device.cuda(cx.index);
        this.gemm = new CudaGemm(this, CudaGemm.configured());
        this.reductions = new CudaReductions(this);
        this.optimizerUpdates = new CudaOptimizerUpdates(this);
        this.staging = new PinnedStaging(cx.driver);
        this.indexChecks = new IndexChecks(this);
    }

    /** On a GPU through the JavaCPP presets, or on the host CPU's emulator with {@code -Dkiln.cuda.emulate=true}. */
    static CudaBackend create(int deviceIndex) {
        CudaDriver driver = EmulatedDriver.requested() ? EmulatedDriver.open(deviceIndex) : new JavaCppDriver(deviceIndex);
        return new CudaBackend(new CudaContext(deviceIndex, driver));
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

    /** Waits for all work queued on this device; reports any bad index found since the last read. */
    public void synchronize() {
        cx.sync();
        indexChecks.verify();
    }

    // ---- storage

    @Override
    public Buffer allocate(DType dtype, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("allocate: negative length " + length);
        }
        CachingAllocator.Block b = cx.allocator.allocate(4L * length);
        if (length > 0) {
            cx.driver.fill32(b.address(), 0, length);
        }
        return new DeviceBuffer(device, dtype, length, cx.allocator, b);
    }

    /** No zero fill: the caller writes every element (one memset launch saved per operation result). */
    @Override
    public Buffer allocateUninitialized(DType dtype, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("allocate: negative length " + length);
        }
        return new DeviceBuffer(device, dtype, length, cx.allocator, cx.allocator.allocate(4L * length));
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
        if (PinnedStaging.stages(4L * n)) {
            staging.upload(hostArray, d.address(0), n);
            return;
        }
        // From pageable memory the copy returns once the data is staged, so the memory may be freed after.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocate(4L * n, 16);
            HostArrays.put(hostArray, p, n);
            cx.driver.upload(d.address(0), p, 4L * n);
        }
    }

    /** Waits for the stream, copies the buffer out, then reports any bad index found since the last read. */
    @Override
    public void copyToHost(Buffer src, Object hostArray) {
        DeviceBuffer s = own(src);
        int n = s.length();
        checkHost(hostArray, s, "copyToHost");
        if (n > 0) {
            download(s, hostArray, n);
        }
        indexChecks.verify();
    }

    /** The first {@code n} ints of an int buffer, waiting for the stream (no index check: they use it). */
    int[] download(DeviceBuffer src, int n) {
        int[] out = new int[n];
        download(src, out, n);
        return out;
    }

    private void download(DeviceBuffer s, Object host, int n) {
        if (PinnedStaging.stages(4L * n)) {
            staging.download(s.address(0), host, n);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocate(4L * n, 16);
            cx.driver.download(p, s.address(0), 4L * n);
            HostArrays.get(p, host, n);
        }
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

    void launch1d(CudaModule m, String fn, long n, KernelArgs args) {
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
                cx.driver.copy(d, s, 4L * dst.size());
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
            cx.driver.fill32(at(dst), bits, dst.size());
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

    // ---- fused optimizer updates: optimizer.cu over dense operands (CudaOptimizerUpdates), else the composed default

    @Override
    public void axpy(float alpha, Tensor x, Tensor out) {
        if (!optimizerUpdates.axpy(alpha, x, out)) {
            Backend.super.axpy(alpha, x, out);
        }
    }

    @Override
    public void sgdUpdate(Tensor w, Tensor g, Tensor m, float lr, float momentum, boolean nesterov) {
        if (!optimizerUpdates.sgd(w, g, m, lr, momentum, nesterov)) {
            Backend.super.sgdUpdate(w, g, m, lr, momentum, nesterov);
        }
    }

    @Override
    public void sgdUpdates(List<Tensor> w, List<Tensor> g, List<Tensor> m, float lr, float momentum,
                           boolean nesterov) {
        for (int i : optimizerUpdates.sgdList(w, g, m, lr, momentum, nesterov)) {
            sgdUpdate(w.get(i), g.get(i), m == null ? null : m.get(i), lr, momentum, nesterov);
        }
    }

    @Override
    public void adamUpdates(List<Tensor> w, List<Tensor> g, List<Tensor> m, List<Tensor> v, List<Tensor> vhat,
                            float alpha, float c1, float c2, float epsilon) {
        for (int i : optimizerUpdates.adamList(w, g, m, v, vhat, alpha, c1, c2, epsilon)) {
            adamUpdate(w.get(i), g.get(i), m.get(i), v.get(i), vhat == null ? null : vhat.get(i), alpha, c1, c2,
                    epsilon);
        }
    }

    @Override
    public void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, Tensor vhat, float alpha, float c1, float c2,
                           float epsilon) {
        if (!optimizerUpdates.adam(w, g, m, v, vhat, alpha, c1, c2, epsilon)) {
            Backend.super.adamUpdate(w, g, m, v, vhat, alpha, c1, c2, epsilon);
        }
    }

    @Override
    public void adamaxUpdate(Tensor w, Tensor g, Tensor m, Tensor u, float lr, float c1, float beta2, float epsilon,
                             float biasCorrection) {
        if (!optimizerUpdates.adamax(w, g, m, u, lr, c1, beta2, epsilon, biasCorrection)) {
            Backend.super.adamaxUpdate(w, g, m, u, lr, c1, beta2, epsilon, biasCorrection);
        }
    }

    @Override
    public void nadamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, Tensor oneMinusP, Tensor oneMinusPNext, float lr,
                            float c1, float c2, float muNext, float oneMinusMu, float vCorrection, float epsilon) {
        if (!optimizerUpdates.nadam(w, g, m, v, oneMinusP, oneMinusPNext, lr, c1, c2, muNext, oneMinusMu, vCorrection,
                epsilon)) {
            Backend.super.nadamUpdate(w, g, m, v, oneMinusP, oneMinusPNext, lr, c1, c2, muNext, oneMinusMu, vCorrection,
                    epsilon);
        }
    }

    @Override
    public void rmspropUpdate(Tensor w, Tensor g, Tensor v, Tensor mom, Tensor avg, float lr, float rho,
                              float oneMinusRho, float momentum, float epsilon) {
        if (!optimizerUpdates.rmsprop(w, g, v, mom, avg, lr, rho, oneMinusRho, momentum, epsilon)) {
            Backend.super.rmspropUpdate(w, g, v, mom, avg, lr, rho, oneMinusRho, momentum, epsilon);
        }
    }

    @Override
    public void adagradUpdate(Tensor w, Tensor g, Tensor acc, float lr, float epsilon) {
        if (!optimizerUpdates.adagrad(w, g, acc, lr, epsilon)) {
            Backend.super.adagradUpdate(w, g, acc, lr, epsilon);
        }
    }

    @Override
    public void lionUpdate(Tensor w, Tensor g, Tensor m, float lr, float beta1, float c1, float beta2, float c2) {
        if (!optimizerUpdates.lion(w, g, m, lr, beta1, c1, beta2, c2)) {
            Backend.super.lionUpdate(w, g, m, lr, beta1, c1, beta2, c2);
        }
    }

    @Override
    public void adadeltaUpdate(Tensor w, Tensor g, Tensor eg, Tensor ex, float lr, float rho, float oneMinusRho,
                               float epsilon) {
        if (!optimizerUpdates.adadelta(w, g, eg, ex, lr, rho, oneMinusRho, epsilon)) {
            Backend.super.adadeltaUpdate(w, g, eg, ex, lr, rho, oneMinusRho, epsilon);
        }
    }

    @Override
    public void ftrlUpdate(Tensor w, Tensor g, Tensor n, Tensor z, float lr, float power, float l1, float twoL2,
                           float twoShrinkage) {
        if (!optimizerUpdates.ftrl(w, g, n, z, lr, power, l1, twoL2, twoShrinkage)) {
            Backend.super.ftrlUpdate(w, g, n, z, lr, power, l1, twoL2, twoShrinkage);
        }
    }

    @Override
    public void decayWeights(Tensor w, float weightDecay, float lr) {
        if (!optimizerUpdates.decay(w, weightDecay, lr)) {
            Backend.super.decayWeights(w, weightDecay, lr);
        }
    }

    // ---- reductions

    @Override
    public void reduce(ReduceOp op, Tensor x, Tensor out) {
        reductions.reduce(op, x, out);
    }

    @Override
    public void argReduce(boolean max, Tensor x, int axis, Tensor out) {
        reductions.argReduce(max, x, axis, out);
    }

    @Override
    public void argmaxMatches(Tensor x, Tensor labels, Tensor out) {
        reductions.argmaxMatches(x, labels, out);
    }

    // ---- linear algebra

    @Override
    public void matmul(Tensor a, Tensor b, float alpha, float beta, Tensor out) {
        gemm.matmul(a, b, alpha, beta, out);
    }

    // ---- nn primitives

    @Override
    public void softmax(Tensor x, int axis, boolean log, Tensor out) {
        reductions.softmax(x, axis, log, out);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor g, int axis, Tensor out) {
        reductions.softmaxBackward(y, g, axis, out);
    }

    @Override
    public void softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor loss, Tensor grad) {
        reductions.softmaxCrossEntropy(logits, targets, loss, grad);
    }

    @Override
    public void sparseCrossEntropy(Tensor pred, Tensor labels, boolean fromLogits, float epsilon, Integer ignoreClass,
                                   Tensor loss, Tensor grad) {
        reductions.sparseCrossEntropy(pred, labels, fromLogits, epsilon, ignoreClass, loss, grad);
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
        long bad = indexChecks.open("gather", "index", "position", range(axisLen, axis), ic);
        launch1d(CudaModule.GATHER, "gather_rows", oc.size(), new KernelArgs().i32(outer(x, axis)).i32(axisLen)
                .i32(inner(x, axis)).i32(indices.size()).ptr(at(ic)).ptr(at(xc)).ptr(at(oc)).ptr(bad));
        indexChecks.launched();
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
        long bad = indexChecks.open("scatterAdd", "index", "position", range(axisLen, axis), ic);
        launch1d(CudaModule.GATHER, "scatter_add_rows", oc.size(), new KernelArgs().i32(outer(out, axis)).i32(axisLen)
                .i32(inner(out, axis)).i32(indices.size()).ptr(at(ic)).ptr(at(sc)).ptr(at(oc)).ptr(bad));
        indexChecks.launched();
        if (oc != out) {
            copy(oc, out);
            release(oc.buffer());
        }
        releaseTemp(sc, src);
        releaseTemp(ic, indices);
    }

    private static String range(int axisLen, int axis) {
        return "[0, " + axisLen + ") for axis " + axis;
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

    // ---- helpers

    void releaseTemp(Tensor temp, Tensor original) {
        if (temp != original && temp.buffer() != original.buffer()) {
            release(temp.buffer());
        }
    }
}
