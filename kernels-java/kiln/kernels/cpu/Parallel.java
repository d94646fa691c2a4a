package kiln.kernels.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The one parallelism helper of the CPU kernels: a persistent pool of {@code threads() - 1} daemon
 * workers plus the calling thread, running fixed contiguous chunks of an index range.
 *
 * <p>Determinism: the partition of {@code [0, n)} depends only on {@code n}, {@code minChunk} and
 * {@link #threads()}, never on timing; which thread runs a chunk does vary, so a kernel whose chunks
 * write disjoint outputs (or per-chunk partial sums combined in chunk order) gives identical bits on
 * every run.
 *
 * <p>Latency: a training step issues many ~30 µs GEMMs back to back, and a park/unpark round trip
 * costs tens of µs, so idle workers spin ({@link Thread#onSpinWait()}) for {@code
 * -Dkiln.parallel.spinMicros} (default 100) before parking.
 *
 * <pre>{@code
 * Parallel.forRange(rows, 64, (from, to) -> { for (int r = from; r < to; r++) work(r); });
 * }</pre>
 */
public final class Parallel {
    /** A body over the index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final long SPIN_NANOS = Long.getLong("kiln.parallel.spinMicros", 100) * 1000L;

    private static volatile int threads = initialThreads();
    private static volatile Pool pool; // created on first parallel use, replaced by setThreads

    private Parallel() {}

    /** The number of threads (caller included) a {@link #forRange} may use. */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads (caller included); the old workers finish their current chunk and exit.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Parallel.setThreads: expected threads >= 1, got " + n);
        }
        synchronized (Parallel.class) {
            Pool old = pool;
            pool = null;
            threads = n;
            if (old != null) {
                old.shutdown();
            }
        }
    }

    /**
     * Splits {@code [0, n)} into {@code min(threads(), n / minChunk)} contiguous chunks of near-equal
     * length (each at least {@code minChunk} long), runs them on the pool with the caller taking a share,
     * and returns when all are done. If {@code n <= minChunk} or {@code threads() == 1} the body runs
     * inline as {@code body.run(0, n)}. A call made from inside a chunk (or while the pool is busy with
     * another caller) runs the same chunks sequentially on the calling thread, so nesting cannot deadlock.
     *
     * @throws IllegalArgumentException if {@code n < 0} or {@code minChunk < 1}
     * @throws RuntimeException the first exception thrown by a chunk, after all chunks have finished
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        if (n < 0 || minChunk < 1) {
            throw new IllegalArgumentException("Parallel.forRange: expected n >= 0 and minChunk >= 1, got n="
                    + n + ", minChunk=" + minChunk);
        }
        int chunks = Math.min(threads, n / minChunk);
        if (chunks <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        Pool p = Thread.currentThread() instanceof Worker ? null : pool();
        if (p == null || !p.busy.compareAndSet(false, true)) {
            for (int c = 0; c < chunks; c++) { // nested or contended: same partition, this thread
                body.run(chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1));
            }
            return;
        }
        try {
            p.run(body, n, chunks);
        } finally {
            p.busy.set(false);
        }
    }

    /** Start of chunk c of [0, n) split into `chunks` near-equal parts (chunk `chunks` gives n). */
    static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    private static int initialThreads() {
        int n = Integer.getInteger("kiln.threads", Runtime.getRuntime().availableProcessors());
        if (n < 1) {
            throw new IllegalArgumentException("kiln.threads: expected >= 1, got " + n);
        }
        return n;
    }

    private static Pool pool() {
        Pool p = pool;
        if (p != null) {
            return p;
        }
        synchronized (Parallel.class) {
            if (pool == null) {
                pool = new Pool(threads - 1);
            }
            return pool;
        }
    }

    /** A worker thread of some pool; its identity is how nested calls are detected. */
    private static final class Worker extends Thread {
        final Pool owner;
        volatile boolean parked;

        Worker(Pool owner, int index) {
            super("kiln-parallel-" + index);
            this.owner = owner;
            setDaemon(true);
        }

        @Override
        public void run() {
            owner.workerLoop(this);
        }
    }

    /**
     * One generation of workers. A task is published by writing its fields and then the volatile
     * {@code state}: high 32 bits the task's epoch, low 32 bits the next unclaimed chunk. Threads claim
     * chunks by CAS on {@code state}, so a worker that read stale task fields fails its CAS and retries.
     */
    private static final class Pool {
        final Worker[] workers;
        final AtomicBoolean busy = new AtomicBoolean();
        final AtomicLong state = new AtomicLong();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        volatile boolean shutdown;
        volatile Thread waiter; // the caller, when parked waiting for the last chunk
        // Task fields: written by the caller before it publishes `state`.
        RangeBody body;
        int n;
        int chunks;

        Pool(int workerCount) {
            workers = new Worker[workerCount];
            for (int i = 0; i < workerCount; i++) {
                workers[i] = new Worker(this, i);
                workers[i].start();
            }
        }

        void run(RangeBody task, int size, int chunkCount) {
            body = task;
            n = size;
            chunks = chunkCount;
            done.set(0);
            long epoch = (state.get() >>> 32) + 1;
            state.set(epoch << 32); // publish
            int wake = chunkCount - 1;
            for (int i = 0; i < workers.length && wake > 0; i++, wake--) {
                if (workers[i].parked) {
                    LockSupport.unpark(workers[i]);
                }
            }
            claimAndRun();
            awaitDone(chunkCount);
            body = null;
            Throwable t = error.getAndSet(null);
            if (t != null) {
                rethrow(t);
            }
        }

        /** Claims and runs chunks of the current task until none is left. */
        void claimAndRun() {
            while (true) {
                long s = state.get();
                RangeBody b = body;
                int size = n;
                int count = chunks;
                int c = (int) s;
                if (c >= count || b == null) {
                    return;
                }
                if (!state.compareAndSet(s, s + 1)) {
                    continue; // someone else claimed it, or a new task was published: re-read
                }
                try {
                    b.run(chunkStart(size, count, c), chunkStart(size, count, c + 1));
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                }
                if (done.incrementAndGet() == count) {
                    Thread w = waiter;
                    if (w != null) {
                        LockSupport.unpark(w);
                    }
                }
            }
        }

        private void awaitDone(int count) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (done.get() != count) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                waiter = Thread.currentThread();
                if (done.get() != count) {
                    LockSupport.park(this);
                }
                waiter = null;
            }
        }

        void workerLoop(Worker self) {
            long seenEpoch = 0;
            while (!shutdown) {
                long epoch = state.get() >>> 32;
                if (epoch != seenEpoch) {
                    seenEpoch = epoch;
                    claimAndRun();
                    continue;
                }
                long deadline = System.nanoTime() + SPIN_NANOS;
                while (state.get() >>> 32 == seenEpoch && !shutdown) {
                    if (System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                        continue;
                    }
                    // Dekker handshake with run(): publish `parked`, then re-check the epoch.
                    self.parked = true;
                    if (state.get() >>> 32 == seenEpoch && !shutdown) {
                        LockSupport.park(this);
                    }
                    self.parked = false;
                }
            }
        }

        void shutdown() {
            while (!busy.compareAndSet(false, true)) { // wait for an in-flight task; never released
                Thread.onSpinWait();
            }
            shutdown = true;
            for (Worker w : workers) {
                LockSupport.unpark(w);
            }
        }

        private static void rethrow(Throwable t) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new RuntimeException(t);
        }
    }
}
