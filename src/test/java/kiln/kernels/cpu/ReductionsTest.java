package kiln.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.tensor.Approx;
import kiln.tensor.ReduceOp;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The row reduction kernels: the dispatching entry (Vector API when enabled) against the scalar twin. */
class ReductionsTest {
    private static final int[] LENGTHS = {1, 7, 15, 16, 17, 31, 33, 63, 64, 65, 1000, 4099};

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void rowMatchesScalarTwin(ReduceOp op) {
        for (int n : LENGTHS) {
            // PROD over values near 1 stays finite for 4099 elements
            float[] x = op == ReduceOp.PROD ? Approx.uniform(n, n + 5, 0.999, 1.001) : Approx.uniform(n, n + 5, -1, 1);
            float v = Reductions.row(op, x, 5, 1, n);
            float s = Reductions.rowScalar(op, x, 5, 1, n);
            double abs = 0;
            for (int i = 5; i < n + 5; i++) {
                abs += Math.abs(x[i]);
            }
            switch (op) {
                // max and min are exact whatever the order
                case MAX, MIN -> assertEquals(s, v, 0f, op + " n=" + n);
                // a sum in another order: each result is within n·2^-24·Σ|x| of the exact sum, so within twice that of each other
                default -> assertEquals(s, v, 2 * n * 0x1.0p-24 * Math.max(abs, 1), op + " n=" + n);
            }
            // the strided scalar path gives the same as the dense one on the same elements
            float[] spread = new float[2 * n];
            for (int i = 0; i < n; i++) {
                spread[2 * i] = x[i + 5];
            }
            assertEquals(s, Reductions.row(op, spread, 0, 2, n), 0f, op + " strided n=" + n);
        }
    }

    @Test
    void rowSumIsStableAcrossJitCompilation() {
        // Regression: reduceLanes(ADD) has an unspecified order, and with 256-bit vectors on JDK 25 the
        // interpreted and C2-compiled forms disagreed, so the same row summed to different bits after ~3000
        // calls. Enough calls to get the kernel compiled; every result must be the first one, bit for bit.
        float[] x = Approx.uniform(99, 1_000_000, 0, 1); // row 172 of this (1000, 1000) matrix showed it
        float first = Reductions.row(ReduceOp.SUM, x, 172_000, 1, 1000);
        for (int it = 0; it < 20_000; it++) {
            float v = Reductions.row(ReduceOp.SUM, x, 172_000, 1, 1000);
            if (Float.floatToIntBits(v) != Float.floatToIntBits(first)) {
                throw new AssertionError("call " + it + ": " + v + " but the first call gave " + first);
            }
        }
    }

    @Test
    void maxMinPropagateNaNOnBothPaths() {
        for (int n : new int[] {5, 17, 40}) {
            float[] x = Approx.uniform(1, n, -1, 1);
            x[n / 2] = Float.NaN;
            assertTrue(Float.isNaN(Reductions.row(ReduceOp.MAX, x, 0, 1, n)), "max n=" + n);
            assertTrue(Float.isNaN(Reductions.rowScalar(ReduceOp.MAX, x, 0, 1, n)));
            assertTrue(Float.isNaN(Reductions.row(ReduceOp.MIN, x, 0, 1, n)), "min n=" + n);
            assertTrue(Float.isNaN(Reductions.row(ReduceOp.SUM, x, 0, 1, n)));
        }
    }

    @Test
    void combineRowMatchesScalar() {
        for (ReduceOp op : ReduceOp.values()) {
            for (int n : LENGTHS) {
                float[] x = Approx.uniform(n + op.ordinal(), n + 3, -2, 2);
                float[] acc1 = Approx.uniform(n * 3L, n, -2, 2);
                float[] acc2 = acc1.clone();
                Reductions.combineRowScalar(op, acc1, x, 3, 0, n);
                if (Simd.enabled()) {
                    ReductionsVector.combineRow(op, acc2, x, 3, n);
                } else {
                    Reductions.combineRowScalar(op, acc2, x, 3, 0, n);
                }
                Approx.assertSameBits(op + " n=" + n, acc1, acc2); // elementwise: one IEEE op each, exact
            }
        }
    }

    @Test
    void blockedFullReductionIsThreadIndependentAndAccurate() {
        // Longer than several blocks (BLOCK = 32768) and not a multiple of one.
        int n = 5 * Reductions.BLOCK + 123;
        float[] x = Approx.uniform(7, n, -1, 1);
        double exact = 0;
        double abs = 0;
        for (float v : x) {
            exact += v;
            abs += Math.abs(v);
        }
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float one = Tensor.of(x, n).sum().item();
            Parallel.setThreads(2);
            float two = Tensor.of(x, n).sum().item();
            assertEquals(Float.floatToIntBits(one), Float.floatToIntBits(two), "same bits on 1 and 2 threads");
            // Within a block the error is ≤ (BLOCK/lanes + lanes)·2^-24·Σ|x|; use the crude n·2^-24·Σ|x| bound / 8.
            assertEquals(exact, one, n * 0x1.0p-24 * abs / 8);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void columnPathEqualsPerElementPath() {
        // [R, C] → [1, C] takes the whole-row "columns" path; its transpose [C, R] → [C, 1] the per-element path.
        // Both add x[0,c], x[1,c], ... in the same order, so the results are bitwise equal.
        int r = 37, c = 53;
        float[] x = Approx.uniform(11, r * c, -1, 1);
        Tensor t = Tensor.of(x, r, c);
        for (ReduceOp op : ReduceOp.values()) {
            float[] cols = t.reduce(op, new int[] {0}, false).toFloatArray();
            float[] viaT = t.t().contiguous().reduce(op, new int[] {1}, false).toFloatArray();
            float[] strided = t.t().reduce(op, new int[] {1}, false).toFloatArray();
            if (op == ReduceOp.PROD || op == ReduceOp.MAX || op == ReduceOp.MIN) {
                Approx.assertSameBits(op + " columns vs rows", cols, viaT);
            } else {
                Approx.assertClose(op + " columns vs rows", cols, viaT, 0, 37 * 0x1.0p-24 * 37); // vector row sum order differs
            }
            Approx.assertSameBits(op + " columns vs strided", cols, strided);
        }
    }
}
