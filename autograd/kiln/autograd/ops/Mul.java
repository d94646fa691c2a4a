package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/** {@code a · b} with broadcasting; gradients g·b and g·a. */
public final class Mul extends Op {
    private Tensor a;
    private Tensor b;

    @Override protected Tensor forward(Tensor... in) {
        a = in[0];
        b = in[1];
        return a.mul(b);
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? g.mul(b) : null, needs[1] ? g.mul(a) : null};
    }
}
