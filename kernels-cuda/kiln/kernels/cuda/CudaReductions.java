package kiln.kernels.cuda;

import kiln.tensor.DType;
import kiln.tensor.ReduceOp;
import kiln.tensor.Tensor;

/**
 * The reduction and softmax launches of {@link CudaBackend}: {@code reduce}, {@code argReduce},
 * {@code softmax} and {@code softmaxCrossEntropy}, choosing grid and block shapes for {@code reduce.cu},
 * {@code softmax.cu} and {@code softmax_cross_entropy.cu}.
 */
final class CudaReductions {
    private final CudaBackend be;
    private final CudaContext cx;

    CudaReductions(CudaBackend be) {
        this.be = be;
        this.cx = be.cx;
    }

    void reduce(ReduceOp op, Tensor x, Tensor out) {
        if (x.size() == 0) { // the identity, and a mean of nothing is 0/0 = NaN (as the CPU and NumPy)
            be.fill(out, switch (op) {
                case SUM -> 0.0;
                case MEAN -> Double.NaN;
                case PROD -> 1.0;
                case MAX -> Double.NEGATIVE_INFINITY;
                case MIN -> Double.POSITIVE_INFINITY;
            });
            return;
        }
        Tensor kept = x;
        Tensor red = x;
        for (int a = 0; a < x.rank(); a++) {
            if (out.dim(a) == 1 && x.dim(a) != 1) {
                kept = kept.narrow(a, 0, 1);
            } else {
                red = red.narrow(a, 0, 1);
            }
        }
        StridedPlan outer = StridedPlan.of(out, kept);
        StridedPlan inner = StridedPlan.of(red).shifted(0, -x.offset());
        KernelArgs args = new KernelArgs().plan(outer).plan(inner).i32(op.ordinal()).ptr(be.base(x)).ptr(be.base(out));
        // A block per output when each reduction is long or there are too few outputs to fill the GPU.
        if (inner.size() > 1 && (inner.size() >= 256 || outer.size() < 4 * cx.multiprocessors)) {
            int threads = Math.max(32, Math.min(256, Integer.highestOneBit(inner.size() - 1) << 1));
            cx.launch(CudaModule.REDUCE, "reduce_block", Math.min(outer.size(), 64 * cx.multiprocessors), 1, 1,
                    threads, args);
        } else {
            be.launch1d(CudaModule.REDUCE, "reduce_thread", outer.size(), args);
        }
    }

    void argReduce(boolean max, Tensor x, int axis, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        StridedPlan p = StridedPlan.of(out, x.narrow(axis, 0, 1));
        be.launch1d(CudaModule.REDUCE, "arg_reduce", p.size(), new KernelArgs()
                .plan(p).i32(x.dim(axis)).i32(x.stride(axis)).i32(max ? 1 : 0).ptr(be.base(x)).ptr(be.base(out)));
    }

    void argmaxMatches(Tensor x, Tensor labels, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        int axis = x.rank() - 1;
        boolean ints = labels.dtype() == DType.INT32;
        StridedPlan p = StridedPlan.of(out, x.narrow(axis, 0, 1).squeeze(axis), labels);
        be.launch1d(CudaModule.REDUCE, "argmax_matches", p.size(), new KernelArgs().plan(p).i32(x.dim(axis))
                .i32(x.stride(axis)).ptr(be.base(x)).ptr(ints ? be.base(labels) : 0).ptr(ints ? 0 : be.base(labels))
                .ptr(be.base(out)));
    }

    void softmax(Tensor x, int axis, boolean log, Tensor out) {
        if (x.size() == 0) {
            return;
        }
        int n = x.dim(axis);
        StridedPlan p = StridedPlan.of(out.narrow(axis, 0, 1), x.narrow(axis, 0, 1));
        cx.launch(CudaModule.SOFTMAX, "softmax_rows", Math.min(p.size(), 64 * cx.multiprocessors), 1, 1, rowThreads(n),
                new KernelArgs().plan(p).i32(n).i32(x.stride(axis)).i32(out.stride(axis)).i32(log ? 1 : 0)
                        .ptr(be.base(x)).ptr(be.base(out)));
    }

