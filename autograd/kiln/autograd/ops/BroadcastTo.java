package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/** Broadcasts to a larger shape (NumPy rules, a view); the gradient is g, summed back by the engine. */
public final class BroadcastTo extends Op {
    private final Shape shape;

    public BroadcastTo(Shape shape) {
        this.shape = shape;
    }

    @Override protected Tensor forward(Tensor... in) { return in[0].broadcastTo(shape); }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? g : null};
    }
}
