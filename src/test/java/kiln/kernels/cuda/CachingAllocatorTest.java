package kiln.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The allocator's bookkeeping over a fake device with a fixed capacity. */
class CachingAllocatorTest {

    /** Device memory that hands out fake addresses up to a capacity. */
    static final class FakeMemory implements DeviceMemory {
        final long capacity;
        final Map<Long, Long> live = new HashMap<>();
        long used;
        long next = 0x7f00_0000_0000L;
        int mallocs;
        int frees;
        int syncs;

        FakeMemory(long capacity) {
            this.capacity = capacity;
        }

        @Override
        public long malloc(long bytes) {
            if (used + bytes > capacity) {
                return 0;
            }
            mallocs++;
            used += bytes;
            long a = next;
            next += bytes + 4096;
            live.put(a, bytes);
            return a;
        }

        @Override
        public void free(long address) {
            Long b = live.remove(address);
            if (b == null) {
                throw new AssertionError("double or foreign free of " + address);
            }
            frees++;
            used -= b;
        }

        @Override
        public void synchronize() {
            syncs++;
        }

        @Override
        public long[] info() {
            return new long[] {capacity - used, capacity};
        }
    }

    static final long MIB = 1 << 20;

    @Test
    void sizeClasses() {
        assertEquals(512, CachingAllocator.sizeClass(0));
        assertEquals(512, CachingAllocator.sizeClass(1));
        assertEquals(512, CachingAllocator.sizeClass(512));
        assertEquals(1024, CachingAllocator.sizeClass(513));
        assertEquals(MIB, CachingAllocator.sizeClass(MIB));
        assertEquals(2 * MIB, CachingAllocator.sizeClass(MIB + 1));
        assertEquals(4 * MIB, CachingAllocator.sizeClass(3 * MIB));
        assertThrows(IllegalArgumentException.class, () -> CachingAllocator.sizeClass(-1));
    }

    @Test
    void releasedBlocksAreReusedByTheirClass() {
        FakeMemory mem = new FakeMemory(64 * MIB);
        CachingAllocator al = new CachingAllocator(mem, "fake:0", () -> {});
        CachingAllocator.Block a = al.allocate(1000);
        CachingAllocator.Block b = al.allocate(3 * MIB);
        assertEquals(1024 + 4 * MIB, al.stats().allocatedBytes());
        al.release(a);
        AllocatorStats s = al.stats();
        assertEquals(4 * MIB, s.allocatedBytes());
        assertEquals(1024 + 4 * MIB, s.reservedBytes());
        assertEquals(1, s.cachedBlocks());

        CachingAllocator.Block c = al.allocate(1020); // same class as a: a's block comes back
        assertEquals(a.address(), c.address());
        assertEquals(1, al.stats().cacheHits());
        CachingAllocator.Block d = al.allocate(2000); // another class: a new device block
        assertNotEquals(a.address(), d.address());
        assertEquals(3, mem.mallocs);

        al.release(b);
        al.release(c);
        al.release(d);
        assertEquals(0, al.stats().allocatedBytes());
        assertEquals(1024 + 2048 + 4 * MIB, al.stats().peakAllocatedBytes());
        al.emptyCache();
        assertEquals(0, al.stats().reservedBytes());
        assertEquals(0, al.stats().cachedBlocks());
        assertEquals(0, mem.used);
        assertEquals(3, mem.frees);
        assertTrue(mem.syncs >= 1, "the stream is synchronised before memory goes back to the device");
    }

    @Test
    void peakCanBeReset() {
        CachingAllocator al = new CachingAllocator(new FakeMemory(64 * MIB), "fake:0", () -> {});
        CachingAllocator.Block a = al.allocate(8 * MIB);
        al.release(a);
        assertEquals(8 * MIB, al.stats().peakAllocatedBytes());
        al.resetPeak();
        assertEquals(0, al.stats().peakAllocatedBytes());
    }

    @Test
    void outOfMemoryEmptiesTheCacheThenAsksTheCollectorThenThrowsWithStats() {
        FakeMemory mem = new FakeMemory(10 * MIB);
        AtomicInteger gcs = new AtomicInteger();
        CachingAllocator al = new CachingAllocator(mem, "fake:0", gcs::incrementAndGet);
        CachingAllocator.Block a = al.allocate(4 * MIB);
        CachingAllocator.Block b = al.allocate(4 * MIB);
        al.release(a); // cached, but the wrong class for 6 MiB
        CachingAllocator.Block c = al.allocate(6 * MIB); // fits only once the cache is emptied
        assertEquals(0, gcs.get());
        assertEquals(10 * MIB, al.stats().reservedBytes());

        CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class, () -> al.allocate(5 * MIB));
        assertEquals(1, gcs.get(), "the garbage collector is asked once before giving up");
        assertEquals(5 * MIB, e.requestedBytes());
        String msg = e.getMessage();
        assertTrue(msg.contains("fake:0") && msg.contains("5.0 MiB") && msg.contains("allocated 10.0 MiB")
                && msg.contains("reserved 10.0 MiB") && msg.contains("0.0 MiB free of 10.0 MiB"), msg);
        al.release(b);
        al.release(c);
    }

    @Test
    void reclaimedBlocksAreCounted() {
        CachingAllocator al = new CachingAllocator(new FakeMemory(MIB), "fake:0", () -> {});
        CachingAllocator.Block a = al.allocate(100);
        al.reclaim(a, () -> "float[25] on fake:0");
        assertEquals(1, al.stats().gcReclaimed());
        assertEquals(0, al.stats().allocatedBytes());
        assertEquals(1, al.stats().cachedBlocks());
    }
}
