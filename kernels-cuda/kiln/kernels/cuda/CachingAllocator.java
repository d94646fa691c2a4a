package kiln.kernels.cuda;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A caching device allocator: {@code cuMemAlloc} and {@code cuMemFree} synchronize and cost tens of
 * microseconds, so released blocks go onto free lists keyed by size class and the next request of that
 * class reuses one. All work runs on one stream per device, so a block released while kernels that use
 * it are still queued is only handed to work queued after them: reuse needs no event.
 *
 * <p>Size classes: requests up to 1 MiB round up to a multiple of 512 bytes; larger ones to a multiple of
 * 2 MiB. A request is served only by a block of exactly its class (no splitting), which bounds waste
 * at one granule per block. When the device is out of memory the allocator returns its cache to the
 * device and retries; then it asks the garbage collector for unreleased buffers (whose Cleaners give
 * their blocks back) and retries once more; then it throws {@link CudaOutOfMemoryException} with the
 * request and these stats.
 *
 * <p>Thread-safe: buffers may be released by a Cleaner thread.
 */
final class CachingAllocator {
    private static final Logger LOG = Logger.getLogger("kiln");
    static final long SMALL_LIMIT = 1L << 20;
    static final long SMALL_GRANULE = 512;
    static final long LARGE_GRANULE = 2L << 20;

    /** A block handed out: its device address and size class. */
    record Block(long address, long size) {}

    private final DeviceMemory memory;
    private final String deviceName;
    private final Map<Long, ArrayDeque<Long>> free = new TreeMap<>();
    private long allocated;
    private long reserved;
    private long peak;
    private int cachedBlocks;
    private long mallocs;
    private long hits;
    private long gcReclaimed;
    private boolean gcLogged;
    /** Hook for the OOM path (System.gc + a pause in production; a no-op or a probe in tests). */
    private final Runnable collectGarbage;

    CachingAllocator(DeviceMemory memory, String deviceName) {
        this(memory, deviceName, () -> {
            System.gc();
            try {
                Thread.sleep(50); // let the Cleaner thread return blocks
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    CachingAllocator(DeviceMemory memory, String deviceName, Runnable collectGarbage) {
        this.memory = memory;
        this.deviceName = deviceName;
        this.collectGarbage = collectGarbage;
    }

    /** The size class of a request (at least one granule). */
    static long sizeClass(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("CUDA allocator: negative size " + bytes);
        }
        long g = bytes <= SMALL_LIMIT ? SMALL_GRANULE : LARGE_GRANULE;
        return Math.max(g, (bytes + g - 1) / g * g);
    }

    /** A block of at least {@code bytes}; throws {@link CudaOutOfMemoryException} when the device has none. */
    Block allocate(long bytes) {
        long size = sizeClass(bytes);
        Block b = tryAllocate(size, false);
        if (b == null) {
            b = tryAllocate(size, true);
        }
        if (b == null) {
            collectGarbage.run();
            b = tryAllocate(size, true);
        }
        if (b == null) {
            throw new CudaOutOfMemoryException(deviceName, bytes, size, stats(), memory.info());
        }
        return b;
    }

    private synchronized Block tryAllocate(long size, boolean emptyFirst) {
        ArrayDeque<Long> list = free.get(size);
        if (list != null && !list.isEmpty()) {
            cachedBlocks--;
            hits++;
            return handOut(list.pop(), size);
        }
        if (emptyFirst) {
            emptyCache();
        }
        long address = memory.malloc(size);
        if (address == 0) {
            return null;
        }
        mallocs++;
        reserved += size;
        return handOut(address, size);
    }

    private Block handOut(long address, long size) {
        allocated += size;
        peak = Math.max(peak, allocated);
        return new Block(address, size);
    }

    /** Puts a block back on its free list. */
    synchronized void release(Block b) {
        allocated -= b.size();
        free.computeIfAbsent(b.size(), s -> new ArrayDeque<>()).push(b.address());
        cachedBlocks++;
    }

    /** {@link #release} from a Cleaner: a buffer nobody released became unreachable. */
    void reclaim(Block b, Supplier<String> what) {
        release(b);
        boolean first;
        synchronized (this) {
            gcReclaimed++;
            first = !gcLogged;
            gcLogged = true;
        }
        if (first) {
            LOG.info("kiln: CUDA memory is being reclaimed by the garbage collector (first: " + what.get()
                    + "); release buffers by scope for prompt reuse");
        }
    }

    /** Returns every cached block to the device (in use blocks stay). */
    synchronized void emptyCache() {
        if (cachedBlocks == 0) {
            return;
        }
        memory.synchronize();
        for (Map.Entry<Long, ArrayDeque<Long>> e : free.entrySet()) {
            for (long address : e.getValue()) {
                memory.free(address);
                reserved -= e.getKey();
            }
            e.getValue().clear();
        }
        free.clear();
        cachedBlocks = 0;
    }

    /** Starts a new peak measurement at the current allocation. */
    synchronized void resetPeak() {
        peak = allocated;
    }

    synchronized AllocatorStats stats() {
        return new AllocatorStats(allocated, reserved, peak, cachedBlocks, mallocs, hits, gcReclaimed);
    }
}
