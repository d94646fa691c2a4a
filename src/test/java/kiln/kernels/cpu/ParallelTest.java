package kiln.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void everyIndexRunsExactlyOnceInFixedChunks() {
        for (int threads = 1; threads <= 4; threads++) {
            Parallel.setThreads(threads);
            for (int n : new int[] {0, 1, 2, 5, 7, 64, 100, 1001}) {
                for (int minChunk : new int[] {1, 3, 16, 200}) {
                    List<String> first = chunks(n, minChunk);
                    List<String> again = chunks(n, minChunk);
                    assertEquals(first, again, "partition must be fixed: n=" + n + " minChunk=" + minChunk);
                    int expectedChunks = n == 0 ? 0 : Math.max(1, Math.min(threads, n / minChunk));
                    assertEquals(expectedChunks, first.size(), "chunk count for n=" + n + " minChunk=" + minChunk
                            + " threads=" + threads + ": " + first);
                }
            }
        }
    }

    /** Runs forRange, checks every index is visited once and chunk lengths, returns the sorted chunks. */
    private static List<String> chunks(int n, int minChunk) {
        AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(n, 1));
        List<String> ranges = Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(n, minChunk, (from, to) -> {
            assertTrue(from < to, "empty chunk " + from + ".." + to);
            ranges.add(from + ".." + to);
            for (int i = from; i < to; i++) {
                seen.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, seen.get(i), "index " + i + " of n=" + n + " minChunk=" + minChunk);
        }
        List<String> sorted = new ArrayList<>(ranges);
        Collections.sort(sorted);
        if (sorted.size() > 1) {
            for (String r : sorted) {
                String[] p = r.split("\\.\\.");
                assertTrue(Integer.parseInt(p[1]) - Integer.parseInt(p[0]) >= minChunk, "chunk " + r + " < " + minChunk);
            }
        }
        return sorted;
    }

    @Test
    void smallRangesRunInlineOnTheCaller() {
        Parallel.setThreads(4);
        Thread caller = Thread.currentThread();
        Parallel.forRange(10, 10, (from, to) -> {
            assertSame(caller, Thread.currentThread());
            assertEquals(0, from);
            assertEquals(10, to);
        });
    }

    @Test
    void exceptionInAChunkReachesTheCaller() {
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setThreads(threads);
            for (int bad : new int[] {0, 99}) { // first chunk (the caller's) and last chunk (a worker's)
                IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                        Parallel.forRange(100, 1, (from, to) -> {
                            if (from <= bad && bad < to) {
                                throw new IllegalStateException("boom at " + bad);
                            }
                        }));
                assertEquals("boom at " + bad, e.getMessage());
                AtomicInteger sum = new AtomicInteger(); // the pool still works afterwards
                Parallel.forRange(100, 1, (from, to) -> sum.addAndGet(to - from));
                assertEquals(100, sum.get());
            }
        }
    }

    @Test
    void nestedCallsRunInlineWithoutDeadlock() {
        Parallel.setThreads(3);
        AtomicLong total = new AtomicLong();
        Parallel.forRange(30, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                Parallel.forRange(50, 1, (f2, t2) -> total.addAndGet(t2 - f2));
            }
        });
        assertEquals(30 * 50, total.get());
    }

    @Test
    void manyBackToBackTinyTasks() {
        Parallel.setThreads(2);
        AtomicLong total = new AtomicLong();
        for (int rep = 0; rep < 20_000; rep++) {
            Parallel.forRange(2, 1, (from, to) -> total.addAndGet(to - from));
        }
        assertEquals(40_000, total.get());
    }

    @Test
    void concurrentCallersFromManyThreads() throws InterruptedException {
        Parallel.setThreads(2);
        AtomicLong total = new AtomicLong();
        Thread[] callers = new Thread[4];
        for (int t = 0; t < callers.length; t++) {
            callers[t] = new Thread(() -> {
                for (int rep = 0; rep < 2_000; rep++) {
                    Parallel.forRange(8, 1, (from, to) -> total.addAndGet(to - from));
                }
            });
            callers[t].start();
        }
        for (Thread t : callers) {
            t.join();
        }
        assertEquals(4L * 2_000 * 8, total.get());
    }

    @Test
    void setThreadsValidates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertTrue(e.getMessage().contains("threads >= 1") && e.getMessage().contains("0"), e.getMessage());
        Parallel.setThreads(3);
        assertEquals(3, Parallel.threads());
        assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(-1, 1, (f, t) -> {}));
        assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(5, 0, (f, t) -> {}));
    }
}
