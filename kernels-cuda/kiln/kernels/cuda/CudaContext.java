package kiln.kernels.cuda;

import java.util.logging.Logger;

/**
 * One GPU as Kiln uses it: its {@link CudaDriver} (one stream that every kernel, copy and cuBLAS call of
 * this device is queued on, so work is ordered without events) and the caching allocator over it.
 */
final class CudaContext implements DeviceMemory {
    private static final Logger LOG = Logger.getLogger("kiln");

    final int index;
    final String name;
    final CudaDriver driver;
    final String arch;
    /** Compute capability major version (8 = Ampere, 9 = Hopper): tensor-core mma needs 8 or more. */
    final int computeMajor;
    final int multiprocessors;
    final CachingAllocator allocator;

    CudaContext(int index, CudaDriver driver) {
        this.index = index;
        this.driver = driver;
        this.arch = driver.arch();
        this.computeMajor = driver.computeMajor();
        this.multiprocessors = driver.multiprocessors();
        this.name = "cuda:" + index;
        this.allocator = new CachingAllocator(this, name);
        LOG.info("kiln: CUDA backend on " + name + " (" + driver.describe() + ")");
    }

    /** Queues one kernel on this device's stream. */
    void launch(CudaModule m, String fn, int gridX, int gridY, int gridZ, int block, KernelArgs args) {
        driver.launch(m, fn, gridX, gridY, gridZ, block, args);
    }

    /**
     * Milliseconds of GPU time between the work {@code work} queues on this device's stream and what was
     * queued before it finishing; waits for the work to finish.
     */
    float time(Runnable work) {
        return driver.time(work);
    }

    /** Waits for everything queued on this device. */
    void sync() {
        driver.synchronize();
    }

    // ---- DeviceMemory, for the allocator

    @Override
    public long malloc(long bytes) {
        return driver.malloc(bytes);
    }

    @Override
    public void free(long address) {
        driver.free(address);
    }

    @Override
    public void synchronize() {
        sync();
    }

    @Override
    public long[] info() {
        return driver.memoryInfo();
    }
}
