package kiln.kernels.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import kiln.tensor.MatmulPrecision;

/**
 * {@link CudaDriver} without a GPU ({@code -Dkiln.cuda.emulate=true}): Kiln's {@code .cu} files compiled for
 * the host CPU ({@link EmulatorBuild}) and run by the emulator in {@code kernels-cuda/emulator/} with CUDA's
 * execution model — blocks one after another, each block's threads as fibers that meet at
 * {@code __syncthreads()}, warp-level {@code mma.sync} from the PTX ISA's fragment layouts — and a barrier
 * that not every thread reaches, or a write past the end of an allocation, fails the launch. Device memory
 * is host memory (256-byte aligned, as {@code cuMemAlloc}); the "stream" is the calling thread, so every call
 * completes before it returns. cuBLAS is a plain loop in the emulator with the same rounding of TF32/BF16
 * inputs. One emulated device, {@code cuda:0}, presenting compute capability 9.0 (so the tensor-core
 * kernels run) and {@value #MULTIPROCESSORS} multiprocessors (so grid-stride loops wrap and the 128-tile GEMM
 * is chosen at test sizes).
 *
 * <p>What this proves, and what it cannot: see {@code kernels-cuda/emulator/README.md}. It runs the backend
 * and every kernel's indexing, barriers and arithmetic; it says nothing about speed, memory coalescing, or
 * the GPU's own float rounding (no FMA contraction here; the GPU's math library differs in the last ulp).
 */
final class EmulatedDriver implements CudaDriver {
    static final int MULTIPROCESSORS = 4;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final int ERR_BYTES = 1024;

    /** Whether {@code -Dkiln.cuda.emulate=true} asks for the emulator instead of a GPU. */
    static boolean requested() {
        return Boolean.getBoolean("kiln.cuda.emulate");
    }

    /** Null when the emulator can be built here, else why not (for the provider's probe). */
    static String unavailableReason() {
        String[] why = {null};
        return EmulatorBuild.compilerVersion(why) == null ? why[0] : null;
    }

    /** The emulated device {@code index} (only 0 exists). */
    static EmulatedDriver open(int index) {
        if (index != 0) {
            throw new IllegalArgumentException("cuda:" + index + " does not exist: the CUDA emulator has one device, cuda:0");
        }
        return Library.DRIVER;
    }

    /** The library, built and loaded once per JVM. */
    private static final class Library {
        static final EmulatedDriver DRIVER = new EmulatedDriver(EmulatorBuild.library());
    }

    private final Path library;
    private final MethodHandle launch;
    private final MethodHandle malloc;
    private final MethodHandle free;
    private final MethodHandle allocated;
    private final MethodHandle sgemm;
    private final MethodHandle params;
    private final Map<String, MemorySegment> names = new HashMap<>();
    private final Map<String, int[]> paramSizes = new HashMap<>();
    private final Map<String, Long> operations = new TreeMap<>();
    private final Map<MemorySegment, Arena> hostArenas = new IdentityHashMap<>();

