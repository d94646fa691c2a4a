package kiln.autograd.ops;

import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/** Axis bookkeeping shared by the reductions: which axes, and the keepdims shape of a result. */
final class Axes {
    private Axes() {}

    /** The axes to reduce: all of them when {@code axes} is null, else a copy (validated by Tensor). */
    static int[] resolve(int[] axes, int rank) {
        if (axes != null) {
            return axes.clone();
        }
        int[] all = new int[rank];
        for (int i = 0; i < rank; i++) {
            all[i] = i;
        }
        return all;
    }

    /** {@code in} with every reduced axis set to 1. */
    static Shape kept(Shape in, int[] axes) {
        int[] d = in.dims();
        for (int a : axes) {
            d[in.axis(a)] = 1;
        }
        return Shape.of(d);
    }

    /** {@code in} without the reduced axes (the keepdims=false result shape). */
    static Shape dropped(Shape in, int[] axes) {
        boolean[] drop = new boolean[in.rank()];
        int n = in.rank();
        for (int a : axes) {
            int r = in.axis(a);
            n -= drop[r] ? 0 : 1;
            drop[r] = true;
        }
        int[] d = new int[n];
        for (int i = 0, j = 0; i < drop.length; i++) {
            if (!drop[i]) {
                d[j++] = in.dim(i);
            }
        }
        return Shape.of(d);
    }

    /** The output gradient in keepdims form, ready to broadcast against the input. */
    static Tensor keep(Tensor g, Shape kept) {
        return g.shape().equals(kept) ? g : g.reshape(kept);
    }
}
