package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/** Min along axes (null: all); ties split the gradient evenly, as {@link Max}. */
public final class Min extends Op {
    private final int[] axes;
    private final boolean keepdims;
    private Tensor x;
    private Tensor yKept;

    public Min(int[] axes, boolean keepdims) {
        this.axes = axes == null ? null : axes.clone();
        this.keepdims = keepdims;
    }

    @Override protected Tensor forward(Tensor... in) {
        int[] ax = Axes.resolve(axes, in[0].rank());
        x = in[0];
        yKept = x.min(ax, true);
        return keepdims ? yKept : yKept.reshape(Axes.dropped(x.shape(), ax));
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? Max.tieSplit(g, x, yKept, Axes.resolve(axes, x.rank())) : null};
    }
}
