package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/**
 * {@code log Σ e^x} along axes (null: all), fused for stability: computed as m + log Σ e^(x − m) with
 * m the max, so large inputs do not overflow. The gradient is g·e^(x − y) = g·softmax(x).
 */
public final class LogSumExp extends Op {
    private final int[] axes;
    private final boolean keepdims;
    private Tensor x;
    private Tensor yKept;

    public LogSumExp(int[] axes, boolean keepdims) {
        this.axes = axes == null ? null : axes.clone();
        this.keepdims = keepdims;
    }

    @Override protected Tensor forward(Tensor... in) {
        int[] ax = Axes.resolve(axes, in[0].rank());
        x = in[0];
        Tensor m = x.max(ax, true);
        yKept = x.sub(m).exp().sum(ax, true).log().add(m);
        return keepdims ? yKept : yKept.reshape(Axes.dropped(x.shape(), ax));
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        if (!needs[0]) {
            return new Tensor[] {null};
        }
        return new Tensor[] {Axes.keep(g, yKept.shape()).mul(x.sub(yKept).exp())};
    }
}
