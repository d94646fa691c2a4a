package kiln.kernels.cuda;

/** A device allocation that failed even after the cache was emptied; the message has the size and the allocator's stats. */
public final class CudaOutOfMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long requestedBytes;
    private final transient AllocatorStats stats;

    CudaOutOfMemoryException(String device, long requestedBytes, long roundedBytes, AllocatorStats stats, long[] info) {
        super("CUDA out of memory on " + device + ": tried to allocate " + AllocatorStats.mib(requestedBytes)
                + " (" + requestedBytes + " bytes, " + roundedBytes + " with size-class rounding); "
                + (info == null ? "" : AllocatorStats.mib(info[0]) + " free of " + AllocatorStats.mib(info[1]) + "; ")
                + "Kiln allocator: " + stats
                + ". Release tensors you no longer need, or use smaller batches.");
        this.requestedBytes = requestedBytes;
        this.stats = stats;
    }

    /** The size of the allocation that failed. */
    public long requestedBytes() {
        return requestedBytes;
    }

    /** The allocator's state when it failed. */
    public AllocatorStats stats() {
        return stats;
    }
}
