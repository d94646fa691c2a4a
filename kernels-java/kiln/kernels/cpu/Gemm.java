package kiln.kernels.cpu;

/**
 * Single-precision general matrix multiply on row-major {@code float[]} matrices, BLAS-style.
 *
 * <p>Runs the blocked Vector API kernel ({@link GemmVector}) when {@link Simd#enabled()}, else the
 * scalar reference ({@link GemmScalar}). Results are bitwise identical for any {@link
 * Parallel#threads()} count (each element of C is summed by one thread in a fixed k order); the two
 * paths agree to rounding only.
 *
 * <pre>{@code
 * float[] a = {1, 2, 3, 4};   // (2, 2)
 * float[] b = {5, 6, 7, 8};   // (2, 2)
 * float[] c = new float[4];
 * Gemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);   // c = {19, 22, 43, 50}
 * }</pre>
 */
public final class Gemm {
    private Gemm() {}

    /**
     * C = alpha * op(A) * op(B) + beta * C, all row-major. op(A) is m×k: A is m×k with row stride
     * {@code lda} when {@code !transA}, or k×m with row stride {@code lda} when {@code transA}. op(B) is
     * k×n: B is k×n ({@code ldb}) or, when {@code transB}, n×k. C is m×n with row stride {@code ldc}.
     * {@code beta == 0} means C is overwritten (NaNs in C are ignored), as in BLAS.
     *
     * @throws IllegalArgumentException if a size is negative, a leading dimension is smaller than its
     *     row length, an offset is negative or an array is too short for the matrix it holds
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        validate(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (Simd.enabled()) {
            GemmVector.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            GemmScalar.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** C = beta * C (beta == 0 writes zeros, ignoring NaNs), for the alpha == 0 or k == 0 cases. */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    /** O(1) checks of every argument; shared by the scalar and vector paths. */
    static void validate(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        // Stored shapes: A is (m, k) or, transposed, (k, m); B is (k, n) or (n, k); C is (m, n).
        matrix("a", a, aOff, "lda", lda, transA ? k : m, transA ? m : k, transA ? "k×m (transA)" : "m×k");
        matrix("b", b, bOff, "ldb", ldb, transB ? n : k, transB ? k : n, transB ? "n×k (transB)" : "k×n");
        matrix("c", c, cOff, "ldc", ldc, m, n, "m×n");
    }

    private static void nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException("sgemm: expected " + name + " >= 0, got " + name + "=" + v);
        }
    }

    private static void matrix(String name, float[] x, int off, String ldName, int ld, int rows, int cols, String shape) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("sgemm: expected " + ldName + " >= max(1, " + cols + ") for " + name
                    + " stored " + shape + " (" + rows + "×" + cols + "), got " + ldName + "=" + ld);
        }
        if (x == null) {
            throw new IllegalArgumentException("sgemm: array " + name + " is null");
        }
        if (off < 0) {
            throw new IllegalArgumentException("sgemm: expected " + name + "Off >= 0, got " + name + "Off=" + off);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > x.length) {
            throw new IllegalArgumentException("sgemm: array " + name + " too short for " + shape + " (" + rows + "×"
                    + cols + ") at offset " + off + " with " + ldName + "=" + ld + ": expected length >= " + end
                    + ", got " + x.length);
        }
    }
}
