package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/** Softmax along an axis; from the output, the gradient is y·(g − Σ g·y) along the axis. */
public final class Softmax extends Op {
    private final int axis;
    private Tensor y;

    public Softmax(int axis) {
        this.axis = axis;
    }

    @Override protected Tensor forward(Tensor... in) {
        y = in[0].softmax(axis);
        return y;
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        if (!needs[0]) {
            return new Tensor[] {null};
        }
        return new Tensor[] {y.softmaxBackward(g, axis)};
    }
}
