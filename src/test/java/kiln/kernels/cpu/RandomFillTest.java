package kiln.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.tensor.Approx;
import kiln.tensor.RandomKind;
import org.junit.jupiter.api.Test;

/** Counter-based fills: element i depends only on (seed, counter + i). */
class RandomFillTest {

    @Test
    void elementDependsOnlyOnSeedAndCounter() {
        for (RandomKind kind : RandomKind.values()) {
            float[] whole = new float[1000];
            RandomFill.fill(kind, 5, 100, 0.4f, 1f, whole, 0, 1000);
            // the same numbers filled in two pieces, at other offsets of another array
            float[] parts = new float[1010];
            RandomFill.fill(kind, 5, 100, 0.4f, 1f, parts, 10, 300);
            RandomFill.fill(kind, 5, 400, 0.4f, 1f, parts, 310, 700);
            Approx.assertSameBits(kind.toString(), whole, java.util.Arrays.copyOfRange(parts, 10, 1010));
            for (int i = 0; i < 1000; i += 97) {
                assertEquals(Float.floatToIntBits(whole[i]),
                        Float.floatToIntBits(RandomFill.sample(kind, 5, 100 + i, 0.4f, 1f)), kind + " sample " + i);
            }
        }
    }

    @Test
    void seedsAndCountersDecorrelate() {
        assertNotEquals(RandomFill.bits(1, 0, 0), RandomFill.bits(2, 0, 0));
        assertNotEquals(RandomFill.bits(1, 0, 0), RandomFill.bits(1, 1, 0));
        assertNotEquals(RandomFill.bits(1, 0, 0), RandomFill.bits(1, 0, 1));
        // Neighbouring counters give uncorrelated uniforms: lag-1 correlation of 1e5 draws ~ N(0, 1/√n), 5σ = 0.016.
        int n = 100_000;
        double sxy = 0, sx = 0, sxx = 0;
        float prev = RandomFill.unit(RandomFill.bits(3, 0, 0));
        for (int i = 1; i <= n; i++) {
            float u = RandomFill.unit(RandomFill.bits(3, i, 0));
            sxy += prev * u;
            sx += u;
            sxx += u * u;
            prev = u;
        }
        double mean = sx / n;
        double corr = (sxy / n - mean * mean) / (sxx / n - mean * mean);
        assertEquals(0, corr, 0.016);
    }

    @Test
    void unitIsInHalfOpenInterval() {
        assertEquals(0f, RandomFill.unit(0L));
        float top = RandomFill.unit(-1L);
        assertTrue(top < 1f && top == 1f - 0x1.0p-24f, "largest unit is 1 - 2^-24, got " + top);
        assertEquals(1f, RandomFill.sample(RandomKind.BERNOULLI, 1, 1, 1f, 0f));
        assertEquals(0f, RandomFill.sample(RandomKind.BERNOULLI, 1, 1, 0f, 0f));
    }

    @Test
    void threadIndependentFill() {
        int n = 500_000;
        float[] a = new float[n];
        float[] b = new float[n];
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            RandomFill.fill(RandomKind.TRUNCATED_NORMAL, 9, 0, 0f, 1f, a, 0, n);
            Parallel.setThreads(2);
            RandomFill.fill(RandomKind.TRUNCATED_NORMAL, 9, 0, 0f, 1f, b, 0, n);
        } finally {
            Parallel.setThreads(before);
        }
        Approx.assertSameBits("truncated normal", a, b);
    }
}
