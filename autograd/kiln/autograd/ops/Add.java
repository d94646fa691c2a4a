package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/** {@code a + b} with broadcasting; both gradients are g (the engine sums each back to its input's shape). */
public final class Add extends Op {
    @Override protected Tensor forward(Tensor... in) { return in[0].add(in[1]); }
    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? g : null, needs[1] ? g : null};
    }
}
