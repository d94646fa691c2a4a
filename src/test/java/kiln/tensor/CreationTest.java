package kiln.tensor;

import static kiln.tensor.Approx.assertIae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import kiln.kernels.cpu.Parallel;
import org.junit.jupiter.api.Test;

class CreationTest {

    @Test
    void zerosOnesFull() {
        Tensor z = Tensor.zeros(2, 3);
        assertEquals(Shape.of(2, 3), z.shape());
        assertEquals(DType.FLOAT32, z.dtype());
        assertEquals(Device.defaultDevice(), z.device());
        assertArrayEquals(new float[6], z.toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1, 1}, Tensor.ones(4).toFloatArray());
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f}, Tensor.full(2.5f, 3).toFloatArray());
        assertArrayEquals(new float[] {0}, Tensor.zeros(Shape.of()).toFloatArray());
        assertEquals(0, Tensor.zeros(0, 3).size());
        Tensor zi = Tensor.zeros(DType.INT32, Shape.of(2), Device.CPU);
        assertEquals(DType.INT32, zi.dtype());
        assertArrayEquals(new int[2], zi.toIntArray());
        assertEquals(DType.INT32, zi.zerosLike().dtype());
    }

    @Test
    void arange() {
        assertArrayEquals(new float[] {0, 1, 2, 3, 4}, Tensor.arange(5).toFloatArray());
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f}, Tensor.arange(1, 3, 0.5f).toFloatArray());
        assertArrayEquals(new float[] {5, 3, 1}, Tensor.arange(5, 0, -2).toFloatArray());
        assertEquals(0, Tensor.arange(0).size());
        assertEquals(0, Tensor.arange(3, 1, 1).size(), "an empty range, as NumPy");
        assertIae(() -> Tensor.arange(0, 1, 0), "arange", "step");
    }

    @Test
    void ofCopiesAndInfersShape() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(data, 2, -1);
        assertEquals(Shape.of(2, 3), t.shape());
        data[0] = 100;
        assertEquals(1f, t.get(0, 0), "of copies its input");
        assertEquals(Shape.of(6), Tensor.of(data).shape(), "no dims: a vector");
        assertEquals(Shape.of(2, 3), Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}).shape());
        assertEquals(6f, Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}).get(1, 2));
        assertIae(() -> Tensor.of(new float[][] {{1, 2}, {3}}), "of", "row 1");
        assertIae(() -> Tensor.of(new float[] {1, 2, 3}, 2, 2), "of", "[2, 2]", "4", "3");
        assertIae(() -> Tensor.of(new float[] {1, 2, 3}, 2, -1), "-1");
    }

    @Test
    void ofInts() {
        int[] data = {3, -1, 7, 0};
        Tensor t = Tensor.ofInts(data, 2, 2);
        data[0] = 9;
        assertEquals(DType.INT32, t.dtype());
        assertArrayEquals(new int[] {3, -1, 7, 0}, t.toIntArray());
        assertArrayEquals(new float[] {3, -1, 7, 0}, t.toFloatArray(), "int → float conversion");
        assertEquals(7f, t.get(1, 0));
    }

    @Test
    void wrapSharesTheArray() {
        float[] data = {1, 2, 3, 4};
        Tensor t = Tensor.wrap(data, 2, 2);
        data[3] = 40;
        assertEquals(40f, t.get(1, 1), "writes to the array are seen by the tensor");
        t.fill(7);
        assertEquals(7f, data[0], "writes to the tensor are seen in the array");
        assertSame(data, ((HostBuffer) t.buffer()).floats);
    }

    @Test
    void scalarItemGet() {
        Tensor s = Tensor.scalar(4.5f);
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertEquals(4.5f, s.item());
        assertEquals(4.5f, s.get());
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(6f, t.get(1, 2));
        assertEquals(6f, t.get(-1, -1), "negative indices count from the end");
        assertEquals(5f, Tensor.of(new float[] {5}, 1, 1).item());
        assertIae(t::item, "item", "[2, 3]", "6 elements");
        assertIae(() -> t.get(0), "get", "2 indices", "[2, 3]");
        assertIae(() -> t.get(2, 0), "get", "index 2", "axis 0", "[2, 3]");
    }

    @Test
    void toIntArrayTruncatesTowardZero() {
        assertArrayEquals(new int[] {1, -1, 2, -2}, Tensor.of(new float[] {1.9f, -1.9f, 2.5f, -2.5f}).toIntArray());
        assertArrayEquals(new float[] {1, -1}, Tensor.of(new float[] {1.9f, -1.9f}).toInt().toFloat().toFloatArray());
    }

    // ---------------------------------------------------------------- random

    private static final int N = 1_000_000;

    @Test
    void sameSeedSameNumbersDifferentSeedDifferentNumbers() {
        float[] a = Tensor.normal(new Generator(42), 0, 1, 1000).toFloatArray();
        float[] b = Tensor.normal(new Generator(42), 0, 1, 1000).toFloatArray();
        float[] c = Tensor.normal(new Generator(43), 0, 1, 1000).toFloatArray();
        Approx.assertSameBits("same seed", a, b);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == c[i] ? 1 : 0;
        }
        assertTrue(same < 5, "different seeds should give different numbers, " + same + " of 1000 equal");
        // Successive draws from one generator continue the stream rather than repeating it.
        Generator g = new Generator(42);
        float[] d1 = Tensor.normal(g, 0, 1, 1000).toFloatArray();
        float[] d2 = Tensor.normal(g, 0, 1, 1000).toFloatArray();
        Approx.assertSameBits("first draw equals a fresh generator's", a, d1);
        assertFalse(java.util.Arrays.equals(d1, d2), "second draw must differ from the first");
        // The global generator is repeatable after setGlobalSeed.
        Generator.setGlobalSeed(7);
        float[] r1 = Tensor.rand(50).toFloatArray();
        float[] n1 = Tensor.randn(50).toFloatArray();
        Generator.setGlobalSeed(7);
        Approx.assertSameBits("rand after reseed", r1, Tensor.rand(50).toFloatArray());
        Approx.assertSameBits("randn after reseed", n1, Tensor.randn(50).toFloatArray());
    }

    @Test
    void randomIsIdenticalOnOneAndTwoThreads() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[][] one = draws();
            Parallel.setThreads(2);
            float[][] two = draws();
            for (int i = 0; i < one.length; i++) {
                Approx.assertSameBits("distribution " + i, one[i], two[i]);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static float[][] draws() {
        // 300,000 elements: above the parallel threshold so two threads really split the work.
        Supplier<Generator> g = () -> new Generator(2024);
        return new float[][] {
            Tensor.uniform(g.get(), -1, 1, 300_000).toFloatArray(),
            Tensor.normal(g.get(), 0, 1, 300_000).toFloatArray(),
            Tensor.truncatedNormal(g.get(), 0, 1, 300_000).toFloatArray(),
            Tensor.bernoulli(g.get(), 0.3f, 300_000).toFloatArray(),
        };
    }

    @Test
    void uniformRangeAndMoments() {
        float lo = -2, hi = 3;
        float[] v = Tensor.uniform(new Generator(1), lo, hi, N).toFloatArray();
        double[] m = moments(v);
        for (float x : v) {
            assertTrue(x >= lo && x < hi, "uniform value " + x + " outside [" + lo + ", " + hi + ")");
        }
        // mean 0.5, sd (hi-lo)/√12 = 1.4434; the mean of 1e6 draws has sd 1.4434e-3; 5σ = 7.2e-3.
        assertEquals(0.5, m[0], 7.2e-3);
        // The sample variance of U(a,b) has sd ≈ (b-a)²·√(1/80 − 1/144)/√n = 25·0.0745/1000 = 1.9e-3; 5σ ≈ 0.01.
        assertEquals(25.0 / 12, m[1], 0.01);
        // A narrow range close to the float spacing never returns hi itself (rounding is clamped).
        float[] w = Tensor.uniform(new Generator(3), 1f, Math.nextUp(1f), 1000).toFloatArray();
        for (float x : w) {
            assertEquals(1f, x);
        }
    }

    @Test
    void normalMoments() {
        float[] v = Tensor.normal(new Generator(5), 2f, 3f, N).toFloatArray();
        double[] m = moments(v);
        // The sample mean has sd σ/√n = 3e-3, 5σ = 0.015; the sample sd has sd ≈ σ/√(2n) = 2.1e-3, 5σ = 0.0106.
        assertEquals(2.0, m[0], 0.015);
        assertEquals(3.0, Math.sqrt(m[1]), 0.0106);
        // Standard normal tails: P(|z| > 3) = 0.0027; the count has sd √(n·p) ≈ 52, 5σ ≈ 260.
        int tail = 0;
        for (float x : v) {
            tail += Math.abs((x - 2f) / 3f) > 3 ? 1 : 0;
        }
        assertEquals(2700, tail, 260);
    }

    @Test
    void truncatedNormalStaysWithinTwoSigma() {
        float mean = 1f, sd = 0.5f;
        float[] v = Tensor.truncatedNormal(new Generator(9), mean, sd, N).toFloatArray();
        for (float x : v) {
            // 1 ulp slack: a + b·g is rounded to float.
            assertTrue(Math.abs(x - mean) <= 2 * sd + Math.ulp(2f), "truncated normal value " + x + " beyond 2σ");
        }
        double[] m = moments(v);
        // Truncated at ±2σ: sd = σ·√(1 − 4φ(2)/(Φ(2) − Φ(−2))) = 0.87963·σ; sample sd error ~ 0.6σ/√n ≈ 3e-4, 5σ ≈ 1.5e-3.
        assertEquals(mean, m[0], 5 * 0.88 * sd / 1000);
        assertEquals(0.87963 * sd, Math.sqrt(m[1]), 1.5e-3);
    }

    @Test
    void bernoulliRate() {
        float[] v = Tensor.bernoulli(new Generator(11), 0.3f, N).toFloatArray();
        double ones = 0;
        for (float x : v) {
            assertTrue(x == 0f || x == 1f);
            ones += x;
        }
        // The rate's sd is √(p(1−p)/n) = 4.6e-4; 5σ = 2.3e-3.
        assertEquals(0.3, ones / N, 2.3e-3);
        assertArrayEquals(new float[100], Tensor.bernoulli(new Generator(1), 0f, 100).toFloatArray());
        float[] all = Tensor.bernoulli(new Generator(1), 1f, 100).toFloatArray();
        for (float x : all) {
            assertEquals(1f, x);
        }
        assertIae(() -> Tensor.bernoulli(new Generator(1), 1.5f, 3), "bernoulli", "1.5");
    }

    @Test
    void randomIntoNonContiguousIsRejected() {
        Tensor t = Tensor.zeros(3, 4).transpose(0, 1);
        assertIae(() -> t.randomi(RandomKind.UNIFORM, new Generator(1), 0, 1), "random", "contiguous");
        Tensor i = Tensor.zeros(DType.INT32, Shape.of(3), Device.CPU);
        assertIae(() -> i.randomi(RandomKind.UNIFORM, new Generator(1), 0, 1), "random", "float32", "int32");
    }

    @Test
    void randomIntoAView() {
        // A contiguous view with an offset: only its elements are written, and they equal a fresh draw.
        Tensor base = Tensor.zeros(4, 5);
        Tensor row = base.select(0, 2);
        row.randomi(RandomKind.UNIFORM, new Generator(77), 0, 1);
        Approx.assertSameBits("view fill", Tensor.uniform(new Generator(77), 0, 1, 5).toFloatArray(), row.toFloatArray());
        assertEquals(0f, base.select(0, 1).sum().item());
        assertEquals(0f, base.select(0, 3).sum().item());
    }

    /** {mean, population variance}, accumulated in double. */
    private static double[] moments(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        double mean = s / v.length;
        double q = 0;
        for (float x : v) {
            q += (x - mean) * (x - mean);
        }
        return new double[] {mean, q / v.length};
    }
}
