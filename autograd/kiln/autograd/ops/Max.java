package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Max along axes (null: all). Ties split the gradient evenly among the elements equal to the max, as
 * TensorFlow's reduce_max gradient ({@code indicators / num_selected}): max([1, 3, 3]) sends
 * [0, ½, ½]·g.
 */
public final class Max extends Op {
    private final int[] axes;
    private final boolean keepdims;
    private Tensor x;
    private Tensor yKept;

    public Max(int[] axes, boolean keepdims) {
        this.axes = axes == null ? null : axes.clone();
        this.keepdims = keepdims;
    }

    @Override protected Tensor forward(Tensor... in) {
        int[] ax = Axes.resolve(axes, in[0].rank());
        x = in[0];
        yKept = x.max(ax, true);
        return keepdims ? yKept : yKept.reshape(Axes.dropped(x.shape(), ax));
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? tieSplit(g, x, yKept, Axes.resolve(axes, x.rank())) : null};
    }

    /** g spread over the positions where x equals its extreme, divided by how many there are. */
    static Tensor tieSplit(Tensor g, Tensor x, Tensor yKept, int[] axes) {
        Shape kept = yKept.shape();
        Tensor hit = x.eq(yKept);
        Tensor count = hit.sum(axes, true);
        return hit.mul(Axes.keep(g, kept).div(count));
    }
}
