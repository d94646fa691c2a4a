package kiln.kernels.cuda;

/**
 * Raw device memory, as the {@link CachingAllocator} sees it: the real one is {@code cuMemAlloc} /
 * {@code cuMemFree} ({@link CudaContext}); tests use a fake with a capacity.
 */
interface DeviceMemory {
    /** A new block of {@code bytes}, or 0 when the device is out of memory; other failures throw. */
    long malloc(long bytes);

    /** Returns a block from {@link #malloc}. */
    void free(long address);

    /** Called before cached blocks go back to the device, so no queued kernel still uses them. */
    default void synchronize() {}

    /** Free and total device memory in bytes, for error messages; {@code null} when unknown. */
    default long[] info() {
        return null;
    }
}
