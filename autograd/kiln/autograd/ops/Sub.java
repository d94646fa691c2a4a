package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/** {@code a − b} with broadcasting; gradients g and −g. */
public final class Sub extends Op {
    @Override protected Tensor forward(Tensor... in) { return in[0].sub(in[1]); }
    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? g : null, needs[1] ? g.neg() : null};
    }
}
