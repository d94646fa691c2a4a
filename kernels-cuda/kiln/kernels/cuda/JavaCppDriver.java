package kiln.kernels.cuda;

import static org.bytedeco.cuda.global.cublas.CUBLAS_COMPUTE_32F;
import static org.bytedeco.cuda.global.cublas.CUBLAS_COMPUTE_32F_FAST_16BF;
import static org.bytedeco.cuda.global.cublas.CUBLAS_COMPUTE_32F_FAST_TF32;
import static org.bytedeco.cuda.global.cublas.CUBLAS_GEMM_DEFAULT;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasGemmStridedBatchedEx;
import static org.bytedeco.cuda.global.cublas.cublasSetStream_v2;
import static org.bytedeco.cuda.global.cudart.CUDA_ERROR_OUT_OF_MEMORY;
import static org.bytedeco.cuda.global.cudart.CUDA_R_32F;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;
import static org.bytedeco.cuda.global.cudart.CU_EVENT_DEFAULT;
import static org.bytedeco.cuda.global.cudart.CU_EVENT_DISABLE_TIMING;
import static org.bytedeco.cuda.global.cudart.CU_STREAM_NON_BLOCKING;
import static org.bytedeco.cuda.global.cudart.cuCtxSetCurrent;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetCount;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRetain;
import static org.bytedeco.cuda.global.cudart.cuEventCreate;
import static org.bytedeco.cuda.global.cudart.cuEventElapsedTime;
import static org.bytedeco.cuda.global.cudart.cuEventRecord;
import static org.bytedeco.cuda.global.cudart.cuEventSynchronize;
import static org.bytedeco.cuda.global.cudart.cuGetErrorName;
import static org.bytedeco.cuda.global.cudart.cuGetErrorString;
import static org.bytedeco.cuda.global.cudart.cuInit;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuMemAlloc;
import static org.bytedeco.cuda.global.cudart.cuMemFree;
import static org.bytedeco.cuda.global.cudart.cuMemFreeHost;
import static org.bytedeco.cuda.global.cudart.cuMemGetInfo;
import static org.bytedeco.cuda.global.cudart.cuMemHostAlloc;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoHAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuMemsetD32Async;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuStreamCreate;
import static org.bytedeco.cuda.global.cudart.cuStreamSynchronize;

import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import kiln.tensor.MatmulPrecision;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * {@link CudaDriver} on a real GPU: the driver API and cuBLAS through the JavaCPP presets. One device's
 * primary context and one non-blocking stream that every kernel, copy and cuBLAS call is queued on (so work
 * is ordered without events); kernels are compiled by NVRTC through the {@link KernelCache}. Calls are
 * serialised on this object; they only queue work, so the lock is held for microseconds.
 */
final class JavaCppDriver implements CudaDriver {
    private final String arch;
    private final int computeMajor;
    private final int multiprocessors;
    private final CUctx_st ctx = new CUctx_st();
    private final CUstream_st stream = new CUstream_st();
    private final KernelCache kernels;
    private final Map<CudaModule, Map<String, CUfunc_st>> functions = new EnumMap<>(CudaModule.class);
    // launch scratch: argument bytes and the void* array pointing into them
    private final BytePointer argBytes = new BytePointer(KernelArgs.MAX_BYTES);
    private final LongPointer argPointers = new LongPointer(KernelArgs.MAX_ARGS);
    private CUevent_st timerStart;
    private CUevent_st timerEnd;
    private cublasContext blas;
    private final FloatPointer alphaP = new FloatPointer(1);
    private final FloatPointer betaP = new FloatPointer(1);

