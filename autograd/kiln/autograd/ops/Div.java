package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/** {@code a / b} with broadcasting; gradients g/b and −g·y/b (y = a/b, saved instead of recomputing a/b²). */
public final class Div extends Op {
    private Tensor b;
    private Tensor y;

    @Override protected Tensor forward(Tensor... in) {
        b = in[1];
        y = in[0].div(b);
        return y;
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor gOverB = g.div(b);
        return new Tensor[] {needs[0] ? gOverB : null, needs[1] ? gOverB.mul(y).neg() : null};
    }
}
