package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/** Joins inputs along an existing axis; each input's gradient is its slab of g (a view, no copy). */
public final class Concat extends Op {
    private final int axis;
    private int[] sizes;

    public Concat(int axis) {
        this.axis = axis;
    }

    @Override protected Tensor forward(Tensor... in) {
        Tensor y = Tensor.concat(axis, in); // validates shapes
        sizes = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            sizes[i] = in[i].dim(axis);
        }
        return y;
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor[] parts = g.split(axis, sizes);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = needs[i] ? parts[i] : null;
        }
        return parts;
    }
}
