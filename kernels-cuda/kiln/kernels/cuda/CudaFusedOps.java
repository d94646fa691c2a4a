package kiln.kernels.cuda;

import kiln.tensor.Tensor;

/**
 * Fused CUDA kernels beyond the {@link kiln.tensor.Backend} SPI, used directly until the SPI grows them:
 * optimizer updates (SGD with momentum, Adam/AMSGrad, decoupled weight decay), batch-norm statistics and
 * one-hot. Each launches on its {@link CudaBackend}'s stream; operands must live on that backend's device.
 */
public final class CudaFusedOps {
    private final CudaBackend be;

    /** Fused kernels launched through {@code backend} (its device, stream and allocator). */
    public CudaFusedOps(CudaBackend backend) {
        this.be = java.util.Objects.requireNonNull(backend, "backend");
    }

    /** Keras SGD: {@code m = mu·m − lr·g; w += m} (nesterov: {@code w += mu·m − lr·g}); all contiguous, same size. */
    public void sgdMomentum(Tensor w, Tensor g, Tensor m, float lr, float momentum, boolean nesterov) {
        requireDense("sgdMomentum", w, g, m);
        be.launch1d(CudaModule.OPTIMIZER, "sgd_momentum", w.size(), new KernelArgs().i32(w.size()).f32(lr)
                .f32(momentum).i32(nesterov ? 1 : 0).ptr(be.at(w)).ptr(be.at(g)).ptr(m == null ? 0 : be.at(m)));
    }

    /**
     * One Keras Adam step with the host's {@code alpha = lr·sqrt(1 − β2^t)/(1 − β1^t)}; {@code vhat} is the
     * AMSGrad slot or null. AdamW: call {@link #decayWeights} first.
     */
    public void adam(Tensor w, Tensor g, Tensor m, Tensor v, Tensor vhat, float alpha, double beta1, double beta2,
                     double epsilon) {
        requireDense("adam", w, g, m, v);
        if (vhat != null) {
            requireDense("adam", w, vhat);
        }
        be.launch1d(CudaModule.OPTIMIZER, "adam", w.size(), new KernelArgs().i32(w.size()).f32(alpha)
                .f32((float) (1 - beta1)).f32((float) (1 - beta2)).f32((float) epsilon).ptr(be.at(w)).ptr(be.at(g))
                .ptr(be.at(m)).ptr(be.at(v)).ptr(vhat == null ? 0 : be.at(vhat)));
    }

    /** Decoupled weight decay: {@code w −= w·(lr·wd)}. */
    public void decayWeights(Tensor w, float lrTimesDecay) {
        requireDense("decayWeights", w);
        be.launch1d(CudaModule.OPTIMIZER, "decay_weights", w.size(),
                new KernelArgs().i32(w.size()).f32(lrTimesDecay).ptr(be.at(w)));
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
