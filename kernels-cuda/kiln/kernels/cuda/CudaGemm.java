package kiln.kernels.cuda;

import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasSetStream_v2;
import static org.bytedeco.cuda.global.cublas.cublasSgemmStridedBatched;

import java.util.Locale;
import kiln.tensor.Tensor;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Batched matmul on the GPU, by one of two engines chosen once with {@code -Dkiln.cuda.gemm}:
 * <ul>
 *   <li>{@code kiln} (default): {@code gemm.cu}'s tiled kernel, reading any strides in place;</li>
 *   <li>{@code cublas}: {@code cublasSgemmStridedBatched} in FP32 math — the baseline the benchmarks compare
 *       against. Operands cuBLAS cannot take (a last-two-axes layout that is neither row- nor column-major,
 *       a non-row-major output, more than one non-mergeable batch axis) go to the Kiln kernel.</li>
 * </ul>
 */
final class CudaGemm {
    enum Engine { KILN, CUBLAS }

    private final CudaBackend be;
    private final Engine engine;
    private cublasContext handle;
    private final FloatPointer alphaP = new FloatPointer(1);
    private final FloatPointer betaP = new FloatPointer(1);

    CudaGemm(CudaBackend be, Engine engine) {
        this.be = be;
        this.engine = engine;
    }

    /** The engine named by -Dkiln.cuda.gemm (kiln when unset). */
    static Engine configured() {
        String p = System.getProperty("kiln.cuda.gemm", "kiln").trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "kiln" -> Engine.KILN;
            case "cublas" -> Engine.CUBLAS;
            default -> throw new IllegalArgumentException("-Dkiln.cuda.gemm must be 'kiln' or 'cublas', got '" + p + "'");
        };
    }

    // a: (..., m, k), b: (..., k, n), out: (..., m, n), batch dims equal (stride 0 where broadcast)
    void matmul(Tensor a, Tensor b, float alpha, float beta, Tensor out) {
        int r = out.rank();
        int m = out.dim(r - 2);
        int n = out.dim(r - 1);
        int k = a.dim(r - 1);
        if (out.size() == 0) {
            return;
        }
        if (k == 0) { // an empty sum: out = beta · out, and beta = 0 clears it (even NaN), as BLAS
            if (beta == 0f) {
                be.fill(out, 0.0);
            } else {
                out.muli(beta);
            }
            return;
        }
        StridedPlan batch = StridedPlan.of(lastTwoCut(out, r), lastTwoCut(a, r), lastTwoCut(b, r));
        if (engine == Engine.CUBLAS && cublas(a, b, alpha, beta, out, batch, m, n, k, r)) {
            return;
        }
        int gx = (n + 63) / 64;
        int gy = (m + 63) / 64;
        if (gy > 65535) {
            throw new IllegalArgumentException("matmul on CUDA: m = " + m + " rows exceeds the kernel's grid (" + 65535 * 64 + ")");
        }
        be.cx.launch(CudaModule.GEMM, "gemm_tiled", gx, gy, Math.min(batch.size(), 65535), 256, new KernelArgs()
                .plan(batch).i32(m).i32(n).i32(k).f32(alpha).f32(beta)
                .ptr(be.base(a)).i32(a.stride(r - 2)).i32(a.stride(r - 1))
                .ptr(be.base(b)).i32(b.stride(r - 2)).i32(b.stride(r - 1))
                .ptr(be.base(out)).i32(out.stride(r - 2)).i32(out.stride(r - 1)));
    }

    private static Tensor lastTwoCut(Tensor t, int r) {
        return t.narrow(r - 2, 0, 1).narrow(r - 1, 0, 1);
    }

    /** How one matrix operand is stored: trans = column-major; ld = leading dimension (as MatMulCpu). */
    record Layout(boolean trans, int ld) {
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

    /**
     * Row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ, so cuBLAS gets (B, A) swapped with m and n swapped; a
     * row-major operand is, to cuBLAS, its own transpose (op N), a column-major one needs op T.
     * Returns false when the operands do not fit and the Kiln kernel should run instead.
     */
    private boolean cublas(Tensor a, Tensor b, float alpha, float beta, Tensor out, StridedPlan batch,
                           int m, int n, int k, int r) {
        Layout la = Layout.of(m, k, a.stride(r - 2), a.stride(r - 1));
        Layout lb = Layout.of(k, n, b.stride(r - 2), b.stride(r - 1));
        Layout lc = Layout.of(m, n, out.stride(r - 2), out.stride(r - 1));
        if (la == null || lb == null || lc == null || lc.trans() || batch.rank() > 1) {
            return false;
        }
        long sA = batch.rank() == 0 ? 0 : batch.strides()[1][0];
        long sB = batch.rank() == 0 ? 0 : batch.strides()[2][0];
        long sC = batch.rank() == 0 ? 0 : batch.strides()[0][0];
        synchronized (this) {
            if (handle == null) {
                handle = new cublasContext();
                be.cx.makeCurrent();
                check(cublasCreate_v2(handle), "cublasCreate");
                check(cublasSetStream_v2(handle, be.cx.stream), "cublasSetStream");
            }
            alphaP.put(0, alpha);
            betaP.put(0, beta);
            be.cx.makeCurrent();
            check(cublasSgemmStridedBatched(handle, lb.trans() ? CUBLAS_OP_T : CUBLAS_OP_N,
                    la.trans() ? CUBLAS_OP_T : CUBLAS_OP_N, n, m, k, alphaP,
                    new DevicePointer(be.base(b) + 4L * batch.base()[2]), lb.ld(), sB,
                    new DevicePointer(be.base(a) + 4L * batch.base()[1]), la.ld(), sA, betaP,
                    new DevicePointer(be.base(out) + 4L * batch.base()[0]), lc.ld(), sC, batch.size()),
                    "cublasSgemmStridedBatched");
        }
        return true;
    }

    private static void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException(what + " failed: cublasStatus " + status);
        }
    }

    /** A device address handed to cuBLAS as a float*; owns nothing. */
    static final class DevicePointer extends FloatPointer {
        DevicePointer(long address) {
            this.address = address;
        }
    }
}
