package kiln.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import kiln.kernels.cpu.Gemm;
import kiln.kernels.cpu.Parallel;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_full;
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
 * Single-precision GEMM {@code C = A·B} (row-major, no transposes, alpha 1, beta 0): Kiln's
 * {@link Gemm#sgemm} on heap arrays beside OpenBLAS's {@code cblas_sgemm} (through JavaCPP) on
 * off-heap buffers, so JavaCPP copies nothing per call. Both run with the same thread count.
 *
 * <p>Throughput: {@code GFLOP/s = 2·m·n·k / (seconds per op) / 1e9}; the ratio is
 * {@code kiln / openblas} (above 1: Kiln faster). {@link Report} does the conversion.
 *
 * <p>{@code shape} is {@code "N"} for a square {@code N×N·N×N} product or {@code "MxNxK"}: A is
 * {@code m×k}, B {@code k×n}, C {@code m×n} (the course MLP's first layer is {@code 32x300x784}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class GemmBench {

    @Param({"256", "512", "1024", "2048", "32x300x784", "256x300x784"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    int m;
    int n;
    int k;
    float[] a;
    float[] b;
    float[] c;
    FloatPointer pa;
    FloatPointer pb;
    FloatPointer pc;
    /** Read back after each op so the result is consumed; non-final so it is not folded. */
    int probe;

    @Setup(Level.Trial)
    public void setup() {
        int[] mnk = parseShape(shape);
        m = mnk[0];
        n = mnk[1];
        k = mnk[2];
        SplittableRandom rnd = new SplittableRandom(42);
        a = fill(rnd, m * k);
        b = fill(rnd, k * n);
        c = new float[m * n];
        pa = new FloatPointer(a.length).put(a);
        pb = new FloatPointer(b.length).put(b);
        pc = new FloatPointer(c.length);
        probe = (m * n) / 2 + 1;
        Parallel.setThreads(threads);
        openblas_full.openblas_set_num_threads(threads);
        checkAgreement();
    }

    /** A control: a fast wrong answer is no result, so Kiln's C must match OpenBLAS's once. */
    private void checkAgreement() {
        kiln();
        openblas();
        float[] ref = new float[c.length];
        pc.get(ref);
        double tol = 1e-5 * k + 1e-4;
        for (int i = 0; i < c.length; i++) {
            if (!(Math.abs(c[i] - ref[i]) <= tol)) {
                throw new IllegalStateException("GemmBench " + shape + ": Kiln's C[" + i / n + "][" + i % n
                        + "] = " + c[i] + " but OpenBLAS gives " + ref[i] + " (tolerance " + tol + ")");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pa.close();
        pb.close();
        pc.close();
    }

    @Benchmark
    public float kiln() {
        Gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        return c[probe];
    }

    @Benchmark
    public float openblas() {
        openblas_full.cblas_sgemm(openblas_full.CblasRowMajor, openblas_full.CblasNoTrans,
                openblas_full.CblasNoTrans, m, n, k, 1f, pa, k, pb, n, 0f, pc, n);
        return pc.get(probe);
    }

    /** {@code "N"} → {@code {N, N, N}}; {@code "MxNxK"} → {@code {M, N, K}}. */
    static int[] parseShape(String s) {
        String[] p = s.split("x");
        if (p.length == 1) {
            int v = Integer.parseInt(p[0]);
            return new int[] {v, v, v};
        }
        if (p.length != 3) {
            throw new IllegalArgumentException("GemmBench.shape: expected N or MxNxK, got '" + s + "'");
        }
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
    }

    static float[] fill(SplittableRandom rnd, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rnd.nextDouble(-1.0, 1.0);
        }
        return x;
    }
}
