package kiln.kernels.cuda;


import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import kiln.tensor.DType;
import kiln.tensor.MatmulPrecision;
import kiln.tensor.Tensor;

/**
 * Batched matmul on the GPU by one of two engines:
 * <ul>
 *   <li>Kiln's kernels: {@code gemm.cu}'s {@code gemm_tiled} (64×64 tiles) for products too small to give
 *       every SM a 128×128 tile, {@code gemm_128} above that, and {@code gemm_tc.cu}'s tensor-core kernels
 *       when {@link MatmulPrecision#float32()} is HIGH (TF32) or MEDIUM (BF16) on sm_80 or newer. They read
 *       any strides in place.</li>
 *   <li>cuBLAS: {@code cublasGemmStridedBatchedEx} with float32 operands and the compute type of the
 *       precision (32F, 32F_FAST_TF32, 32F_FAST_16BF) — also the benchmarks' baseline. Operands it cannot
 *       take (a last-two-axes layout that is neither row- nor column-major, a non-row-major output, more
 *       than one non-mergeable batch axis) go to Kiln's kernels.</li>
 * </ul>
 * {@code -Dkiln.cuda.gemm=auto} (the default) times both engines on each new problem shape — (m, n, k,
 * batch, transposes, precision) — at its first use, keeps the faster for that shape and logs the choice;
 * {@code kiln} or {@code cublas} fixes the engine.
 */
final class CudaGemm {
    private static final Logger LOG = Logger.getLogger("kiln");
    private static final int TIMED_RUNS = 3;

    enum Engine { KILN, CUBLAS }

    /** What auto-selection remembers a choice by. */
    record ShapeKey(int m, int n, int k, int batch, boolean aTransposed, boolean bTransposed, MatmulPrecision precision) {}

    /** One call's operands: a (..., m, k) · b (..., k, n) into out (..., m, n), batches walked by {@code batch}. */
    private record Problem(Tensor a, Tensor b, Tensor out, StridedPlan batch, int m, int n, int k) {
        static Problem of(Tensor a, Tensor b, Tensor out) {
            int r = out.rank();
            return new Problem(a, b, out, StridedPlan.of(lastTwoCut(out, r), lastTwoCut(a, r), lastTwoCut(b, r)),
                    out.dim(r - 2), out.dim(r - 1), a.dim(r - 1));
        }

        int stride(Tensor t, int fromEnd) {
            return t.stride(t.rank() - fromEnd);
        }
    }

    private final CudaBackend be;
    private final Engine fixed; // null: chosen per shape
    private final Map<ShapeKey, Engine> chosen = new ConcurrentHashMap<>();
    private volatile boolean warnedNoTensorCores;

    /** {@code fixed} null: the faster engine per problem shape, timed at first use. */
    CudaGemm(CudaBackend be, Engine fixed) {
        this.be = be;
        this.fixed = fixed;
    }

