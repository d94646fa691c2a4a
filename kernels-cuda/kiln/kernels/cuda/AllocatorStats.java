package kiln.kernels.cuda;

import java.util.Locale;

/**
 * A snapshot of a {@link CachingAllocator}.
 *
 * @param allocatedBytes     bytes in blocks handed out and not yet released (size-class rounded)
 * @param reservedBytes      bytes obtained from the device: allocated plus cached
 * @param peakAllocatedBytes the most {@code allocatedBytes} has been since creation or {@link CachingAllocator#resetPeak}
 * @param cachedBlocks       blocks on the free lists, ready for reuse
 * @param deviceMallocs      calls that went to the device
 * @param cacheHits          allocations served from a free list
 * @param gcReclaimed        blocks returned by the garbage collector because nobody released them
 */
public record AllocatorStats(long allocatedBytes, long reservedBytes, long peakAllocatedBytes, int cachedBlocks,
                             long deviceMallocs, long cacheHits, long gcReclaimed) {
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "allocated %s, reserved %s, peak %s, %d cached blocks, %d device mallocs, %d cache hits, %d reclaimed by GC",
                mib(allocatedBytes), mib(reservedBytes), mib(peakAllocatedBytes), cachedBlocks, deviceMallocs, cacheHits,
                gcReclaimed);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
