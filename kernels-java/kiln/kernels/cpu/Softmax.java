package kiln.kernels.cpu;

import kiln.tensor.DType;
import kiln.tensor.Tensor;

/**
 * Softmax, log-softmax and the fused softmax cross-entropy, one row (the softmax axis) at a time:
 * subtract the row max, exponentiate, normalise — in double for the sum so long rows stay exact.
 */
final class Softmax {
    private Softmax() {}

    static void softmax(Tensor x, int axis, boolean log, Tensor out) {
        if (x.size() == 0) { // nothing to do, and an empty axis cannot be narrowed to one element
            return;
        }
        float[] xs = CpuBackend.floats(x);
        float[] ys = CpuBackend.floats(out);
        int n = x.dim(axis);
        int xStep = x.stride(axis);
        int yStep = out.stride(axis);
        Loop plan = Loop.of(out.narrow(axis, 0, 1), x.narrow(axis, 0, 1));
        int ys0 = plan.innerStride(0);
        int xs0 = plan.innerStride(1);
        plan.run((off, len) -> {
            for (int i = 0; i < len; i++) {
                row(xs, off[1] + i * xs0, xStep, ys, off[0] + i * ys0, yStep, n, log);
            }
        });
    }

    /** out = y · (g − Σ g·y) along the axis, a row at a time; the dot in double, as the sum it replaces. */
    static void backward(Tensor y, Tensor g, int axis, Tensor out) {
        if (y.size() == 0) {
            return;
        }
        float[] ys = CpuBackend.floats(y);
        float[] gs = CpuBackend.floats(g);
        float[] os = CpuBackend.floats(out);
        int n = y.dim(axis);
        int yStep = y.stride(axis);
        int gStep = g.stride(axis);
        int oStep = out.stride(axis);
        Loop plan = Loop.of(out.narrow(axis, 0, 1), y.narrow(axis, 0, 1), g.narrow(axis, 0, 1));
        plan.run((off, len) -> {
            for (int i = 0; i < len; i++) {
                int oo = off[0] + i * plan.innerStride(0);
                int yo = off[1] + i * plan.innerStride(1);
                int go = off[2] + i * plan.innerStride(2);
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += gs[go + j * gStep] * ys[yo + j * yStep];
                }
                float d = (float) dot;
                for (int j = 0; j < n; j++) {
                    os[oo + j * oStep] = ys[yo + j * yStep] * (gs[go + j * gStep] - d);
                }
            }
        });
    }

    // x: n floats at (xo, xs) → y: n floats at (yo, ys)
    static void row(float[] x, int xo, int xs, float[] y, int yo, int ys, int n, boolean log) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[xo + j * xs]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            max = 0f; // an all -inf row: keep exp(x - max) = 0 instead of NaN from -inf - -inf
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            float e = (float) Math.exp(x[xo + j * xs] - max);
            sum += e;
            if (!log) {
                y[yo + j * ys] = e;
            }
        }
        if (log) {
            // (x - max) - log Σ, not x - (max + log Σ): the latter rounds at max's magnitude (ulp(1000) = 6e-5).
            float logSum = (float) Math.log(sum);
            for (int j = 0; j < n; j++) {
                y[yo + j * ys] = (x[xo + j * xs] - max) - logSum;
            }
        } else {
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < n; j++) {
                y[yo + j * ys] *= inv;
            }
        }
    }

    /**
     * Per-row loss and (optionally) the gradient softmax − target, in one pass over the logits. Sparse targets are
     * {@link SparseCrossEntropy}'s from-logits case once every label is known to be in range.
     */
    static void crossEntropy(Tensor logits, Tensor targets, Tensor loss, Tensor grad) {
        if (targets.dtype() == DType.INT32) {
            int c = logits.dim(1);
            Tensor t = targets.contiguous();
            int[] labels = CpuBackend.ints(t);
            for (int i = 0; i < t.size(); i++) {
                int label = labels[t.offset() + i];
                if (label < 0 || label >= c) {
                    throw new IllegalArgumentException("softmaxCrossEntropy: label " + label + " at row " + i
                            + " is out of range [0, " + c + ")");
                }
            }
            SparseCrossEntropy.run(logits, t, true, 0f, null, loss, grad);
            return;
        }
        Tensor z = logits.contiguous();
        float[] zs = CpuBackend.floats(z);
        int rows = z.dim(0);
        int c = z.dim(1);
        int z0 = z.offset();
        Tensor t = targets.contiguous();
        float[] dist = CpuBackend.floats(t);
        int t0 = t.offset();
        float[] ls = CpuBackend.floats(loss);
        int l0 = loss.offset();
        int lStep = loss.stride(0);
        Tensor g = grad == null ? null : (grad.isContiguous() ? grad : z.zerosLike());
        float[] gs = g == null ? null : CpuBackend.floats(g);
        int g0 = g == null ? 0 : g.offset();
        int minRows = Math.max(1, Loop.PARALLEL_THRESHOLD / Math.max(1, 4 * c));
        Parallel.forRange(rows, minRows, (from, to) -> {
            float[] logp = new float[c];
            for (int i = from; i < to; i++) {
                row(zs, z0 + i * c, 1, logp, 0, 1, c, true);
                double l = 0;
                for (int j = 0; j < c; j++) {
                    float tj = dist[t0 + i * c + j];
                    if (tj != 0) {
                        l -= tj * logp[j];
                    }
                }
                ls[l0 + i * lStep] = (float) l;
                if (gs != null) {
                    int go = g0 + i * c;
                    for (int j = 0; j < c; j++) {
                        gs[go + j] = (float) Math.exp(logp[j]) - dist[t0 + i * c + j];
                    }
                }
            }
        });
        if (g != grad) {
            grad.backend().copy(g, grad);
        }
    }
}
