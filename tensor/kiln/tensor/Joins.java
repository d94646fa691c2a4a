package kiln.tensor;

/** concat, stack and split: shape rules plus copies into views of one output. */
final class Joins {
    private Joins() {}

    static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        Tensor first = parts[0];
        int a;
        try {
            a = first.shape().axis(axis);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("concat: " + e.getMessage());
        }
        int total = 0;
        for (int p = 0; p < parts.length; p++) {
            Tensor t = parts[p];
            first.sameDevice("concat", t);
            if (t.dtype() != first.dtype() || t.rank() != first.rank()) {
                throw new IllegalArgumentException("concat: tensor " + p + " is " + t.dtype() + " " + t.shape()
                        + " but tensor 0 is " + first.dtype() + " " + first.shape());
            }
            for (int i = 0; i < t.rank(); i++) {
                if (i != a && t.dim(i) != first.dim(i)) {
                    throw new IllegalArgumentException("concat: along axis " + axis + ", tensor " + p + " has shape "
                            + t.shape() + " but tensor 0 has " + first.shape() + " (only axis " + axis + " may differ)");
                }
            }
            total += t.dim(a);
        }
        Tensor out = Tensor.zeros(first.dtype(), first.shape().with(a, total), first.device());
        int off = 0;
        for (Tensor t : parts) {
            if (t.size() > 0) {
                first.backend().copy(t, out.narrow(a, off, t.dim(a)));
            }
            off += t.dim(a);
        }
        return out;
    }

    static Tensor stack(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        Tensor[] u = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].shape().equals(parts[0].shape())) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + parts[i].shape()
                        + " but tensor 0 has " + parts[0].shape() + " (all must be equal)");
            }
            u[i] = parts[i].unsqueeze(axis);
        }
        return concat(axis, u);
    }

    static Tensor[] split(Tensor x, int axis, int... sizes) {
        int a = x.shape().axis(axis);
        int sum = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: sizes must be >= 0, got " + java.util.Arrays.toString(sizes));
            }
            sum += s;
        }
        if (sum != x.dim(a)) {
            throw new IllegalArgumentException("split: sizes " + java.util.Arrays.toString(sizes) + " add up to " + sum
                    + " but axis " + axis + " of shape " + x.shape() + " has size " + x.dim(a));
        }
        Tensor[] out = new Tensor[sizes.length];
        int off = 0;
        for (int i = 0; i < sizes.length; i++) {
            out[i] = x.narrow(a, off, sizes[i]);
            off += sizes[i];
        }
        return out;
    }
}