    /** The engine named by -Dkiln.cuda.gemm, or null for auto (the default). */
    static Engine configured() {
        String p = System.getProperty("kiln.cuda.gemm", "auto").trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "auto" -> null;
            case "kiln" -> Engine.KILN;
            case "cublas" -> Engine.CUBLAS;
            default -> throw new IllegalArgumentException("-Dkiln.cuda.gemm must be 'auto', 'kiln' or 'cublas', got '" + p + "'");
        };
    }

    /** The engines auto-selection has chosen so far, by shape. */
    Map<ShapeKey, Engine> choices() {
        return Map.copyOf(chosen);
    }

    // a: (..., m, k), b: (..., k, n), out: (..., m, n), batch dims equal (stride 0 where broadcast)
    void matmul(Tensor a, Tensor b, float alpha, float beta, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        if (a.dim(-1) == 0) { // an empty sum: out = beta · out, and beta = 0 clears it (even NaN), as BLAS
            if (beta == 0f) {
                be.fill(out, 0.0);
            } else {
                out.muli(beta);
            }
            return;
        }
        Problem p = Problem.of(a, b, out);
        MatmulPrecision precision = MatmulPrecision.float32();
        Engine engine = fixed != null ? fixed : choose(p, precision);
        if (engine == Engine.CUBLAS && cublas(p, alpha, beta, precision)) {
            return;
        }
        kiln(p, alpha, beta, precision);
    }

    // ------------------------------------------------------------------ auto-selection

    private Engine choose(Problem p, MatmulPrecision precision) {
        Layout la = Layout.of(p.m, p.k, p.stride(p.a, 2), p.stride(p.a, 1));
        Layout lb = Layout.of(p.k, p.n, p.stride(p.b, 2), p.stride(p.b, 1));
        if (!cublasTakes(p, la, lb)) {
            return Engine.KILN;
        }
        ShapeKey key = new ShapeKey(p.m, p.n, p.k, p.batch.size(), la.trans(), lb.trans(), precision);
        Engine e = chosen.get(key);
        if (e == null) {
            e = tune(p, key);
            chosen.put(key, e);
        }
        return e;
    }

    /** Times both engines into a scratch output (beta = 0, so the caller's output is untouched). */
    private Engine tune(Problem p, ShapeKey key) {
        Tensor scratch = Tensor.zeros(DType.FLOAT32, p.out.shape(), p.out.device());
        try {
            Problem q = Problem.of(p.a, p.b, scratch);
            float kiln = fastest(() -> kiln(q, 1f, 0f, key.precision()));
            float cublas = fastest(() -> cublas(q, 1f, 0f, key.precision()));
            Engine e = cublas < kiln ? Engine.CUBLAS : Engine.KILN;
            LOG.info(String.format(Locale.ROOT, "kiln: %s matmul %dx%dx%d%s%s%s (%s): kiln %.1f us, cuBLAS %.1f us -> %s",
                    be.device(), key.m(), key.n(), key.k(), key.batch() > 1 ? " x" + key.batch() : "",
                    key.aTransposed() ? " A^T" : "", key.bTransposed() ? " B^T" : "", key.precision(), 1000 * kiln,
                    1000 * cublas, e == Engine.CUBLAS ? "cuBLAS" : "kiln"));
            return e;
        } finally {
            be.release(scratch.buffer());
        }
    }

    /** Fastest of a few timed runs after one untimed (compiles the module or creates the handle). */
    private float fastest(Runnable run) {
        run.run();
        float best = Float.POSITIVE_INFINITY;
        for (int i = 0; i < TIMED_RUNS; i++) {
            best = Math.min(best, be.cx.time(run));
        }
        return best;
    }

    // ------------------------------------------------------------------ Kiln's kernels

    private void kiln(Problem p, float alpha, float beta, MatmulPrecision precision) {
        CudaModule module = CudaModule.GEMM;
        String fn;
        int tile = 128;
        if (precision != MatmulPrecision.HIGHEST && tensorCores(precision)) {
            module = CudaModule.GEMM_TC;
            fn = precision == MatmulPrecision.HIGH ? "gemm_tf32" : "gemm_bf16";
        } else if ((long) ceil(p.m, 128) * ceil(p.n, 128) * p.batch.size() >= be.cx.multiprocessors) {
            fn = "gemm_128";
        } else {
            fn = "gemm_tiled";
            tile = 64;
        }
        int gy = ceil(p.m, tile);
        if (gy > 65535) {
            throw new IllegalArgumentException("matmul on CUDA: m = " + p.m + " rows exceeds the kernel's grid ("
                    + 65535L * tile + ")");
        }
        Tensor a = p.a;
        Tensor b = p.b;
        Tensor out = p.out;
        be.cx.launch(module, fn, ceil(p.n, tile), gy, Math.min(p.batch.size(), 65535), CudaBackend.THREADS, new KernelArgs()
                .plan(p.batch).i32(p.m).i32(p.n).i32(p.k).f32(alpha).f32(beta)
                .ptr(be.base(a)).i32(p.stride(a, 2)).i32(p.stride(a, 1))
                .ptr(be.base(b)).i32(p.stride(b, 2)).i32(p.stride(b, 1))
                .ptr(be.base(out)).i32(p.stride(out, 2)).i32(p.stride(out, 1)));
    }

    private boolean tensorCores(MatmulPrecision precision) {
        if (be.cx.computeMajor >= 8) {
            return true;
        }
        if (!warnedNoTensorCores) {
            warnedNoTensorCores = true;
            LOG.warning("kiln: " + be.device() + " is " + be.cx.arch + ": Kiln's tensor-core GEMM needs sm_80 or newer, so"
                    + " float32 matmuls run in float32 (matmul precision '" + precision + "' has no effect on Kiln's kernels)");
        }
        return false;
    }

    private static int ceil(int x, int tile) {
        return (x + tile - 1) / tile;
    }

    private static Tensor lastTwoCut(Tensor t, int r) {
        return t.narrow(r - 2, 0, 1).narrow(r - 1, 0, 1);
    }

    // ------------------------------------------------------------------ cuBLAS

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

    private boolean cublasTakes(Problem p, Layout la, Layout lb) {
        Layout lc = Layout.of(p.m, p.n, p.stride(p.out, 2), p.stride(p.out, 1));
        return la != null && lb != null && lc != null && !lc.trans() && p.batch.rank() <= 1;
    }

    /**
     * Row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ, so cuBLAS gets (B, A) swapped with m and n swapped; a
     * row-major operand is, to cuBLAS, its own transpose (op N), a column-major one needs op T.
     * Returns false when the operands do not fit and Kiln's kernels should run instead.
     */
    private boolean cublas(Problem p, float alpha, float beta, MatmulPrecision precision) {
        Layout la = Layout.of(p.m, p.k, p.stride(p.a, 2), p.stride(p.a, 1));
        Layout lb = Layout.of(p.k, p.n, p.stride(p.b, 2), p.stride(p.b, 1));
        if (!cublasTakes(p, la, lb)) {
            return false;
        }
        int ldc = Layout.of(p.m, p.n, p.stride(p.out, 2), p.stride(p.out, 1)).ld();
        StridedPlan batch = p.batch;
        long sA = batch.rank() == 0 ? 0 : batch.strides()[1][0];
        long sB = batch.rank() == 0 ? 0 : batch.strides()[2][0];
        long sC = batch.rank() == 0 ? 0 : batch.strides()[0][0];
        be.cx.driver.gemmStridedBatched(lb.trans(), la.trans(), p.n, p.m, p.k, alpha,
                be.base(p.b) + 4L * batch.base()[2], lb.ld(), sB, be.base(p.a) + 4L * batch.base()[1], la.ld(), sA,
                beta, be.base(p.out) + 4L * batch.base()[0], ldc, sC, batch.size(), precision);
        return true;
    }
}
