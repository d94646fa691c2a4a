package kiln.kernels.cpu;

import java.util.Arrays;

/**
 * Packing for the blocked GEMM: copies a block of op(A) or op(B) into the one layout the micro-kernel
 * reads, whatever the transpose flags, zero-padding partial panels so edge tiles need no special
 * arithmetic. Plain Java (no Vector API): copies are contiguous runs the JIT vectorizes itself.
 *
 * <p>Packed A: micro-panels of {@code mr} rows; panel q holds, for each p in [0, kc), the mr values
 * A(i0 + q*mr + r, p0 + p) at {@code q*mr*kc + p*mr + r}. Packed B: micro-panels of {@code nr}
 * columns; panel q holds B(p0 + p, j0 + q*nr + c) at {@code q*nr*kc + p*nr + c}.
 */
final class GemmPack {
    private GemmPack() {}

    // a: op(A) is (m, k); stored (m, k) with row stride lda, or (k, m) when transA. Block: rows [i0, i0+mc), cols [p0, p0+kc)
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst, int mr) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = ir * kc;
            if (transA) { // A(i, p) = a[p*lda + i]: each p gives `rows` contiguous values
                int src = aOff + p0 * lda + i0 + ir;
                for (int p = 0; p < kc; p++) {
                    int s = src + p * lda;
                    int d = base + p * mr;
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = a[s + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        dst[d + r] = 0f;
                    }
                }
            } else { // A(i, p) = a[i*lda + p]: read each row contiguously, write with stride mr
                for (int r = 0; r < rows; r++) {
                    int s = aOff + (i0 + ir + r) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * mr + r] = a[s + p];
                    }
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * mr + r] = 0f;
                    }
                }
            }
        }
    }

    // b: op(B) is (k, n); stored (k, n) with row stride ldb, or (n, k) when transB. Block: rows [p0, p0+kc), cols [j0, j0+nc)
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, float[] dst, int nr) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = jr * kc;
            if (!transB) { // B(p, j) = b[p*ldb + j]: each p gives `cols` contiguous values
                int src = bOff + p0 * ldb + j0 + jr;
                for (int p = 0; p < kc; p++) {
                    int d = base + p * nr;
                    System.arraycopy(b, src + p * ldb, dst, d, cols);
                    if (cols < nr) {
                        Arrays.fill(dst, d + cols, d + nr, 0f);
                    }
                }
            } else {
                packBTransposedPanel(b, bOff, ldb, p0, kc, j0 + jr, cols, dst, base, nr);
            }
        }
    }

    /**
     * One B micro-panel when B is stored transposed, B(p, j) = b[j*ldb + p]: a transpose. Reads each
     * stored row contiguously and writes with stride nr; columns [cols, nr) are zero.
     */
    static void packBTransposedPanel(float[] b, int bOff, int ldb, int p0, int kc, int j, int cols, float[] dst, int base, int nr) {
        for (int c = 0; c < cols; c++) {
            int s = bOff + (j + c) * ldb + p0;
            for (int p = 0; p < kc; p++) {
                dst[base + p * nr + c] = b[s + p];
            }
        }
        for (int c = cols; c < nr; c++) {
            for (int p = 0; p < kc; p++) {
                dst[base + p * nr + c] = 0f;
            }
        }
    }
}
