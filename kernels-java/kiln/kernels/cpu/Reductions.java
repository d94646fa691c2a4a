package kiln.kernels.cpu;

import kiln.tensor.ReduceOp;
import kiln.tensor.Tensor;

/**
 * Reductions along axes, deterministic for any thread count: each output element is reduced by one
 * thread in a fixed order, and a reduction to a single value sums fixed-size blocks (whose bounds do
 * not depend on the thread count) and adds the block results in order.
 */
final class Reductions {
    /** Block length for reductions to one value; fixed, so results do not depend on threads. */
    static final int BLOCK = 1 << 15;

    private Reductions() {}

    /** out has x's rank with size 1 on the reduced axes. */
    static void reduce(ReduceOp op, Tensor x, Tensor out) {
        if (x.size() == 0) { // nothing to reduce (and nothing to narrow): the identity; a mean is 0/0 = NaN, as NumPy
            out.fill(op == ReduceOp.MEAN ? Float.NaN : (float) identity(op));
            return;
        }
        // kept: x with reduced axes cut to one element (shape = out's); red: x with kept axes cut to one.
        Tensor kept = x;
        Tensor red = x;
        for (int a = 0; a < x.rank(); a++) {
            if (out.dim(a) == 1 && x.dim(a) != 1) {
                kept = kept.narrow(a, 0, 1);
            } else {
                red = red.narrow(a, 0, 1);
            }
        }
        float[] xs = CpuBackend.floats(x);
        float[] os = CpuBackend.floats(out);
        int count = x.size() / Math.max(1, out.size());
        float divisor = count; // MEAN is sum / count, as NumPy and Keras divide (not times 1/count)
        Loop inner = Loop.of(red);
        int x0 = x.offset();
        if (out.size() == 1) {
            os[out.offset()] = finish(op, reduceAll(op, xs, inner), divisor);
            return;
        }
        Loop outer = Loop.of(out, kept);
        if (inner.rank == 1 && outer.rank >= 1 && outer.innerStride(1) == 1 && inner.innerStride(0) > 1) {
            columns(op, xs, os, outer, inner, divisor);
            return;
        }
        int innerStride = outer.innerStride(0);
        int keptStride = outer.innerStride(1);
        outer.run((off, n) -> {
            for (int i = 0; i < n; i++) {
                float v = reduceAt(op, xs, off[1] + i * keptStride - x0, inner);
                os[off[0] + i * innerStride] = finish(op, v, divisor);
            }
        });
    }

    /**
     * Reduces over a leading axis of rows whose kept elements are contiguous ([R, C] → [1, C]): each
     * output element accumulates x[0, c], x[1, c], ... in that order — the same order as the
     * per-element path, so the result is identical — but whole rows at a time, which vectorizes.
     */
    private static void columns(ReduceOp op, float[] xs, float[] os, Loop outer, Loop inner, float divisor) {
        int rows = inner.dims[0];
        int rowStride = inner.innerStride(0);
        int outStride = outer.innerStride(0);
        outer.run((off, n) -> {
            float[] acc = new float[n];
            System.arraycopy(xs, off[1], acc, 0, n);
            for (int r = 1; r < rows; r++) {
                combineRow(op, acc, xs, off[1] + r * rowStride, n);
            }
            for (int i = 0; i < n; i++) {
                os[off[0] + i * outStride] = finish(op, acc[i], divisor);
            }
        });
    }

    private static void combineRow(ReduceOp op, float[] acc, float[] x, int xo, int n) {
        if (Simd.enabled()) {
            ReductionsVector.combineRow(op, acc, x, xo, n);
            return;
        }
        combineRowScalar(op, acc, x, xo, 0, n);
    }

    static void combineRowScalar(ReduceOp op, float[] acc, float[] x, int xo, int from, int n) {
        for (int i = from; i < n; i++) {
            acc[i] = combine(op, acc[i], x[xo + i]);
        }
    }

