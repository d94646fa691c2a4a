package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/**
 * Log-softmax along an axis, fused for stability (log of a softmax underflows to −∞). From the output,
 * the gradient is g − e^y·Σ g along the axis.
 */
public final class LogSoftmax extends Op {
    private final int axis;
    private Tensor y;

    public LogSoftmax(int axis) {
        this.axis = axis;
    }

    @Override protected Tensor forward(Tensor... in) {
        y = in[0].logSoftmax(axis);
        return y;
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        if (!needs[0]) {
            return new Tensor[] {null};
        }
        return new Tensor[] {g.sub(y.exp().mul(g.sum(new int[] {axis}, true)))};
    }
}
