package kiln.kernels.cuda;

import static org.bytedeco.cuda.global.cudart.CUDA_ERROR_OUT_OF_MEMORY;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;
import static org.bytedeco.cuda.global.cudart.CU_STREAM_NON_BLOCKING;
import static org.bytedeco.cuda.global.cudart.cuCtxSetCurrent;
import static org.bytedeco.cuda.global.cudart.CU_EVENT_DEFAULT;
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
import static org.bytedeco.cuda.global.cudart.cuMemGetInfo;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuStreamCreate;
import static org.bytedeco.cuda.global.cudart.cuStreamSynchronize;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * One GPU as Kiln uses it: the device's primary context, one non-blocking stream that every kernel,
 * copy and cuBLAS call of this device is queued on (so work is ordered without events), the caching
 * allocator, and the modules loaded from the {@link KernelCache}. Launches are serialised on this
 * object; they only queue work, so the lock is held for microseconds.
 */
final class CudaContext implements DeviceMemory {
    private static final Logger LOG = Logger.getLogger("kiln");

    final int index;
    final String name;
    final String arch;
    /** Compute capability major version (8 = Ampere, 9 = Hopper): tensor-core mma needs 8 or more. */
    final int computeMajor;
    final int multiprocessors;
    final CUctx_st ctx = new CUctx_st();
    final CUstream_st stream = new CUstream_st();
    final CachingAllocator allocator;
    private final KernelCache kernels;
    private final Map<CudaModule, Map<String, CUfunc_st>> functions = new EnumMap<>(CudaModule.class);
    // launch scratch: argument bytes and the void* array pointing into them
    private final BytePointer argBytes = new BytePointer(KernelArgs.MAX_BYTES);
    private final LongPointer argPointers = new LongPointer(KernelArgs.MAX_ARGS);

    CudaContext(int index) {
        this.index = index;
        check(cuInit(0), "cuInit");
        int[] count = {0};
        check(cuDeviceGetCount(count), "cuDeviceGetCount");
        if (index >= count[0]) {
            throw new IllegalArgumentException("cuda:" + index + " does not exist: " + count[0] + " CUDA device(s) found");
        }
        int[] dev = {0};
        check(cuDeviceGet(dev, index), "cuDeviceGet");
        check(cuDevicePrimaryCtxRetain(ctx, dev[0]), "cuDevicePrimaryCtxRetain");
        check(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
        int major = attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev[0]);
        int minor = attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev[0]);
        this.arch = "sm_" + major + minor;
        this.computeMajor = major;
        this.multiprocessors = attribute(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev[0]);
        check(cuStreamCreate(stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
        this.name = "cuda:" + index;
        this.allocator = new CachingAllocator(this, name);
        this.kernels = new KernelCache(new Nvrtc(), KernelCache.defaultDir());
        LOG.info("kiln: CUDA backend on " + name + " (" + arch + ", " + multiprocessors + " SMs), kernel cache "
                + (kernels.dir() == null ? "in memory" : kernels.dir()));
    }

    private static int attribute(int attr, int dev) {
        int[] v = {0};
        check(cuDeviceGetAttribute(v, attr, dev), "cuDeviceGetAttribute");
        return v[0];
    }

    /** Makes this device's context current on the calling thread (driver-API calls need it). */
    void makeCurrent() {
        check(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
    }

    /** A kernel of a module, compiling and loading the module at first use. */
    synchronized CUfunc_st function(CudaModule m, String fn) {
        Map<String, CUfunc_st> fns = functions.get(m);
        if (fns == null) {
            makeCurrent();
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

    /** Queues one kernel on this device's stream. */
    synchronized void launch(CudaModule m, String fn, int gridX, int gridY, int gridZ, int block, KernelArgs args) {
        CUfunc_st f = function(m, fn);
        makeCurrent();
        byte[] bytes = args.bytes();
        argBytes.position(0).put(bytes, 0, bytes.length);
        long base = argBytes.address();
        for (int i = 0; i < args.count(); i++) {
            argPointers.put(i, base + args.offset(i));
        }
        check(cuLaunchKernel(f, gridX, gridY, gridZ, block, 1, 1, 0, stream, argPointers, null),
                "cuLaunchKernel(" + fn + ", grid " + gridX + "x" + gridY + "x" + gridZ + ", block " + block + ")");
    }

    private CUevent_st timerStart;
    private CUevent_st timerEnd;

    /**
     * Milliseconds of GPU time between the work {@code work} queues on this device's stream and what was
     * queued before it finishing (CUDA events around it); waits for the work to finish.
     */
    synchronized float time(Runnable work) {
        makeCurrent();
        if (timerStart == null) {
            timerStart = new CUevent_st();
            timerEnd = new CUevent_st();
            check(cuEventCreate(timerStart, CU_EVENT_DEFAULT), "cuEventCreate");
            check(cuEventCreate(timerEnd, CU_EVENT_DEFAULT), "cuEventCreate");
        }
        check(cuEventRecord(timerStart, stream), "cuEventRecord");
        work.run();
        makeCurrent();
        check(cuEventRecord(timerEnd, stream), "cuEventRecord");
        check(cuEventSynchronize(timerEnd), "cuEventSynchronize");
        float[] ms = {0f};
        check(cuEventElapsedTime(ms, timerStart, timerEnd), "cuEventElapsedTime");
        return ms[0];
    }

    /** Waits for everything queued on this device. */
    void sync() {
        makeCurrent();
        check(cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    // ---- DeviceMemory, for the allocator

    @Override
    public long malloc(long bytes) {
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
    public void free(long address) {
        makeCurrent();
        check(cuMemFree(address), "cuMemFree");
    }

    @Override
    public void synchronize() {
        sync();
    }

    @Override
    public long[] info() {
        try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
            makeCurrent();
            return cuMemGetInfo(free, total) == 0 ? new long[] {free.get(), total.get()} : null;
        }
    }

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
}
