package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/** Sum along axes (null: all); the gradient is g broadcast back over the reduced axes. */
public final class Sum extends Op {
    private final int[] axes;
    private final boolean keepdims;
    private Shape inShape;
    private Shape kept;

    public Sum(int[] axes, boolean keepdims) {
        this.axes = axes == null ? null : axes.clone();
        this.keepdims = keepdims;
    }

    @Override protected Tensor forward(Tensor... in) {
        int[] ax = Axes.resolve(axes, in[0].rank());
        inShape = in[0].shape();
        kept = Axes.kept(inShape, ax);
        return in[0].sum(ax, keepdims);
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? Axes.keep(g, kept).broadcastTo(inShape) : null};
    }
}
