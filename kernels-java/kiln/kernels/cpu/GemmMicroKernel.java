package kiln.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM register tile: a {@value #MR} × (2 vectors) block of C held in 10 vector accumulators,
 * updated by one rank-1 FMA step per k from packed panels (see {@link GemmPack}).
 *
 * <p>Why 5 × 2: 10 accumulators + 2 B vectors + 1 broadcast = 13 registers fits AVX2's 16, and 10
 * independent FMA chains hide the 4-cycle FMA latency on two FMA pipes. The shape is fixed in vectors,
 * so it works at 8 lanes (tile 5×16) and 16 lanes (tile 5×32). Tuned on a 2-core AMD EPYC (Zen, 512-bit
 * FMA, JDK 25 preferring 16 float lanes), single thread, 1024³ and MLP shapes: 5×2 ≈ 4×3 ≥ 6×2 (-3%) >
 * 3×4, 8×2, 7×2 (-10..15%) > 6×4, 8×3, 12×2, 5×3 (-35%): with more than ~12 accumulators C2's code
 * for the loop gets slower (spills), although AVX-512 has 32 registers. Loaded only when
 * {@link Simd#enabled()}.
 */
final class GemmMicroKernel {
    static final VectorSpecies<Float> F = VectorWidth.F;
    static final int L = F.length();
    /** Rows of the register tile. */
    static final int MR = 5;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;

    private GemmMicroKernel() {}

    /**
     * C tile = beta * C tile + alpha * (A panel · B panel), the full MR × NR tile.
     *
     * <p>ap: packed A micro-panel, (kc, MR) at ai; bp: B micro-panel, (kc, NR) at bi with row stride
     * bStride (NR when packed, ldb when read in place); c: (MR, NR) at ci with row stride ldc.
     * beta == 0 does not read C.
     */
    static void tile(int kc, float[] ap, int ai, float[] bp, int bi, int bStride, float[] c, int ci, int ldc, float alpha, float beta) {
        // accumulators: c{row}{vector}, the (MR, NR) tile of op(A)·op(B) for this k slice
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++, ai += MR, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(F, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(F, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(F, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(F, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(F, ap[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
        }
        update(c00, c, ci + 0 * ldc + 0 * L, alpha, beta);
        update(c01, c, ci + 0 * ldc + 1 * L, alpha, beta);
        update(c10, c, ci + 1 * ldc + 0 * L, alpha, beta);
        update(c11, c, ci + 1 * ldc + 1 * L, alpha, beta);
        update(c20, c, ci + 2 * ldc + 0 * L, alpha, beta);
        update(c21, c, ci + 2 * ldc + 1 * L, alpha, beta);
        update(c30, c, ci + 3 * ldc + 0 * L, alpha, beta);
        update(c31, c, ci + 3 * ldc + 1 * L, alpha, beta);
        update(c40, c, ci + 4 * ldc + 0 * L, alpha, beta);
        update(c41, c, ci + 4 * ldc + 1 * L, alpha, beta);
    }

    /** c[i..i+L) = beta * c + alpha * acc: the vector twin of {@link GemmScalar#update}, same rounding. */
    private static void update(FloatVector acc, float[] c, int i, float alpha, float beta) {
        FloatVector v = alpha == 1f ? acc : acc.mul(alpha);
        if (beta != 0f) {
            FloatVector old = FloatVector.fromArray(F, c, i);
            v = (beta == 1f ? old : old.mul(beta)).add(v);
        }
        v.intoArray(c, i);
    }
}
