package kiln.kernels.cuda;

import java.lang.foreign.MemorySegment;
import kiln.tensor.MatmulPrecision;

/**
 * What the CUDA backend needs from one GPU: memory, copies, kernel launches and cuBLAS's strided batched
 * GEMM, all queued in order on one stream. Everything above this interface ({@link CudaBackend},
 * {@link CachingAllocator}, {@link PinnedStaging}, {@link IndexChecks}, {@link CudaGemm}) is ordinary Java
 * that knows nothing of JavaCPP, so it runs unchanged over either implementation:
 * <ul>
 *   <li>{@link JavaCppDriver}: the real thing, the CUDA driver API and cuBLAS through the JavaCPP presets,
 *       kernels compiled by NVRTC;</li>
 *   <li>{@link EmulatedDriver} ({@code -Dkiln.cuda.emulate=true}): the same {@code .cu} files compiled for
 *       the host CPU by g++ and run with CUDA's execution model (blocks, threads, barriers, warp-level
 *       mma), so the backend and its kernels are tested on machines without a GPU.</li>
 * </ul>
 * Device memory is named by address ({@code long}); host memory by {@link MemorySegment}.
 */
interface CudaDriver {
    /** "sm_90" for a real GPU. */
    String arch();

    /** Compute capability major version (8 = Ampere, 9 = Hopper): Kiln's tensor-core GEMM needs 8 or more. */
    int computeMajor();

    int multiprocessors();

    /** One line for the log: what runs the kernels. */
    String describe();

    /** Device memory, or 0 when the device is out of memory. */
    long malloc(long bytes);

    void free(long address);

    /** {free, total} bytes of the device, or null when unknown. */
    long[] memoryInfo();

    /** Queues {@code count} 32-bit words of {@code value} at {@code dst}. */
    void fill32(long dst, int value, long count);

    /** Queues a copy from host memory; {@code src} may be reused once this returns. */
    void upload(long dst, MemorySegment src, long bytes);

    /** Copies device memory to the host once the work queued before it is done; returns when it is there. */
    void download(MemorySegment dst, long src, long bytes);

    /** Queues a device-to-device copy. */
    void copy(long dst, long src, long bytes);

    /** Page-locked host memory (uploads from it do not wait for the stream). */
    MemorySegment allocateHost(long bytes);

    void freeHost(MemorySegment host);

    /** A marker in the stream, to wait for the work queued before it. */
    Event newEvent();

    interface Event {
        /** Places the marker behind the work queued so far. */
        void record();

        /** Waits until the work before the marker is done. */
        void synchronize();
    }

    /** Queues one kernel of {@code module} on a 1-D block of {@code block} threads. */
    void launch(CudaModule module, String function, int gridX, int gridY, int gridZ, int block, KernelArgs args);

    /** Milliseconds of device time the work {@code work} queues takes; waits for it. */
    float time(Runnable work);

    /** Waits for everything queued. */
    void synchronize();

    /**
     * cuBLAS's {@code cublasGemmStridedBatchedEx} on float32 column-major operands:
     * {@code C_i = alpha·op(A_i)·op(B_i) + beta·C_i} for {@code i < batch}, with the compute type of
     * {@code precision} (float32, TF32 or BF16 inputs, float32 accumulation).
     */
    void gemmStridedBatched(boolean transA, boolean transB, int m, int n, int k, float alpha, long a, int lda,
                            long strideA, long b, int ldb, long strideB, float beta, long c, int ldc, long strideC,
                            int batch, MatmulPrecision precision);
}
