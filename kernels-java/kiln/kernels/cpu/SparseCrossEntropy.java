package kiln.kernels.cpu;

import kiln.tensor.DType;
import kiln.tensor.Tensor;

/**
 * Sparse cross-entropy from logits or probabilities with the label check folded in (see
 * {@link kiln.tensor.Backend#sparseCrossEntropy}): one pass per row computes the loss and, when asked, the
 * gradient of the summed loss. From logits it is {@link Softmax#crossEntropy}'s arithmetic exactly.
 */
final class SparseCrossEntropy {
    private SparseCrossEntropy() {}

    /** What a row's label says: a class id ≥ 0, or one of these. */
    static final int IGNORED = -1;
    static final int INVALID = -2;

    static void run(Tensor pred, Tensor labels, boolean fromLogits, float epsilon, Integer ignoreClass,
                    Tensor loss, Tensor grad) {
        Tensor z = pred.contiguous();
        float[] zs = CpuBackend.floats(z);
        int rows = z.dim(0);
        int c = z.dim(1);
        int z0 = z.offset();
        int[] ids = classIds(labels, c, ignoreClass);
        float lo = epsilon;
        float hi = (float) (1.0 - epsilon);
        float[] ls = CpuBackend.floats(loss);
        int l0 = loss.offset();
        int lStep = loss.stride(0);
        Tensor g = grad == null ? null : (grad.isContiguous() ? grad : z.zerosLike());
        float[] gs = g == null ? null : CpuBackend.floats(g);
        int g0 = g == null ? 0 : g.offset();
        int minRows = Math.max(1, Loop.PARALLEL_THRESHOLD / Math.max(1, 4 * c));
        Parallel.forRange(rows, minRows, (from, to) -> {
            float[] logp = fromLogits ? new float[c] : null;
            for (int i = from; i < to; i++) {
                int label = ids[i];
                int zo = z0 + i * c;
                int go = g0 + i * c;
                if (label < 0) {
                    ls[l0 + i * lStep] = label == IGNORED ? 0f : Float.NaN;
                    if (gs != null) {
                        java.util.Arrays.fill(gs, go, go + c, 0f);
                    }
                } else if (fromLogits) {
                    Softmax.row(zs, zo, 1, logp, 0, 1, c, true);
                    ls[l0 + i * lStep] = -logp[label];
                    if (gs != null) {
                        for (int j = 0; j < c; j++) {
                            gs[go + j] = (float) Math.exp(logp[j]) - (j == label ? 1f : 0f);
                        }
                    }
                } else {
                    double sum = 0;
                    for (int j = 0; j < c; j++) {
                        sum += zs[zo + j];
                    }
                    float s = (float) sum;
                    float q = zs[zo + label] / s;
                    boolean inside = q >= lo && q <= hi; // the clip's gradient passes on [lo, hi]
                    float clipped = q < lo ? lo : q > hi ? hi : q; // a NaN stays NaN
                    ls[l0 + i * lStep] = -(float) Math.log(clipped);
                    if (gs != null) {
                        for (int j = 0; j < c; j++) {
                            gs[go + j] = inside ? (float) ((1.0 - (j == label ? 1.0 / q : 0.0)) / s) : 0f;
                        }
                    }
                }
            }
        });
        if (g != grad) {
            grad.backend().copy(g, grad);
        }
    }

    /** Each row's class id, or {@link #IGNORED} / {@link #INVALID}: int32 or integral float32 labels. */
    private static int[] classIds(Tensor labels, int classes, Integer ignoreClass) {
        Tensor t = labels.contiguous();
        int n = t.size();
        int[] ids = new int[n];
        if (t.dtype() == DType.INT32) {
            int[] v = CpuBackend.ints(t);
            for (int i = 0; i < n; i++) {
                int x = v[t.offset() + i];
                ids[i] = ignoreClass != null && x == ignoreClass ? IGNORED : x >= 0 && x < classes ? x : INVALID;
            }
        } else {
            float[] v = CpuBackend.floats(t);
            for (int i = 0; i < n; i++) {
                float x = v[t.offset() + i];
                ids[i] = ignoreClass != null && x == ignoreClass.floatValue() ? IGNORED
                        : x == Math.floor(x) && x >= 0 && x < classes ? (int) x : INVALID;
            }
        }
        return ids;
    }
}
