package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/** Mean along axes (null: all); the gradient is g / count broadcast back over the reduced axes. */
public final class Mean extends Op {
    private final int[] axes;
    private final boolean keepdims;
    private Shape inShape;
    private Shape kept;

    public Mean(int[] axes, boolean keepdims) {
        this.axes = axes == null ? null : axes.clone();
        this.keepdims = keepdims;
    }

    @Override protected Tensor forward(Tensor... in) {
        int[] ax = Axes.resolve(axes, in[0].rank());
        inShape = in[0].shape();
        kept = Axes.kept(inShape, ax);
        return in[0].mean(ax, keepdims);
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        if (!needs[0]) {
            return new Tensor[] {null};
        }
        float count = kept.size() == 0 ? 1f : (float) inShape.size() / kept.size();
        return new Tensor[] {Axes.keep(g, kept).mul(1f / count).broadcastTo(inShape)};
    }
}