    private EmulatedDriver(Path library) {
        this.library = library;
        SymbolLookup lib = SymbolLookup.libraryLookup(library, Arena.global());
        this.launch = bind(lib, "kiln_emu_launch", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        this.malloc = bind(lib, "kiln_emu_malloc", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        this.free = bind(lib, "kiln_emu_free", FunctionDescriptor.ofVoid(JAVA_LONG));
        this.allocated = bind(lib, "kiln_emu_allocated", FunctionDescriptor.of(JAVA_LONG));
        this.sgemm = bind(lib, "kiln_emu_sgemm", FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_FLOAT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_FLOAT,
                JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT));
        this.params = bind(lib, "kiln_emu_kernel_params", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    }

    private static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment f = lib.find(name).orElseThrow(
                () -> new IllegalStateException("the CUDA emulator library has no " + name));
        return LINKER.downcallHandle(f, fd);
    }

    @Override
    public String arch() {
        return "sm_90";
    }

    @Override
    public int computeMajor() {
        return 9;
    }

    @Override
    public int multiprocessors() {
        return MULTIPROCESSORS;
    }

    @Override
    public String describe() {
        return "EMULATED on the host CPU, no GPU: kernels compiled by " + EmulatorBuild.compiler() + " into " + library;
    }

    // ---- memory: host memory standing in for the device's

    @Override
    public long malloc(long bytes) {
        try {
            return (long) malloc.invokeExact(bytes);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public void free(long address) {
        try {
            free.invokeExact(address);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Only what is allocated is known: the host's memory is the limit. */
    @Override
    public long[] memoryInfo() {
        try {
            long used = (long) allocated.invokeExact();
            long total = Runtime.getRuntime().maxMemory();
            return new long[] {Math.max(0, total - used), total};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** What the stream has been given so far, by kernel name or copy kind (launch counts for tests). */
    synchronized Map<String, Long> operations() {
        return Map.copyOf(operations);
    }

    private synchronized void count(String what) {
        operations.merge(what, 1L, Long::sum);
    }

    private static MemorySegment at(long address, long bytes) {
        return MemorySegment.ofAddress(address).reinterpret(bytes);
    }

    @Override
    public void fill32(long dst, int value, long count) {
        count("memset");
        MemorySegment s = at(dst, 4 * count);
        if (value == 0) {
            s.fill((byte) 0);
            return;
        }
        for (long i = 0; i < count; i++) {
            s.setAtIndex(JAVA_INT, i, value);
        }
    }

    @Override
    public void upload(long dst, MemorySegment src, long bytes) {
        count("copy host to device");
        MemorySegment.copy(src, 0, at(dst, bytes), 0, bytes);
    }

    @Override
    public void download(MemorySegment dst, long src, long bytes) {
        count("copy device to host");
        MemorySegment.copy(at(src, bytes), 0, dst, 0, bytes);
    }

    @Override
    public void copy(long dst, long src, long bytes) {
        count("copy device to device");
        MemorySegment.copy(at(src, bytes), 0, at(dst, bytes), 0, bytes);
    }

    @Override
    public synchronized MemorySegment allocateHost(long bytes) {
        Arena arena = Arena.ofShared();
        MemorySegment s = arena.allocate(bytes, 64);
        hostArenas.put(s, arena);
        return s;
    }

    @Override
    public synchronized void freeHost(MemorySegment host) {
        Arena arena = hostArenas.remove(host);
        if (arena != null) {
            arena.close();
        }
    }

    /** Every call has finished when it returns: nothing to wait for. */
    @Override
    public Event newEvent() {
        return new Event() {
            @Override
            public void record() {}

            @Override
            public void synchronize() {}
        };
    }

    // ---- kernels

    @Override
    public synchronized void launch(CudaModule m, String fn, int gridX, int gridY, int gridZ, int block, KernelArgs args) {
        if (!m.functions.contains(fn)) {
            throw new IllegalArgumentException("kernel " + fn + " is not listed for " + m.file);
        }
        MemorySegment name = names.computeIfAbsent(fn, f -> Arena.global().allocateFrom(f));
        checkArguments(fn, name, args);
        count(fn);
        try (Arena arena = Arena.ofConfined()) {
            byte[] bytes = args.bytes();
            MemorySegment values = arena.allocate(Math.max(1, bytes.length), 16);
            MemorySegment.copy(bytes, 0, values, JAVA_BYTE, 0, bytes.length);
            MemorySegment pointers = arena.allocate(JAVA_LONG, Math.max(1, args.count()));
            for (int i = 0; i < args.count(); i++) {
                pointers.setAtIndex(JAVA_LONG, i, values.address() + args.offset(i));
            }
            MemorySegment err = arena.allocate(ERR_BYTES);
            int rc = (int) launch.invokeExact(name, gridX, gridY, gridZ, block, 1, 1, pointers, err, ERR_BYTES);
            if (rc != 0) {
                throw new IllegalStateException("emulated launch of " + fn + " (grid " + gridX + "x" + gridY + "x" + gridZ
                        + ", block " + block + ") failed: " + err.getString(0));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The launch passes exactly the kernel's parameters, each with its C type's size (a GPU would read
     * garbage, or fault, where the Java side packs an int for a pointer or leaves one out).
     */
    private void checkArguments(String fn, MemorySegment name, KernelArgs args) {
        int[] want = paramSizes.computeIfAbsent(fn, f -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment sizes = arena.allocate(JAVA_INT, KernelArgs.MAX_ARGS);
                int n = (int) params.invokeExact(name, sizes, KernelArgs.MAX_ARGS);
                if (n < 0) {
                    throw new IllegalStateException("the CUDA emulator library has no kernel " + f);
                }
                return sizes.asSlice(0, 4L * n).toArray(JAVA_INT);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        });
        int[] got = new int[args.count()];
        for (int i = 0; i < got.length; i++) {
            got[i] = args.size(i);
        }
        if (!Arrays.equals(want, got)) {
            throw new IllegalStateException("kernel " + fn + " takes " + want.length + " parameters of "
                    + Arrays.toString(want) + " bytes, the launch packed " + got.length + " of "
                    + Arrays.toString(got));
        }
    }

    /** Wall time of the emulation: meaningless as GPU time, but it lets auto-selection run. */
    @Override
    public float time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e6f;
    }

    @Override
    public void synchronize() {}

    @Override
    public synchronized void gemmStridedBatched(boolean transA, boolean transB, int m, int n, int k, float alpha, long a,
                                                int lda, long strideA, long b, int ldb, long strideB, float beta, long c,
                                                int ldc, long strideC, int batch, MatmulPrecision precision) {
        count("cuBLAS gemm");
        int mode = switch (precision) {
            case HIGHEST -> 0;
            case HIGH -> 1;
            case MEDIUM -> 2;
        };
        try {
            sgemm.invokeExact(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c,
                    ldc, strideC, batch, mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
