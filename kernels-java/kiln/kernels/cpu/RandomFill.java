package kiln.kernels.cpu;

import kiln.tensor.RandomKind;

/**
 * Counter-based random numbers: element i is a pure function of (seed, counter + i) through the
 * SplitMix64 finaliser, so any partition of the work (threads, GPU blocks) gives the same values.
 * Normals use Box–Muller on two 32-bit halves of one draw; truncated normals redraw (with the draw
 * number mixed in) until within two standard deviations, as Keras's truncated_normal.
 */
public final class RandomFill {
    private RandomFill() {}

    /** SplitMix64's finaliser: a bijective mix with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The 64 random bits for element {@code index}, draw {@code attempt}. */
    static long bits(long seed, long index, int attempt) {
        return mix(mix(seed ^ 0x9E3779B97F4A7C15L) + index * 0x9E3779B97F4A7C15L + attempt * 0xD1B54A32D192ED03L);
    }

    /** A uniform in [0, 1) from 24 bits. */
    static float unit(long bits) {
        return (bits >>> 40) * 0x1.0p-24f;
    }

    /** One value of the distribution for element {@code index}. */
    public static float sample(RandomKind kind, long seed, long index, float a, float b) {
        return switch (kind) {
            case UNIFORM -> {
                float v = a + (b - a) * unit(bits(seed, index, 0));
                yield v < b ? v : Math.nextDown(b); // rounding must not reach the open upper end
            }
            case NORMAL -> a + b * (float) gaussian(bits(seed, index, 0));
            case TRUNCATED_NORMAL -> {
                double g;
                int attempt = 0;
                do {
                    g = gaussian(bits(seed, index, attempt++));
                } while (Math.abs(g) > 2.0);
                yield a + b * (float) g;
            }
            case BERNOULLI -> unit(bits(seed, index, 0)) < a ? 1f : 0f;
        };
    }

    /** Box–Muller from the two 32-bit halves; u1 in (0, 1] so the log is finite. */
    private static double gaussian(long bits) {
        double u1 = ((bits >>> 32) + 1.0) * 0x1.0p-32;
        double u2 = (bits & 0xFFFFFFFFL) * 0x1.0p-32;
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    // out: n floats from off, element i takes counter + i
    static void fill(RandomKind kind, long seed, long counter, float a, float b, float[] out, int off, int n) {
        Parallel.forRange(n, Loop.PARALLEL_THRESHOLD / 4, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[off + i] = sample(kind, seed, counter + i, a, b);
            }
        });
    }
}
