package kiln.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import kiln.tensor.BinaryOp;
import kiln.tensor.Tensor;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-op overhead on a tiny tensor (design.md: "an op on a 100-element tensor should cost within
 * ~2× of a plain loop"). {@code kilnAdd} ({@code a.add(b)}, allocating its result) is compared with
 * {@code plainAdd} (a loop into a {@code new float[n]}); {@code kilnAddInto}
 * ({@code a.binary(ADD, b, out)}) with {@code plainAddInto} (a loop into a preallocated array).
 * The ratio is {@code kiln ns / plain ns} (below 2 meets the goal).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SmallOpBench {

    @Param({"100"})
    public int n;

    float[] aa;
    float[] ba;
    float[] outa;
    Tensor a;
    Tensor b;
    Tensor out;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(3);
        aa = GemmBench.fill(rnd, n);
        ba = GemmBench.fill(rnd, n);
        outa = new float[n];
        a = Tensor.wrap(aa, n);
        b = Tensor.wrap(ba, n);
        out = Tensor.zeros(n);
    }

    @Benchmark
    public Tensor kilnAdd() {
        return a.add(b);
    }

    @Benchmark
    public Tensor kilnAddInto() {
        return a.binary(BinaryOp.ADD, b, out);
    }

    @Benchmark
    public float[] plainAdd() {
        float[] x = aa;
        float[] y = ba;
        float[] r = new float[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[i] + y[i];
        }
        return r;
    }

    @Benchmark
    public float[] plainAddInto() {
        float[] x = aa;
        float[] y = ba;
        float[] r = outa;
        for (int i = 0; i < r.length; i++) {
            r[i] = x[i] + y[i];
        }
        return r;
    }
}
