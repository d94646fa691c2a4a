package kiln.bench;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kiln.kernels.cpu.Parallel;
import kiln.tensor.BinaryOp;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Memory-bound elementwise ops on {@code n} floats (64M = 256 MB per array, far beyond any cache)
 * beside the baseline {@code copy}: {@code System.arraycopy} of the same length, cut into
 * {@code threads} equal pieces run on {@code threads} threads, the same count Kiln's kernels use
 * ({@link Parallel#setThreads}).
 *
 * <p>Bandwidth: {@code GB/s = bytes per element · n / (seconds per op) / 1e9}, with bytes per
 * element relu 8 (read x, write out), add 12 (read a, b, write out), sum 4 (read x), copy 8. The
 * ratio is {@code kiln GB/s / copy GB/s} at the same thread count (1: Kiln at memory speed).
 * Inputs are uniform in [-1, 1), so relu sees random signs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ElementwiseBench {

    @Param({"67108864"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    float[] xa;
    float[] ya;
    float[] outa;
    Tensor x;
    Tensor y;
    Tensor out;
    ExecutorService pool;

    @Setup(Level.Trial)
    public void setup() {
        Parallel.setThreads(threads);
        SplittableRandom rnd = new SplittableRandom(7);
        xa = GemmBench.fill(rnd, n);
        ya = GemmBench.fill(rnd, n);
        outa = new float[n];
        x = Tensor.wrap(xa, n);
        y = Tensor.wrap(ya, n);
        out = Tensor.wrap(outa, n);
        pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "copy-baseline");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Benchmark
    public Tensor relu() {
        return x.unary(UnaryOp.RELU, 0f, 0f, out);
    }

    @Benchmark
    public Tensor add() {
        return x.binary(BinaryOp.ADD, y, out);
    }

    @Benchmark
    public float sum() {
        return x.sum().item();
    }

    /** The baseline: {@code out = x} by {@code System.arraycopy}, one piece per thread. */
    @Benchmark
    public float[] copy() throws Exception {
        if (pool == null) {
            System.arraycopy(xa, 0, outa, 0, n);
            return outa;
        }
        int t = threads;
        Future<?>[] done = new Future<?>[t - 1];
        for (int i = 1; i < t; i++) {
            int from = (int) ((long) n * i / t);
            int to = (int) ((long) n * (i + 1) / t);
            done[i - 1] = pool.submit(() -> System.arraycopy(xa, from, outa, from, to - from));
        }
        System.arraycopy(xa, 0, outa, 0, (int) ((long) n / t));
        for (Future<?> f : done) {
            f.get();
        }
        return outa;
    }
}
