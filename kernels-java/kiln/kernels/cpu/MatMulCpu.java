package kiln.kernels.cpu;

import kiln.tensor.Tensor;

/**
 * Maps a batched, possibly transposed matmul over tensors onto {@link Gemm#sgemm} calls: each
 * operand's last two axes are read in place when they are row-major (strides (ld, 1)) or transposed
 * (strides (1, ld)); any other layout is copied to a contiguous scratch first.
 */
final class MatMulCpu {
    private MatMulCpu() {}

    /** How one matrix operand is laid out: trans = stored transposed; ld = leading dimension. */
    private record Layout(boolean trans, int ld) {
        /** The layout of a rows×cols matrix with these strides, or null when neither form fits. */
        static Layout of(int rows, int cols, int rowStride, int colStride) {
            if ((colStride == 1 || cols == 1) && (rows == 1 || rowStride >= Math.max(1, cols))) {
                return new Layout(false, rows == 1 ? Math.max(1, cols) : rowStride);
            }
            if ((rowStride == 1 || rows == 1) && (cols == 1 || colStride >= Math.max(1, rows))) {
                return new Layout(true, cols == 1 ? Math.max(1, rows) : colStride);
            }
            return null;
        }
    }

    // a: (..., m, k), b: (..., k, n), out: (..., m, n), batch dims equal (stride 0 where broadcast)
    static void matmul(Tensor a, Tensor b, float alpha, float beta, Tensor out) {
        int r = out.rank();
        int m = out.dim(r - 2);
        int n = out.dim(r - 1);
        int k = a.dim(r - 1);
        if (k == 0) { // an empty sum: out = beta · out, and beta = 0 clears it (even NaN), as BLAS
            if (beta == 0f) {
                out.fill(0f);
            } else {
                out.muli(beta);
            }
            return;
        }
        Layout la = Layout.of(m, k, a.stride(r - 2), a.stride(r - 1));
        Layout lb = Layout.of(k, n, b.stride(r - 2), b.stride(r - 1));
        Layout lc = Layout.of(m, n, out.stride(r - 2), out.stride(r - 1));
        if (la == null) {
            a = a.contiguous();
            la = Layout.of(m, k, a.stride(r - 2), a.stride(r - 1));
        }
        if (lb == null) {
            b = b.contiguous();
            lb = Layout.of(k, n, b.stride(r - 2), b.stride(r - 1));
        }
        if (lc == null || lc.trans) {
            Tensor tmp = out.copy(); // row-major scratch holding out's values (beta may read them)
            matmul(a, b, alpha, beta, tmp);
            out.backend().copy(tmp, out);
            return;
        }
        float[] as = CpuBackend.floats(a);
        float[] bs = CpuBackend.floats(b);
        float[] cs = CpuBackend.floats(out);
        // One GEMM per batch element; batch offsets come from a plan over the batch axes only.
        Loop batch = Loop.of(out.narrow(r - 2, 0, 1).narrow(r - 1, 0, 1),
                a.narrow(r - 2, 0, 1).narrow(r - 1, 0, 1),
                b.narrow(r - 2, 0, 1).narrow(r - 1, 0, 1));
        int[] off = new int[3];
        int rows = batch.rows();
        int inner = batch.inner();
        for (int row = 0; row < rows; row++) {
            batch.rowOffsets(row, off);
            for (int i = 0; i < inner; i++) {
                Gemm.sgemm(la.trans, lb.trans, m, n, k, alpha,
                        as, off[1] + i * batch.innerStride(1), la.ld,
                        bs, off[2] + i * batch.innerStride(2), lb.ld,
                        beta, cs, off[0] + i * batch.innerStride(0), lc.ld);
            }
        }
    }
}