    JavaCppDriver(int index) {
        check(cuInit(0), "cuInit");
        int[] count = {0};
        check(cuDeviceGetCount(count), "cuDeviceGetCount");
        if (index >= count[0]) {
            throw new IllegalArgumentException("cuda:" + index + " does not exist: " + count[0] + " CUDA device(s) found");
        }
        int[] dev = {0};
        check(cuDeviceGet(dev, index), "cuDeviceGet");
        check(cuDevicePrimaryCtxRetain(ctx, dev[0]), "cuDevicePrimaryCtxRetain");
        makeCurrent();
        int major = attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev[0]);
        int minor = attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev[0]);
        this.arch = "sm_" + major + minor;
        this.computeMajor = major;
        this.multiprocessors = attribute(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev[0]);
        check(cuStreamCreate(stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
        this.kernels = new KernelCache(new Nvrtc(), KernelCache.defaultDir());
    }

    private static int attribute(int attr, int dev) {
        int[] v = {0};
        check(cuDeviceGetAttribute(v, attr, dev), "cuDeviceGetAttribute");
        return v[0];
    }

    @Override
    public String arch() {
        return arch;
    }

    @Override
    public int computeMajor() {
        return computeMajor;
    }

    @Override
    public int multiprocessors() {
        return multiprocessors;
    }

    @Override
    public String describe() {
        return arch + ", " + multiprocessors + " SMs, kernel cache " + (kernels.dir() == null ? "in memory" : kernels.dir());
    }

    /** Makes the device's context current on the calling thread (driver-API calls need it). */
    private void makeCurrent() {
        check(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
    }

    // ---- memory

    @Override
    public synchronized long malloc(long bytes) {
        makeCurrent();
        long[] p = {0};
        int rc = cuMemAlloc(p, bytes);
        if (rc == CUDA_ERROR_OUT_OF_MEMORY) {
            return 0;
        }
        check(rc, "cuMemAlloc(" + bytes + ")");
        return p[0];
    }

    @Override
    public synchronized void free(long address) {
        makeCurrent();
        check(cuMemFree(address), "cuMemFree");
    }

    @Override
    public synchronized long[] memoryInfo() {
        try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
            makeCurrent();
            return cuMemGetInfo(free, total) == 0 ? new long[] {free.get(), total.get()} : null;
        }
    }

    @Override
    public synchronized void fill32(long dst, int value, long count) {
        makeCurrent();
        check(cuMemsetD32Async(dst, value, count, stream), "cuMemsetD32Async");
    }

    @Override
    public synchronized void upload(long dst, MemorySegment src, long bytes) {
        makeCurrent();
        check(cuMemcpyHtoDAsync(dst, new Address(src.address()), bytes, stream), "cuMemcpyHtoDAsync");
    }

    @Override
    public synchronized void download(MemorySegment dst, long src, long bytes) {
        makeCurrent();
        check(cuMemcpyDtoHAsync(new Address(dst.address()), src, bytes, stream), "cuMemcpyDtoHAsync");
        check(cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    @Override
    public synchronized void copy(long dst, long src, long bytes) {
        makeCurrent();
        check(cuMemcpyDtoDAsync(dst, src, bytes, stream), "cuMemcpyDtoDAsync");
    }

    @Override
    public synchronized MemorySegment allocateHost(long bytes) {
        makeCurrent();
        try (PointerPointer<Pointer> p = new PointerPointer<>(1)) {
            check(cuMemHostAlloc(p, bytes, 0), "cuMemHostAlloc(" + bytes + " bytes)");
            return MemorySegment.ofAddress(p.get(0).address()).reinterpret(bytes);
        }
    }

    @Override
    public synchronized void freeHost(MemorySegment host) {
        makeCurrent();
        check(cuMemFreeHost(new Address(host.address())), "cuMemFreeHost");
    }

    @Override
    public Event newEvent() {
        CUevent_st e = new CUevent_st();
        synchronized (this) {
            makeCurrent();
            check(cuEventCreate(e, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
        }
        return new Event() {
            @Override
            public void record() {
                synchronized (JavaCppDriver.this) {
                    makeCurrent();
                    check(cuEventRecord(e, stream), "cuEventRecord");
                }
            }

            @Override
            public void synchronize() {
                check(cuEventSynchronize(e), "cuEventSynchronize");
            }
        };
    }

    // ---- kernels

    /** A kernel of a module, compiling and loading the module at first use. */
    private CUfunc_st function(CudaModule m, String fn) {
        Map<String, CUfunc_st> fns = functions.get(m);
        if (fns == null) {
            byte[] image = kernels.image(m, arch);
            CUmod_st mod = new CUmod_st();
            try (BytePointer img = new BytePointer(image.length)) {
                img.put(image, 0, image.length);
                check(cuModuleLoadData(mod, img), "cuModuleLoadData(" + m.file + ")");
            }
            fns = new HashMap<>();
            for (String f : m.functions) {
                CUfunc_st h = new CUfunc_st();
                check(cuModuleGetFunction(h, mod, f), "cuModuleGetFunction(" + f + ")");
                fns.put(f, h);
            }
            functions.put(m, fns);
        }
        CUfunc_st f = fns.get(fn);
        if (f == null) {
            throw new IllegalArgumentException("kernel " + fn + " is not listed for " + m.file);
        }
        return f;
    }

    @Override
    public synchronized void launch(CudaModule m, String fn, int gridX, int gridY, int gridZ, int block, KernelArgs args) {
        makeCurrent();
        CUfunc_st f = function(m, fn);
        byte[] bytes = args.bytes();
        argBytes.position(0).put(bytes, 0, bytes.length);
        long base = argBytes.address();
        for (int i = 0; i < args.count(); i++) {
            argPointers.put(i, base + args.offset(i));
        }
        check(cuLaunchKernel(f, gridX, gridY, gridZ, block, 1, 1, 0, stream, argPointers, null),
                "cuLaunchKernel(" + fn + ", grid " + gridX + "x" + gridY + "x" + gridZ + ", block " + block + ")");
    }

    @Override
    public float time(Runnable work) {
        synchronized (this) {
            makeCurrent();
            if (timerStart == null) {
                timerStart = new CUevent_st();
                timerEnd = new CUevent_st();
                check(cuEventCreate(timerStart, CU_EVENT_DEFAULT), "cuEventCreate");
                check(cuEventCreate(timerEnd, CU_EVENT_DEFAULT), "cuEventCreate");
            }
            check(cuEventRecord(timerStart, stream), "cuEventRecord");
        }
        work.run();
        synchronized (this) {
            makeCurrent();
            check(cuEventRecord(timerEnd, stream), "cuEventRecord");
            check(cuEventSynchronize(timerEnd), "cuEventSynchronize");
            float[] ms = {0f};
            check(cuEventElapsedTime(ms, timerStart, timerEnd), "cuEventElapsedTime");
            return ms[0];
        }
    }

    @Override
    public synchronized void synchronize() {
        makeCurrent();
        check(cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    // ---- cuBLAS

    @Override
    public synchronized void gemmStridedBatched(boolean transA, boolean transB, int m, int n, int k, float alpha, long a,
                                                int lda, long strideA, long b, int ldb, long strideB, float beta, long c,
                                                int ldc, long strideC, int batch, MatmulPrecision precision) {
        makeCurrent();
        if (blas == null) {
            blas = new cublasContext();
            checkBlas(cublasCreate_v2(blas), "cublasCreate");
            checkBlas(cublasSetStream_v2(blas, stream), "cublasSetStream");
        }
        alphaP.put(0, alpha);
        betaP.put(0, beta);
        checkBlas(cublasGemmStridedBatchedEx(blas, transA ? CUBLAS_OP_T : CUBLAS_OP_N, transB ? CUBLAS_OP_T : CUBLAS_OP_N,
                m, n, k, alphaP, new Address(a), CUDA_R_32F, lda, strideA, new Address(b), CUDA_R_32F, ldb, strideB,
                betaP, new Address(c), CUDA_R_32F, ldc, strideC, batch, computeType(precision), CUBLAS_GEMM_DEFAULT),
                "cublasGemmStridedBatchedEx(" + precision + ")");
    }

    private static int computeType(MatmulPrecision precision) {
        return switch (precision) {
            case HIGHEST -> CUBLAS_COMPUTE_32F;
            case HIGH -> CUBLAS_COMPUTE_32F_FAST_TF32;
            case MEDIUM -> CUBLAS_COMPUTE_32F_FAST_16BF;
        };
    }

    private static void checkBlas(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException(what + " failed: cublasStatus " + status);
        }
    }

    // ---- errors and addresses

    /** Throws with the driver's name and description of a CUresult. */
    static void check(int rc, String what) {
        if (rc != 0) {
            throw new IllegalStateException(what + " failed: " + describe(rc));
        }
    }

    static String describe(int rc) {
        try (PointerPointer<BytePointer> name = new PointerPointer<>(1);
             PointerPointer<BytePointer> text = new PointerPointer<>(1)) {
            String n = cuGetErrorName(rc, name) == 0 ? name.get(BytePointer.class, 0).getString() : "CUresult";
            String t = cuGetErrorString(rc, text) == 0 ? text.get(BytePointer.class, 0).getString() : "";
            return n + " (" + rc + ")" + (t.isEmpty() ? "" : ": " + t);
        }
    }

    /** A device or host address handed to a JavaCPP function as a pointer; owns nothing. */
    static final class Address extends FloatPointer {
        Address(long address) {
            this.address = address;
        }
    }
}
