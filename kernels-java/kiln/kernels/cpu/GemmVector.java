package kiln.kernels.cpu;

/**
 * The blocked Vector API GEMM (Goto/BLIS structure): for each NC-wide column block of C and each
 * KC-deep slice of k, pack op(B) (KC × NC, stays in L3/L2), then for each MC-tall row block pack op(A)
 * (MC × KC, stays in L2) and sweep {@link GemmMicroKernel} tiles over it, each B micro-panel (KC × NR)
 * staying in L1 while the A micro-panels stream past.
 *
 * <p>Threads split C into disjoint column (or row) ranges along panel boundaries; every element is
 * summed by one thread, KC slice after KC slice in ascending k, with KC fixed, so the bits never depend
 * on the thread count. Loaded only when {@link Simd#enabled()}.
 */
final class GemmVector {
    static final int MR = GemmMicroKernel.MR;
    static final int NR = GemmMicroKernel.NR;
    /** k slice: a B micro-panel of KC × NR floats (32 KiB at 16 lanes) must fit L1 with room for A. */
    static final int KC = 256;
    /**
     * Rows of A packed at once: MC × KC floats (120 KiB) stay in L2. A multiple of MR. KC in 128..384
     * and MC in 60..240 measured within noise (±5%) of each other on the tuning machine.
     */
    static final int MC = 24 * MR;
    /** Columns of B packed at once: KC × NC floats (1 MiB at 16 lanes) live in L2/L3. A multiple of NR. */
    static final int NC = 32 * NR;
    /** Up to this many rows of C, a row-major B is read in place instead of packed (see block). */
    static final int DIRECT_B_MAX_M = 24 * MR; // one MC block; measured +15% at 32×300×784
    /** Below this many multiply-adds the call runs on the calling thread: the hand-off would cost more. */
    static final long SERIAL_WORK = 64L * 64 * 64;

    /** Per-thread pack buffers and the caller's reusable task, so a call allocates nothing. */
    private static final class Scratch {
        final float[] a = new float[MC * KC];
        final float[] b = new float[KC * NC];
        final float[] tile = new float[MR * NR];
        final int[] gather = new int[GemmMicroKernel.L]; // gather offsets for a transposed B
        final Task task = new Task();
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private GemmVector() {}

    /** Same contract as {@link Gemm#sgemm}; arguments already validated, m, n, k > 0 and alpha != 0. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        Scratch s = SCRATCH.get();
        long work = (long) m * n * k;
        if (work < SERIAL_WORK || Parallel.threads() == 1) {
            block(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, s);
            return;
        }
        // Split the larger of m and n: each thread packs all of the other operand, so duplicate the smaller.
        boolean byRows = m > n;
        int units = byRows ? ceilDiv(m, MR) : ceilDiv(n, NR);
        long unitWork = work / units;
        int minUnits = (int) Math.max(1, ceilDiv(SERIAL_WORK, unitWork));
        Task t = s.task;
        t.set(byRows, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        try {
            Parallel.forRange(units, minUnits, t);
        } finally {
            t.clear();
        }
    }

    /** One GEMM call's arguments, run over a range of row or column panels of C. */
    private static final class Task implements Parallel.RangeBody {
        boolean byRows, transA, transB;
        int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        float alpha, beta;
        float[] a, b, c;

        void set(boolean byRows, boolean transA, boolean transB, int m, int n, int k, float alpha,
                float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            this.byRows = byRows;
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.beta = beta;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
        }

        void clear() {
            a = b = c = null; // do not keep the caller's arrays alive
        }

        @Override
        public void run(int from, int to) {
            Scratch s = SCRATCH.get();
            if (byRows) { // rows [i0, i1) of C: A's rows move, B is whole
                int i0 = from * MR;
                int i1 = Math.min(m, to * MR);
                int ao = aOff + (transA ? i0 : i0 * lda);
                block(transA, transB, i1 - i0, n, k, alpha, a, ao, lda, b, bOff, ldb, beta, c, cOff + i0 * ldc, ldc, s);
            } else { // columns [j0, j1) of C: B's columns move, A is whole
                int j0 = from * NR;
                int j1 = Math.min(n, to * NR);
                int bo = bOff + (transB ? j0 * ldb : j0);
                block(transA, transB, m, j1 - j0, k, alpha, a, aOff, lda, b, bo, ldb, beta, c, cOff + j0, ldc, s);
            }
        }
    }

    /** The serial blocked GEMM on the calling thread, with its pack buffers. */
    static void block(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
            Scratch s) {
        if (transB) {
            GemmPackVector.gatherIndex(ldb, s.gather);
        }
        // With few rows each B micro-panel feeds few tiles, so copying B costs more than it saves:
        // read full panels of a row-major B in place (row stride ldb), pack only the ragged last one.
        boolean direct = !transB && m <= DIRECT_B_MAX_M;
        // Equal k slices of at most KC (784 = 4 × 196, not 3 × 256 + 16: a thin last slice pays the
        // tiles' fixed cost for little work). They depend on k alone, so the bits still do not depend on threads.
        int kSlice = ceilDiv(k, ceilDiv(k, KC));
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int fullCols = direct ? nc / NR * NR : 0; // columns read in place
            for (int pc = 0; pc < k; pc += kSlice) {
                int kc = Math.min(kSlice, k - pc);
                float betaK = pc == 0 ? beta : 1f; // later k slices accumulate onto the first
                if (transB) {
                    GemmPackVector.packBTransposed(b, bOff, ldb, pc, kc, jc, nc, s.b, s.gather);
                } else {
                    GemmPack.packB(false, b, bOff, ldb, pc, kc, jc + fullCols, nc - fullCols, s.b, NR);
                }
                int bDirect = bOff + pc * ldb + jc; // B(pc, jc) in place
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    GemmPack.packA(transA, a, aOff, lda, ic, mc, pc, kc, s.a, MR);
                    int ci = cOff + ic * ldc + jc;
                    if (fullCols > 0) {
                        macroTile(mc, fullCols, kc, alpha, betaK, s, b, bDirect, NR, ldb, c, ci, ldc);
                    }
                    if (fullCols < nc) {
                        macroTile(mc, nc - fullCols, kc, alpha, betaK, s, s.b, 0, NR * kc, NR, c, ci + fullCols, ldc);
                    }
                }
            }
        }
    }

    /**
     * The (mc, nc) block of C at ci (row stride ldc) += tiles of packed A (s.a) times B micro-panels:
     * panel q of B starts at bp[bi + q * bPanel] with row stride bRow.
     */
    private static void macroTile(int mc, int nc, int kc, float alpha, float beta, Scratch s,
            float[] bp, int bi, int bPanel, int bRow, float[] c, int ci, int ldc) {
        for (int jr = 0, q = 0; jr < nc; jr += NR, q++) {
            int cols = Math.min(NR, nc - jr);
            int bq = bi + q * bPanel;
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int cij = ci + ir * ldc + jr;
                if (rows == MR && cols == NR) {
                    GemmMicroKernel.tile(kc, s.a, ir * kc, bp, bq, bRow, c, cij, ldc, alpha, beta);
                } else { // edge: full tile into scratch (acc exactly), then the same update formula per element
                    GemmMicroKernel.tile(kc, s.a, ir * kc, bp, bq, bRow, s.tile, 0, NR, 1f, 0f);
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < cols; j++) {
                            int idx = cij + r * ldc + j;
                            c[idx] = GemmScalar.update(s.tile[r * NR + j], alpha, beta, c[idx]);
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }
}
