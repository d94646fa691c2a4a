package kiln.kernels.cpu;

import kiln.tensor.Tensor;

/**
 * gather (take along an axis) and its adjoint scatter-add. Viewing x as (outer, axisLen, inner) and
 * out as (outer, nIdx, inner), both are block copies of {@code inner} elements.
 */
final class Gather {
    private Gather() {}

    static void gather(Tensor x, Tensor indices, int axis, Tensor out) {
        Tensor xc = x.contiguous();
        int[] idx = CpuBackend.ints(indices.contiguous());
        int i0 = indices.contiguous().offset();
        int axisLen = x.dim(axis);
        int inner = inner(x, axis);
        int outer = outer(x, axis);
        int nIdx = indices.size();
        check("gather", idx, i0, nIdx, axisLen, axis);
        Tensor oc = out.isContiguous() ? out : out.zerosLike();
        Object src = CpuBackend.array(xc);
        Object dst = CpuBackend.array(oc);
        int xo = xc.offset();
        int oo = oc.offset();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < nIdx; j++) {
                System.arraycopy(src, xo + (o * axisLen + idx[i0 + j]) * inner, dst, oo + (o * nIdx + j) * inner, inner);
            }
        }
        if (oc != out) {
            out.backend().copy(oc, out);
        }
    }

    static void scatterAdd(Tensor src, Tensor indices, int axis, Tensor out) {
        Tensor sc = src.contiguous();
        Tensor ic = indices.contiguous();
        int[] idx = CpuBackend.ints(ic);
        int i0 = ic.offset();
        int axisLen = out.dim(axis);
        int inner = inner(out, axis);
        int nIdx = indices.size();
        int outer = outer(out, axis);
        check("scatterAdd", idx, i0, nIdx, axisLen, axis);
        Tensor oc = out.isContiguous() ? out : out.copy();
        float[] s = CpuBackend.floats(sc);
        float[] d = CpuBackend.floats(oc);
        int so = sc.offset();
        int oo = oc.offset();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < nIdx; j++) {
                int from = so + (o * nIdx + j) * inner;
                int to = oo + (o * axisLen + idx[i0 + j]) * inner;
                for (int e = 0; e < inner; e++) {
                    d[to + e] += s[from + e];
                }
            }
        }
        if (oc != out) {
            out.backend().copy(oc, out);
        }
    }

    private static int outer(Tensor t, int axis) {
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= t.dim(a);
        }
        return outer;
    }

    private static int inner(Tensor t, int axis) {
        int inner = 1;
        for (int a = axis + 1; a < t.rank(); a++) {
            inner *= t.dim(a);
        }
        return inner;
    }

    private static void check(String op, int[] idx, int i0, int n, int axisLen, int axis) {
        for (int j = 0; j < n; j++) {
            int v = idx[i0 + j];
            if (v < 0 || v >= axisLen) {
                throw new IllegalArgumentException(op + ": index " + v + " (at position " + j
                        + ") is out of range [0, " + axisLen + ") for axis " + axis);
            }
        }
    }
}
