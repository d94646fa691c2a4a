package kiln.kernels.cpu;

/**
 * The scalar GEMM: the fallback without the Vector API and the reference the vector kernel is tested
 * against. Same contract as {@link Gemm#sgemm}; rows of C are split over {@link Parallel} for large
 * problems (each row is computed by one thread, so the result does not depend on the thread count).
 */
final class GemmScalar {
    /** Below this many multiply-adds a call stays on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 18;

    /** Per-thread accumulator row, grown on demand (never shrunk) so calls do not allocate. */
    private static final ThreadLocal<float[][]> ROW = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private GemmScalar() {}

    /** Validates the arguments, then C = alpha * op(A) * op(B) + beta * C with scalar loops. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        Gemm.validate(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            Gemm.scale(m, n, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        if (work < PARALLEL_WORK) {
            rows(transA, transB, 0, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int minRows = (int) Math.max(1, PARALLEL_WORK / ((long) n * k));
        Parallel.forRange(m, minRows, (from, to) ->
                rows(transA, transB, from, to, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
    }

    /** Rows [i0, i1) of C. Each element is acc = sum_p A(i,p) B(p,j) in float, p ascending; then merged. */
    private static void rows(boolean transA, boolean transB, int i0, int i1, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        float[] acc = accumulatorRow(n);
        int as = transA ? lda : 1; // step of A(i, p) along p
        for (int i = i0; i < i1; i++) {
            int ai = aOff + (transA ? i : i * lda);
            if (transB) { // B(p, j) = b[j * ldb + p]: a dot product per element, both operands along p
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p * as] * b[bj + p];
                    }
                    acc[j] = s;
                }
            } else { // B(p, j) = b[p * ldb + j]: axpy over rows of B keeps the inner loop contiguous
                java.util.Arrays.fill(acc, 0, n, 0f);
                for (int p = 0; p < k; p++) {
                    float aip = a[ai + p * as];
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        acc[j] += aip * b[bp + j];
                    }
                }
            }
            merge(acc, n, alpha, beta, c, cOff + i * ldc);
        }
    }

    /** c[j] = beta * c[j] + alpha * acc[j]; beta == 0 does not read c. Same formula as the vector store. */
    static void merge(float[] acc, int n, float alpha, float beta, float[] c, int ci) {
        for (int j = 0; j < n; j++) {
            c[ci + j] = update(acc[j], alpha, beta, c[ci + j]);
        }
    }

    /**
     * The one update formula for C: {@code beta * old + alpha * acc}, skipping multiplications by 1
     * (exact, so identical bits) and not reading {@code old} when beta == 0.
     */
    static float update(float acc, float alpha, float beta, float old) {
        float v = alpha == 1f ? acc : alpha * acc;
        if (beta == 0f) {
            return v;
        }
        return (beta == 1f ? old : beta * old) + v;
    }

    private static float[] accumulatorRow(int n) {
        float[][] holder = ROW.get();
        if (holder[0].length < n) {
            holder[0] = new float[n];
        }
        return holder[0];
    }
}
