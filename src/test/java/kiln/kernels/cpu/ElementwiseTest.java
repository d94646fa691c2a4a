package kiln.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import kiln.tensor.Approx;
import kiln.tensor.BinaryOp;
import kiln.tensor.UnaryOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Vector API kernels against their scalar twins (the definition, style.md §2). Inputs are random
 * plus special values (±0, ±inf, NaN, the kinks), at odd offsets, for lengths that leave every tail.
 */
class ElementwiseTest {
    private static final int[] LENGTHS = {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 1000, 1027};
    private static final float[] SPECIAL = {0f, -0f, 1f, -1f, 3f, -3f, 6f, -6f, 0.5f, -0.5f, 20f, -20f, 88f, -88f,
        100f, -100f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN};

    /**
     * Largest allowed distance in ulps between vector and scalar results. Exact ops (one IEEE operation, or
     * the same sequence of them) must agree bit for bit. EXP, LOG, TANH use the Vector API's lanewise
     * transcendentals, documented as within 1 ulp of the correctly rounded result (the scalar twin is within
     * 0.5): 2 ulp. SIGMOID and SILU compose EXP with an add and a divide in float, while the scalar twin
     * works in double: 3 + 1 ulp. Below the normal range (sigmoid(x) for x < -87 is subnormal, 6e-39 at
     * -88) the float form 1/(1+e^-x) keeps only a few significant bits, so there an absolute 1e-37 is allowed.
     * (Measured on an AVX-512 machine with JDK 25: EXP, LOG and TANH agreed exactly.)
     */
    static long ulpBound(UnaryOp op) {
        return switch (op) {
            case EXP, LOG, TANH -> 2;
            case SIGMOID -> 3;
            case SILU -> 4;
            default -> 0;
        };
    }

    private static float[] inputs(long seed, int n, boolean positive) {
        float[] x = Approx.uniform(seed, n, positive ? 0 : -10, 10);
        for (int i = 0; i < Math.min(n, SPECIAL.length); i++) {
            x[(int) ((i * 7L) % n)] = SPECIAL[i];
        }
        return x;
    }

    /** Absolute floor for ops whose result can be near 0 by cancellation-free underflow (sigmoid → 0). */
    private static boolean close(UnaryOp op, float scalar, float vector) {
        if (Approx.ulps(scalar, vector) <= ulpBound(op)) {
            return true;
        }
        // exp/sigmoid results below the normal range: the vector form may flush differently; allow 1e-37 absolute.
        return ulpBound(op) > 0 && Math.abs(scalar - vector) < 1e-37f;
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryVectorMatchesScalar(UnaryOp op) {
        assumeTrue(Simd.enabled(), "Vector API off: the dispatching path is the scalar twin itself");
        boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RSQRT;
        float alpha = op == UnaryOp.CLIP ? -1.5f : op == UnaryOp.LEAKY_RELU ? 0.3f : 2.5f;
        float beta = op == UnaryOp.CLIP ? 2.25f : 0f;
        for (int n : LENGTHS) {
            float[] x = inputs(op.ordinal() * 31L + n, n + 3, positive);
            float[] ys = new float[n + 5];
            float[] yv = new float[n + 5];
            java.util.Arrays.fill(ys, 42f);
            java.util.Arrays.fill(yv, 42f);
            Elementwise.unaryScalar(op, alpha, beta, x, 3, 1, ys, 2, 1, n);
            Elementwise.unary(op, alpha, beta, x, 3, 1, yv, 2, 1, n);
            assertEquals(42f, yv[0], "wrote before the row");
            assertEquals(42f, yv[n + 2], "wrote past the row");
            for (int i = 2; i < n + 2; i++) {
                if (!close(op, ys[i], yv[i])) {
                    throw new AssertionError(op + " n=" + n + " x=" + x[i + 1] + ": scalar " + ys[i] + " vector " + yv[i]
                            + " (" + Approx.ulps(ys[i], yv[i]) + " ulp > " + ulpBound(op) + ")");
                }
            }
            if (ElementwiseVector.supports(op)) { // the twin directly, not only through the dispatcher
                float[] yd = new float[n];
                ElementwiseVector.unary(op, alpha, beta, x, 3, yd, 0, n);
                for (int i = 0; i < n; i++) {
                    assertTrue(close(op, ys[i + 2], yd[i]), op + " direct, index " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryVectorMatchesScalar(BinaryOp op) {
        assumeTrue(Simd.enabled(), "Vector API off: the dispatching path is the scalar twin itself");
        boolean ints = op.isComparison() || op == BinaryOp.MAXIMUM || op == BinaryOp.MINIMUM;
        for (int n : LENGTHS) {
            if (n == 0) {
                continue; // rows are never empty (Loop.run returns first), and a broadcast operand is read once
            }
            float[] a = inputs(op.ordinal() * 7L + n, n + 1, false);
            float[] b = inputs(op.ordinal() * 13L + n + 1, n + 2, false);
            if (ints) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = Float.isFinite(a[i]) ? Math.round(a[i] / 4) : a[i];
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = Float.isFinite(b[i]) ? Math.round(b[i] / 4) : b[i];
                }
            }
            // (stride a, stride b): dense/dense, broadcast left, broadcast right, both broadcast
            int[][] strides = {{1, 1}, {0, 1}, {1, 0}, {0, 0}};
            for (int[] st : strides) {
                float[] cs = new float[n + 1];
                float[] cv = new float[n + 1];
                Elementwise.binaryScalar(op, a, 1, st[0], b, 2, st[1], cs, 1, 1, n);
                Elementwise.binary(op, a, 1, st[0], b, 2, st[1], cv, 1, 1, n);
                // Every binary op is one IEEE operation (or a compare/select): bitwise equal, NaN payloads aside.
                for (int i = 0; i < cs.length; i++) {
                    if (Approx.ulps(cs[i], cv[i]) != 0 || (cs[i] == 0 && Float.floatToIntBits(cs[i]) != Float.floatToIntBits(cv[i])
                            && op != BinaryOp.MAXIMUM && op != BinaryOp.MINIMUM)) {
                        throw new AssertionError(op + " n=" + n + " strides " + st[0] + "," + st[1] + " index " + i
                                + ": scalar " + cs[i] + " vector " + cv[i]);
                    }
                }
            }
        }
    }
}