    void softmaxBackward(Tensor y, Tensor g, int axis, Tensor out) {
        if (y.size() == 0) {
            return;
        }
        int n = y.dim(axis);
        StridedPlan p = StridedPlan.of(out.narrow(axis, 0, 1), y.narrow(axis, 0, 1), g.narrow(axis, 0, 1));
        cx.launch(CudaModule.SOFTMAX, "softmax_backward_rows", Math.min(p.size(), 64 * cx.multiprocessors), 1, 1,
                rowThreads(n), new KernelArgs().plan(p).i32(n).i32(out.stride(axis)).i32(y.stride(axis))
                        .i32(g.stride(axis)).ptr(be.base(y)).ptr(be.base(g)).ptr(be.base(out)));
    }

    /** Threads for a one-block-per-row kernel: a power of two in [32, 256] covering the row. */
    static int rowThreads(int n) {
        return Math.max(32, Math.min(256, n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1));
    }

    void softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor loss, Tensor grad) {
        int rows = logits.dim(0);
        int c = logits.dim(1);
        if (rows == 0) {
            return;
        }
        Tensor z = logits.contiguous();
        Tensor t = targets.contiguous();
        boolean sparse = targets.dtype() == DType.INT32;
        Tensor g = grad == null ? null : grad.isContiguous() ? grad : z.zerosLike();
        long bad = sparse ? be.indexChecks.open("softmaxCrossEntropy", "label", "row", "[0, " + c + ")", t) : 0;
        cx.launch(CudaModule.SOFTMAX_CROSS_ENTROPY, "softmax_ce_rows", Math.min(rows, 64 * cx.multiprocessors), 1, 1,
                rowThreads(c), new KernelArgs().i32(rows).i32(c).ptr(be.at(z)).ptr(sparse ? be.at(t) : 0)
                        .ptr(sparse ? 0 : be.at(t)).ptr(be.at(loss)).i32(loss.stride(0)).ptr(g == null ? 0 : be.at(g))
                        .ptr(bad));
        if (sparse) {
            be.indexChecks.launched();
        }
        if (g != null && g != grad) {
            be.copy(g, grad);
            be.release(g.buffer());
        }
        be.releaseTemp(z, logits);
        be.releaseTemp(t, targets);
    }

    void sparseCrossEntropy(Tensor pred, Tensor labels, boolean fromLogits, float epsilon, Integer ignoreClass,
                            Tensor loss, Tensor grad) {
        int rows = pred.dim(0);
        int c = pred.dim(1);
        if (rows == 0) {
            return;
        }
        Tensor z = pred.contiguous();
        Tensor t = labels.contiguous();
        boolean ints = t.dtype() == DType.INT32;
        Tensor g = grad == null ? null : grad.isContiguous() ? grad : z.zerosLike();
        cx.launch(CudaModule.SOFTMAX_CROSS_ENTROPY, "sparse_ce_rows", Math.min(rows, 64 * cx.multiprocessors), 1, 1,
                rowThreads(c), new KernelArgs().i32(rows).i32(c).ptr(be.at(z)).ptr(ints ? be.at(t) : 0)
                        .ptr(ints ? 0 : be.at(t)).i32(ignoreClass == null ? 0 : 1).i32(ignoreClass == null ? 0 : ignoreClass)
                        .i32(fromLogits ? 1 : 0).f32(epsilon).f32((float) (1.0 - epsilon)).ptr(be.at(loss))
                        .i32(loss.stride(0)).ptr(g == null ? 0 : be.at(g)));
        if (g != null && g != grad) {
            be.copy(g, grad);
            be.release(g.buffer());
        }
        be.releaseTemp(z, pred);
        be.releaseTemp(t, labels);
    }
}
