package kiln.tensor;

/** Shape rules of gather-like ops; the work is {@link Backend#gather}. */
final class Indexing {
    private Indexing() {}

    /** x.take(indices, axis) into out, or into a new tensor when out is null. */
    static Tensor take(Tensor x, Tensor indices, int axis, Tensor out) {
        if (indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("take: indices must be int32, got " + indices.dtype()
                    + " (convert with toInt())");
        }
        x.sameDevice("take", indices);
        int a;
        try {
            a = x.shape().axis(axis);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("take: " + e.getMessage());
        }
        int[] xd = x.dims();
        int[] id = indices.dims();
        int[] od = new int[xd.length - 1 + id.length];
        System.arraycopy(xd, 0, od, 0, a);
        System.arraycopy(id, 0, od, a, id.length);
        System.arraycopy(xd, a + 1, od, a + id.length, xd.length - a - 1);
        if (out == null) {
            out = Tensor.zeros(x.dtype(), Shape.of(od), x.device());
        } else {
            x.sameDevice("take", out);
            if (!out.shape().equals(Shape.of(od)) || out.dtype() != x.dtype()) {
                throw new IllegalArgumentException("take: out is " + out.dtype() + " " + out.shape() + ", expected "
                        + x.dtype() + " " + Shape.of(od));
            }
        }
        x.backend().gather(x, indices, a, out);
        return out;
    }

    static Tensor indexAdd(Tensor out, int axis, Tensor indices, Tensor src) {
        if (indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("indexAdd: indices must be int32, got " + indices.dtype());
        }
        out.requireFloat("indexAdd");
        src.requireFloat("indexAdd");
        out.sameDevice("indexAdd", src);
        out.sameDevice("indexAdd", indices);
        int a = out.shape().axis(axis);
        int[] od = out.dims();
        int[] id = indices.dims();
        int[] sd = new int[od.length - 1 + id.length];
        System.arraycopy(od, 0, sd, 0, a);
        System.arraycopy(id, 0, sd, a, id.length);
        System.arraycopy(od, a + 1, sd, a + id.length, od.length - a - 1);
        if (!Shape.of(sd).equals(src.shape())) {
            throw new IllegalArgumentException("indexAdd: src has shape " + src.shape() + ", expected "
                    + Shape.of(sd) + " for out " + out.shape() + ", indices " + indices.shape() + ", axis " + axis);
        }
        out.backend().scatterAdd(src, indices, a, out);
        return out;
    }

    static Tensor oneHot(Tensor indices, int depth) {
        if (indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("oneHot: indices must be int32, got " + indices.dtype());
        }
        if (depth < 1) {
            throw new IllegalArgumentException("oneHot: depth must be >= 1, got " + depth);
        }
        Tensor classes = Tensor.arange(depth).to(indices.device());
        return indices.toFloat().unsqueeze(-1).eq(classes);
    }
}