    /** Reduces the whole plan (relative to its own base) in fixed blocks, in order. */
    private static float reduceAll(ReduceOp op, float[] xs, Loop plan) {
        int n = plan.inner();
        int stride = plan.innerStride(0);
        if (plan.rows() == 1 && n > BLOCK) {
            int blocks = (n + BLOCK - 1) / BLOCK;
            float[] partial = new float[blocks];
            int base = plan.base[0];
            Parallel.forRange(blocks, 2, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int start = b * BLOCK;
                    partial[b] = row(op, xs, base + start * stride, stride, Math.min(BLOCK, n - start));
                }
            });
            double acc = identity(op);
            for (float p : partial) {
                acc = combine(op, acc, p);
            }
            return (float) acc;
        }
        return reduceAt(op, xs, 0, plan);
    }

    /** Reduces every row of the plan, offset by {@code shift}, in row order (one thread). */
    private static float reduceAt(ReduceOp op, float[] xs, int shift, Loop plan) {
        int n = plan.inner();
        int stride = plan.innerStride(0);
        int rows = plan.rows();
        if (rows == 1) {
            return row(op, xs, plan.base[0] + shift, stride, n);
        }
        int[] off = new int[1];
        double acc = identity(op);
        for (int r = 0; r < rows; r++) {
            plan.rowOffsets(r, off);
            acc = combine(op, acc, row(op, xs, off[0] + shift, stride, n));
        }
        return (float) acc;
    }

    // n floats of x at (xo, stride)
    static float row(ReduceOp op, float[] x, int xo, int stride, int n) {
        if (stride == 1 && Simd.enabled() && op != ReduceOp.PROD) {
            return ReductionsVector.row(op, x, xo, n);
        }
        return rowScalar(op, x, xo, stride, n);
    }

    static float rowScalar(ReduceOp op, float[] x, int xo, int stride, int n) {
        float acc = (float) identity(op);
        for (int i = 0; i < n; i++) {
            acc = combine(op, acc, x[xo + i * stride]);
        }
        return acc;
    }

    static double identity(ReduceOp op) {
        return switch (op) {
            case SUM, MEAN -> 0.0;
            case PROD -> 1.0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
    }

    static float combine(ReduceOp op, float acc, float v) {
        return switch (op) {
            case SUM, MEAN -> acc + v;
            case PROD -> acc * v;
            case MAX -> Math.max(acc, v);
            case MIN -> Math.min(acc, v);
        };
    }

    private static double combine(ReduceOp op, double acc, float v) {
        return switch (op) {
            case SUM, MEAN -> acc + v;
            case PROD -> acc * v;
            case MAX -> Math.max(acc, v);
            case MIN -> Math.min(acc, v);
        };
    }

    private static float finish(ReduceOp op, float v, float divisor) {
        return op == ReduceOp.MEAN ? v / divisor : v;
    }

    /** Index of the max (min) along one axis; the first occurrence wins, NaN counts as the max. */
    static void argReduce(boolean max, Tensor x, int axis, Tensor out) {
        float[] xs = CpuBackend.floats(x);
        int[] os = CpuBackend.ints(out);
        int n = x.dim(axis);
        int step = x.stride(axis);
        Loop plan = Loop.of(out, x.narrow(axis, 0, 1));
        int os0 = plan.innerStride(0);
        int xs0 = plan.innerStride(1);
        plan.run((off, len) -> {
            for (int i = 0; i < len; i++) {
                int base = off[1] + i * xs0;
                int best = 0;
                float bv = xs[base];
                for (int j = 1; j < n && !Float.isNaN(bv); j++) {
                    float v = xs[base + j * step];
                    if (Float.isNaN(v) || (max ? v > bv : v < bv)) {
                        best = j;
                        bv = v;
                    }
                }
                os[off[0] + i * os0] = best;
            }
        });
    }
}
