package kiln.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gemm against a double-precision triple loop, for the public entry point (the Vector API kernel when
 * enabled) and the scalar reference, plus thread-count determinism and argument errors.
 */
class GemmTest {
    private static final int[] SIZES = {1, 2, 3, 7, 17, 31, 33, 65, 100, 129};
    private static final float PAD = Float.NaN; // padding of A and B: a kernel reading it poisons C
    private static final float C_PAD = -12345f; // padding of C: must survive untouched

    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    @FunctionalInterface
    interface Sgemm {
        void call(boolean transA, boolean transB, int m, int n, int k, float alpha,
                float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);
    }

    private static final Sgemm PUBLIC = Gemm::sgemm;
    private static final Sgemm SCALAR = GemmScalar::sgemm;

    /** A stored rows × cols matrix at offset `off` with row stride `ld`; padding filled with `pad`. */
    private record Stored(float[] data, int off, int ld, int rows, int cols) {
        static Stored random(int rows, int cols, int off, int extraLd, float pad, SplittableRandom rnd) {
            int ld = cols + extraLd;
            float[] d = new float[off + rows * ld + 3];
            Arrays.fill(d, pad);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    d[off + i * ld + j] = (float) (rnd.nextDouble() * 2 - 1);
                }
            }
            return new Stored(d, off, ld, rows, cols);
        }

        float at(int i, int j) {
            return data[off + i * ld + j];
        }
    }

    @Test
    void matchesDoubleReferenceForOddSizesAllTransposes() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < SIZES.length; i++) {
            for (int j = 0; j < SIZES.length; j++) {
                int m = SIZES[i];
                int n = SIZES[j];
                int k = SIZES[(i + 3 * j + 1) % SIZES.length];
                for (int t = 0; t < 4; t++) {
                    check(PUBLIC, "public", t >= 2, (t & 1) == 1, m, n, k, 1f, 0f, 0, 0, rnd);
                    check(SCALAR, "scalar", t >= 2, (t & 1) == 1, m, n, k, 1f, 0f, 0, 0, rnd);
                }
            }
        }
    }

    @Test
    void alphaBetaOffsetsAndPaddedLeadingDimensions() {
        SplittableRandom rnd = new SplittableRandom(7);
        float[][] alphaBeta = {{1f, 0f}, {1f, 1f}, {1f, 0.5f}, {-0.5f, 0f}, {2f, 1f}, {0.25f, -1.5f}};
        int[][] shapes = {{5, 9, 4}, {33, 65, 17}, {100, 31, 129}, {7, 129, 300}, {129, 100, 65}};
        for (int[] s : shapes) {
            for (float[] ab : alphaBeta) {
                for (int t = 0; t < 4; t++) {
                    for (Sgemm g : new Sgemm[] {PUBLIC, SCALAR}) {
                        String name = g == PUBLIC ? "public" : "scalar";
                        check(g, name, t >= 2, (t & 1) == 1, s[0], s[1], s[2], ab[0], ab[1], 3, 5, rnd);
                    }
                }
            }
        }
    }

    @Test
    void largeAndMlpShapesMatchReference() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] shapes = {{300, 257, 513}, {32, 300, 784}, {784, 300, 32}, {32, 784, 300}, {256, 300, 784}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                check(PUBLIC, "public", t >= 2, (t & 1) == 1, s[0], s[1], s[2], 1f, 0.5f, 1, 2, rnd);
            }
        }
    }

    /**
     * Runs one sgemm and compares every element with a double-precision reference.
     *
     * <p>Tolerance: a float sum of k products (any order or blocking) is within gamma_k * sum|a_p b_p| of
     * the exact value, gamma_k ~= k * u, u = 2^-24 ~= 6e-8 (Higham, Accuracy and Stability, 3.1). Adding
     * the alpha/beta update costs two more roundings, so we allow 2 (k + 2) u (|alpha| sum|a b| + |beta c|):
     * a rigorous bound (factor 2 of slack), i.e. ~k * 1.2e-7 relative to the magnitudes involved.
     */
    private static void check(Sgemm g, String path, boolean transA, boolean transB, int m, int n, int k,
            float alpha, float beta, int off, int extraLd, SplittableRandom rnd) {
        Stored a = transA ? Stored.random(k, m, off, extraLd, PAD, rnd) : Stored.random(m, k, off, extraLd, PAD, rnd);
        Stored b = transB ? Stored.random(n, k, off + 1, extraLd, PAD, rnd) : Stored.random(k, n, off + 1, extraLd, PAD, rnd);
        Stored c = Stored.random(m, n, off + 2, extraLd, C_PAD, rnd);
        float[] c0 = c.data.clone();
        if (beta == 0f) { // BLAS: C is write-only when beta == 0, so NaNs in it must not leak through
            for (int i = 0; i < m; i++) {
                Arrays.fill(c.data, c.off + i * c.ld, c.off + i * c.ld + n, Float.NaN);
            }
        }
        g.call(transA, transB, m, n, k, alpha, a.data, a.off, a.ld, b.data, b.off, b.ld, beta, c.data, c.off, c.ld);
        double u = Math.ulp(1f) / 2;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a.at(p, i) : a.at(i, p);
                    double y = transB ? b.at(j, p) : b.at(p, j);
                    sum += x * y;
                    abs += Math.abs(x * y);
                }
                double old = beta == 0f ? 0 : c0[c.off + i * c.ld + j];
                double expected = alpha * sum + beta * old;
                double tol = 2 * (k + 2) * u * (Math.abs(alpha) * abs + Math.abs(beta * old)) + Float.MIN_NORMAL;
                float actual = c.data[c.off + i * c.ld + j];
                if (!(Math.abs(actual - expected) <= tol)) {
                    fail(String.format("%s sgemm(transA=%b, transB=%b, m=%d, n=%d, k=%d, alpha=%s, beta=%s, off=%d, "
                            + "ld+%d): C[%d][%d] expected %s ± %.3g, got %s", path, transA, transB, m, n, k, alpha, beta,
                            off, extraLd, i, j, expected, tol, actual));
                }
            }
        }
        // Everything outside the m × n window (offset prefix, row padding, suffix) is untouched.
        for (int idx = 0; idx < c.data.length; idx++) {
            int rel = idx - c.off;
            boolean inside = rel >= 0 && rel / c.ld < m && rel % c.ld < n;
            if (!inside && Float.compare(c.data[idx], c0[idx]) != 0) {
                fail(path + " sgemm wrote outside C at index " + idx + " (m=" + m + ", n=" + n + ", ldc=" + c.ld + ")");
            }
        }
    }

    @Test
    void bitwiseIdenticalForAnyThreadCount() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[][] shapes = {{300, 257, 513}, {257, 300, 513}, {32, 300, 784}, {784, 300, 32}, {32, 784, 300}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = t >= 2, tb = (t & 1) == 1;
                Stored a = ta ? Stored.random(k, m, 0, 0, 0f, rnd) : Stored.random(m, k, 0, 0, 0f, rnd);
                Stored b = tb ? Stored.random(n, k, 0, 0, 0f, rnd) : Stored.random(k, n, 0, 0, 0f, rnd);
                Stored c = Stored.random(m, n, 0, 0, 0f, rnd);
                float[] reference = null;
                for (int threads : new int[] {1, 2, 3, 1}) {
                    Parallel.setThreads(threads);
                    float[] out = c.data.clone();
                    Gemm.sgemm(ta, tb, m, n, k, 0.75f, a.data, 0, a.ld, b.data, 0, b.ld, 0.5f, out, 0, c.ld);
                    if (reference == null) {
                        reference = out;
                    } else {
                        assertArrayEquals(reference, out, "threads=" + threads + " differs from threads=1 for "
                                + Arrays.toString(s) + " transA=" + ta + " transB=" + tb);
                    }
                }
            }
        }
    }

    @Test
    void degenerateSizes() {
        float[] c = {1f, 2f, 3f, 4f};
        Gemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0.5f, c, 0, 2);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, c, "k = 0: C = beta * C");
        float[] nan = {Float.NaN, Float.NaN};
        Gemm.sgemm(false, false, 1, 2, 3, 0f, new float[3], 0, 3, new float[6], 0, 2, 0f, nan, 0, 2);
        assertArrayEquals(new float[] {0f, 0f}, nan, "alpha = 0, beta = 0: C = 0 even over NaN");
        Gemm.sgemm(true, true, 0, 0, 5, 1f, new float[0], 0, 1, new float[0], 0, 5, 0f, new float[0], 0, 1);
    }

    @Test
    void javadocExample() {
        float[] c = new float[4];
        Gemm.sgemm(false, false, 2, 2, 2, 1f, new float[] {1, 2, 3, 4}, 0, 2, new float[] {5, 6, 7, 8}, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
    }

    @Test
    void argumentErrorsNameTheArgument() {
        float[] x = new float[100];
        expectError("m", "-1", () -> Gemm.sgemm(false, false, -1, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2));
        expectError("k", "-3", () -> Gemm.sgemm(false, false, 2, 2, -3, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2));
        expectError("lda", "lda=3", () -> Gemm.sgemm(false, false, 2, 2, 4, 1f, x, 0, 3, x, 0, 2, 0f, x, 0, 2));
        expectError("lda", "lda=4", () -> Gemm.sgemm(true, false, 5, 2, 4, 1f, x, 0, 4, x, 0, 2, 0f, x, 0, 2));
        expectError("ldb", "ldb=1", () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, x, 0, 2, x, 0, 1, 0f, x, 0, 2));
        expectError("ldb", "ldb=2", () -> Gemm.sgemm(false, true, 2, 2, 3, 1f, x, 0, 3, x, 0, 2, 0f, x, 0, 2));
        expectError("ldc", "ldc=1", () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 1));
        expectError("array a", "got 5", () -> Gemm.sgemm(false, false, 2, 2, 3, 1f, new float[5], 0, 3, x, 0, 2, 0f, x, 0, 2));
        expectError("array b", "expected length >= 101", () -> // end = bOff + (k - 1) * ldb + n = 95 + 4 + 2
                Gemm.sgemm(false, false, 2, 2, 3, 1f, x, 0, 3, x, 95, 2, 0f, x, 0, 2));
        expectError("array c", "got 3", () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, new float[3], 0, 2));
        expectError("cOff", "cOff=-1", () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, -1, 2));
        expectError("array b is null", "", () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, x, 0, 2, null, 0, 2, 0f, x, 0, 2));
    }

    private static void expectError(String names, String received, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(names) && e.getMessage().contains(received),
                "message should name '" + names + "' and '" + received + "': " + e.getMessage());
    }

    @Test
    void pathInUseIsReported() {
        assertEquals(Simd.enabled(), Simd.describe().startsWith("Vector API"));
    }
}
