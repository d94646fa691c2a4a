package kiln.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API packing of a transposed B (stored n × k), the case {@link GemmPack} can only do element by
 * element: each packed row of a micro-panel is NR values strided by ldb in memory, read with two
 * gathers. Matters when m is small (e.g. the input gradient g · W^T of an MLP at batch 32), where each
 * packed element feeds only 2m flops. Loaded only when {@link Simd#enabled()}.
 */
final class GemmPackVector {
    private static final VectorSpecies<Float> F = GemmMicroKernel.F;
    private static final int L = GemmMicroKernel.L;
    private static final int NR = GemmMicroKernel.NR;

    private GemmPackVector() {}

    /** idx[c] = c * ldb for c in [0, L): the gather offsets of L consecutive stored rows. */
    static void gatherIndex(int ldb, int[] idx) {
        for (int c = 0; c < L; c++) {
            idx[c] = c * ldb;
        }
    }

    // b: stored (n, k), row stride ldb; packs rows [p0, p0+kc) × cols [j0, j0+nc) of op(B) = B^T into NR-panels
    static void packBTransposed(float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, float[] dst, int[] idx) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (cols < NR) {
                GemmPack.packBTransposedPanel(b, bOff, ldb, p0, kc, j0 + jr, cols, dst, base, NR);
                continue;
            }
            int s0 = bOff + (j0 + jr) * ldb + p0; // B(p0, j0+jr)
            int s1 = s0 + L * ldb;                // B(p0, j0+jr+L)
            for (int p = 0; p < kc; p++) {
                int d = base + p * NR;
                FloatVector.fromArray(F, b, s0 + p, idx, 0).intoArray(dst, d);
                FloatVector.fromArray(F, b, s1 + p, idx, 0).intoArray(dst, d + L);
            }
        }
    }
}
