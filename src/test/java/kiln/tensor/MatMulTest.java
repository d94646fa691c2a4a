package kiln.tensor;

import static kiln.tensor.Approx.assertClose;
import static kiln.tensor.Approx.assertIae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class MatMulTest {

    /** Reference batched matmul in double over contiguous host arrays: a (B, m, k), b (B, k, n). */
    private static double[] ref(float[] a, float[] b, int batch, int m, int k, int n, boolean bcastA, boolean bcastB) {
        double[] c = new double[batch * m * n];
        for (int p = 0; p < batch; p++) {
            int ao = bcastA ? 0 : p * m * k;
            int bo = bcastB ? 0 : p * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int l = 0; l < k; l++) {
                        s += (double) a[ao + i * k + l] * b[bo + l * n + j];
                    }
                    c[p * m * n + i * n + j] = s;
                }
            }
        }
        return c;
    }

    // Tolerance: k products of values in [-1, 1) summed in float: |err| ≤ k·2^-24·Σ|a||b| ≤ k²·6e-8; for k ≤ 70, 3e-4 abs.
    private static final double ATOL = 3e-4;

    @Test
    void handComputed2D() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {7, 8, 9, 10, 11, 12}, 3, 2);
        Tensor c = a.matmul(b);
        assertEquals(Shape.of(2, 2), c.shape());
        assertArrayEquals(new float[] {58, 64, 139, 154}, c.toFloatArray());
    }

    @Test
    void oneDimensionalOperandsFollowNumPy() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor v3 = Tensor.of(new float[] {1, 0, -1}, 3);
        Tensor v2 = Tensor.of(new float[] {1, 2}, 2);
        Tensor mv = a.matmul(v3);
        assertEquals(Shape.of(2), mv.shape());
        assertArrayEquals(new float[] {-2, -2}, mv.toFloatArray());
        Tensor vm = v2.matmul(a);
        assertEquals(Shape.of(3), vm.shape());
        assertArrayEquals(new float[] {9, 12, 15}, vm.toFloatArray());
        Tensor dot = v3.matmul(v3);
        assertEquals(Shape.of(), dot.shape());
        assertEquals(2f, dot.item());
        // 1-D with a batched operand: (2) @ (4, 2, 3) → (4, 3); (4, 2, 3) @ (3) → (4, 2)
        Tensor batch = Tensor.arange(24).reshape(4, 2, 3);
        assertEquals(Shape.of(4, 3), v2.matmul(batch).shape());
        assertArrayEquals(new float[] {6, 9, 12}, v2.matmul(batch).select(0, 0).toFloatArray());
        assertEquals(Shape.of(4, 2), batch.matmul(v3).shape());
        assertArrayEquals(new float[] {-2, -2}, batch.matmul(v3).select(0, 3).toFloatArray());
    }

    @Test
    void sizesAroundTheKernelTiles() {
        int[][] mkn = {{1, 1, 1}, {1, 7, 1}, {3, 5, 2}, {17, 33, 15}, {16, 16, 16}, {31, 64, 33}, {65, 70, 9}};
        for (int[] s : mkn) {
            float[] a = Approx.uniform(s[0] * 100 + s[1], s[0] * s[1], -1, 1);
            float[] b = Approx.uniform(s[2] * 7 + s[1], s[1] * s[2], -1, 1);
            Tensor c = Tensor.of(a, s[0], s[1]).matmul(Tensor.of(b, s[1], s[2]));
            assertClose("matmul " + java.util.Arrays.toString(s), ref(a, b, 1, s[0], s[1], s[2], false, false),
                    c.toFloatArray(), 0, ATOL);
        }
    }

    @Test
    void transposedViewsAreReadInPlaceAndMatchCopies() {
        int m = 13, k = 21, n = 17;
        Tensor at = Tensor.of(Approx.uniform(1, k * m, -1, 1), k, m).t(); // (m, k) view, strides (1, m)
        Tensor bt = Tensor.of(Approx.uniform(2, n * k, -1, 1), n, k).t(); // (k, n) view
        Tensor a = at.contiguous();
        Tensor b = bt.contiguous();
        float[] expect = a.matmul(b).toFloatArray();
        double[] r = ref(a.toFloatArray(), b.toFloatArray(), 1, m, k, n, false, false);
        assertClose("contiguous", r, expect, 0, ATOL);
        assertClose("aT b", r, at.matmul(b).toFloatArray(), 0, ATOL);
        assertClose("a bT", r, a.matmul(bt).toFloatArray(), 0, ATOL);
        assertClose("aT bT", r, at.matmul(bt).toFloatArray(), 0, ATOL);
        // A layout that is neither row-major nor transposed (every other column) is copied and still right.
        Tensor wide = Tensor.of(Approx.uniform(3, m * 2 * k, -1, 1), m, 2 * k);
        Tensor strided = wide.reshape(m, k, 2).select(2, 0);
        assertClose("strided", ref(strided.toFloatArray(), b.toFloatArray(), 1, m, k, n, false, false),
                strided.matmul(b).toFloatArray(), 0, ATOL);
        // Narrowed sub-matrices (offset and a leading dimension larger than the width).
        Tensor big = Tensor.of(Approx.uniform(4, 30 * 40, -1, 1), 30, 40);
        Tensor sub = big.narrow(0, 3, m).narrow(1, 5, k);
        assertClose("sub-matrix", ref(sub.toFloatArray(), b.toFloatArray(), 1, m, k, n, false, false),
                sub.matmul(b).toFloatArray(), 0, ATOL);
    }

    @Test
    void batchedWithBroadcastBatchDims() {
        int m = 5, k = 7, n = 3;
        float[] a = Approx.uniform(5, 4 * m * k, -1, 1);
        float[] b = Approx.uniform(6, k * n, -1, 1);
        // (4, m, k) @ (k, n): b broadcast over the batch
        Tensor c = Tensor.of(a, 4, m, k).matmul(Tensor.of(b, k, n));
        assertEquals(Shape.of(4, m, n), c.shape());
        assertClose("batch @ matrix", ref(a, b, 4, m, k, n, false, true), c.toFloatArray(), 0, ATOL);
        // (2, 1, m, k) @ (3, k, n) → (2, 3, m, n)
        float[] a2 = Approx.uniform(7, 2 * m * k, -1, 1);
        float[] b2 = Approx.uniform(8, 3 * k * n, -1, 1);
        Tensor c2 = Tensor.of(a2, 2, 1, m, k).matmul(Tensor.of(b2, 3, k, n));
        assertEquals(Shape.of(2, 3, m, n), c2.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                float[] ai = java.util.Arrays.copyOfRange(a2, i * m * k, (i + 1) * m * k);
                float[] bj = java.util.Arrays.copyOfRange(b2, j * k * n, (j + 1) * k * n);
                assertClose("batch " + i + "," + j, ref(ai, bj, 1, m, k, n, false, false),
                        c2.select(0, i).select(0, j).toFloatArray(), 0, ATOL);
            }
        }
        // A batched transposed view: (4, k, m) permuted to (4, m, k)
        Tensor at = Tensor.of(a, 4, k, m).permute(0, 2, 1);
        assertClose("batched transposed", ref(at.contiguous().toFloatArray(), b, 4, m, k, n, false, true),
                at.matmul(Tensor.of(b, k, n)).toFloatArray(), 0, ATOL);
        // A batch dimension that is itself permuted: (m, 4, k) viewed as (4, m, k)
        Tensor ap = Tensor.of(a, m, 4, k).permute(1, 0, 2);
        assertClose("permuted batch", ref(ap.contiguous().toFloatArray(), b, 4, m, k, n, false, true),
                ap.matmul(Tensor.of(b, k, n)).toFloatArray(), 0, ATOL);
    }

    @Test
    void outWithAlphaBeta() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {7, 8, 9, 10, 11, 12}, 3, 2);
        Tensor out = Tensor.of(new float[] {1, 1, 1, 1}, 2, 2);
        assertSame(out, Tensor.matmul(a, b, 2f, 3f, out));
        assertArrayEquals(new float[] {119, 131, 281, 311}, out.toFloatArray());
        // beta = 0 ignores out's old contents, even NaN (BLAS convention)
        Tensor nan = Tensor.full(Float.NaN, 2, 2);
        Tensor.matmul(a, b, 1f, 0f, nan);
        assertArrayEquals(new float[] {58, 64, 139, 154}, nan.toFloatArray());
        // a transposed out is written correctly, with beta reading its old values
        Tensor outT = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).t(); // values [[1,3],[2,4]]
        Tensor.matmul(a, b, 1f, 1f, outT);
        assertArrayEquals(new float[] {59, 67, 141, 158}, outT.toFloatArray());
        // a sub-matrix out inside a bigger buffer: neighbours untouched
        Tensor big = Tensor.zeros(4, 5);
        Tensor.matmul(a, b, 1f, 0f, big.narrow(0, 1, 2).narrow(1, 2, 2));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 58, 64, 0, 0, 0, 139, 154, 0, 0, 0, 0, 0, 0},
                big.toFloatArray());
        // batched out with a broadcast operand
        Tensor bo = Tensor.zeros(3, 2, 2);
        Tensor.matmul(a, b.unsqueeze(0).expand(3, 3, 2), 1f, 0f, bo);
        assertArrayEquals(new float[] {58, 64, 139, 154}, bo.select(0, 2).toFloatArray());
    }

    @Test
    void emptyDimensions() {
        Tensor c = Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 3));
        assertEquals(Shape.of(2, 3), c.shape());
        assertArrayEquals(new float[6], c.toFloatArray(), "a sum over k = 0 is zero");
        assertEquals(Shape.of(0, 3), Tensor.zeros(0, 4).matmul(Tensor.zeros(4, 3)).shape());
        Tensor out = Tensor.full(1.5f, 2, 3);
        Tensor.matmul(Tensor.zeros(2, 0), Tensor.zeros(0, 3), 1f, 2f, out);
        assertArrayEquals(new float[] {3, 3, 3, 3, 3, 3}, out.toFloatArray(), "k = 0: out = beta·out");
        Tensor.matmul(Tensor.zeros(2, 0), Tensor.zeros(0, 3), 1f, 0f, out.fill(Float.NaN));
        assertArrayEquals(new float[6], out.toFloatArray(), "k = 0, beta = 0: cleared");
    }

    @Test
    void errorsSayWhichDimensionsDisagree() {
        assertIae(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)), "matmul", "[2, 3]", "[4, 5]", "(3)", "(4)");
        assertIae(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)), "matmul", "[3]", "[4]");
        assertIae(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)), "matmul", "[2, 2, 3]", "[3, 3, 4]", "batch");
        assertIae(() -> Tensor.scalar(1).matmul(Tensor.zeros(2)), "matmul", "rank");
        assertIae(() -> Tensor.matmul(Tensor.zeros(2, 3), Tensor.zeros(3, 4), 1, 0, Tensor.zeros(2, 5)),
                "matmul", "out", "[2, 5]");
        assertIae(() -> Tensor.matmul(Tensor.zeros(2, 3), Tensor.zeros(3), 1, 0, Tensor.zeros(2)), "matmul", "rank");
        assertIae(() -> Tensor.matmul(Tensor.zeros(4, 2, 3), Tensor.zeros(3, 4), 1, 0, Tensor.zeros(2, 4)),
                "matmul", "batch", "[4, 2, 3]");
    }
}
