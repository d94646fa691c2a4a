package kiln.kernels.cuda;

import kiln.tensor.Tensor;

/**
 * Fused CUDA kernels beyond the {@link kiln.tensor.Backend} SPI, used directly: batch-norm statistics and
 * one-hot. (The fused optimizer updates are SPI methods, {@link CudaBackend#adamUpdate} and its siblings.)
 * Each launches on its {@link CudaBackend}'s stream; operands must live on that backend's device.
 */
public final class CudaFusedOps {
    private final CudaBackend be;

    /** Fused kernels launched through {@code backend} (its device, stream and allocator). */
    public CudaFusedOps(CudaBackend backend) {
        this.be = java.util.Objects.requireNonNull(backend, "backend");
    }

    /** Per-channel mean and biased variance of x viewed as (rows, channels) over its last axis; all contiguous. */
    public void batchNormStats(Tensor x, Tensor mean, Tensor var) {
        int channels = x.dim(-1);
        requireDense("batchNormStats", x);
        requireDense("batchNormStats", mean, var);
        if (mean.size() != channels) {
            throw new IllegalArgumentException("batchNormStats: mean has " + mean.size() + " elements, expected "
                    + channels + " (the last axis of " + x.shape() + ")");
        }
        CudaContext cx = be.cx;
        cx.launch(CudaModule.BATCHNORM, "batchnorm_stats", Math.max(1, Math.min(channels, 64 * cx.multiprocessors)), 1, 1,
                CudaBackend.THREADS, new KernelArgs().i32(x.size() / Math.max(1, channels)).i32(channels).ptr(be.at(x))
                        .ptr(be.at(mean)).ptr(be.at(var)));
    }

    /** {@code out (n, depth)}: 1 where {@code indices[i] == d}; indices outside [0, depth) give a zero row. */
    public void oneHot(Tensor indices, int depth, Tensor out) {
        requireDense("oneHot", out);
        Tensor ic = indices.contiguous();
        be.launch1d(CudaModule.GATHER, "one_hot", out.size(), new KernelArgs().i32(indices.size()).i32(depth)
                .ptr(be.at(ic)).ptr(be.at(out)));
        be.releaseTemp(ic, indices);
    }

    private static void requireDense(String op, Tensor first, Tensor... rest) {
        if (!first.isContiguous()) {
            throw new IllegalArgumentException(op + ": tensors must be contiguous, got strides "
                    + java.util.Arrays.toString(first.strides()) + " for shape " + first.shape());
        }
        for (Tensor t : rest) {
            if (t != null && (!t.isContiguous() || t.size() != first.size())) {
                throw new IllegalArgumentException(op + ": expected contiguous tensors of " + first.size()
                        + " elements, got shape " + t.shape() + " with strides " + java.util.Arrays.toString(t.strides()));
            }
        }
    }
}
