package kiln.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.function.Executable;

/** Comparison helpers shared by the tensor and kernel tests: each failure names the first bad index. */
public final class Approx {
    private Approx() {}

    /** |actual - expected| <= atol + rtol·|expected| element by element; NaN matches NaN, inf matches inf. */
    public static void assertClose(String what, double[] expected, float[] actual, double rtol, double atol) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            float a = actual[i];
            if (Double.isNaN(e) && Float.isNaN(a)) {
                continue;
            }
            if (Double.isInfinite(e) && e == a) {
                continue;
            }
            double tol = atol + rtol * Math.abs(e);
            if (!(Math.abs(a - e) <= tol)) {
                fail(what + ": at index " + i + " expected " + e + " but got " + a + " (|diff| " + Math.abs(a - e)
                        + " > tol " + tol + ")");
            }
        }
    }

    public static void assertClose(String what, float[] expected, float[] actual, double rtol, double atol) {
        double[] d = new double[expected.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = expected[i];
        }
        assertClose(what, d, actual, rtol, atol);
    }

    /** Bitwise equality (NaNs of any payload count as equal), naming the first difference. */
    public static void assertSameBits(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": at index " + i + " expected " + expected[i] + " but got " + actual[i]);
            }
        }
    }

    /** Distance in units in the last place between two floats (0 for equal values, NaN==NaN). */
    public static long ulps(float a, float b) {
        if (Float.isNaN(a) && Float.isNaN(b)) {
            return 0;
        }
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Long.MAX_VALUE;
        }
        if (a == b) {
            return 0; // also +0 vs -0
        }
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float f) {
        int bits = Float.floatToIntBits(f);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    /** Uniform floats in [lo, hi) from a fixed seed. */
    public static float[] uniform(long seed, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return v;
    }

    /** Asserts an IllegalArgumentException whose message contains every fragment (case-sensitive). */
    public static IllegalArgumentException assertIae(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        String m = String.valueOf(e.getMessage());
        for (String f : fragments) {
            assertTrue(m.contains(f), "message '" + m + "' should contain '" + f + "'");
        }
        return e;
    }

    public static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    public static String str(float[] v) {
        return Arrays.toString(v);
    }
}
