package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/** Elementwise {@code min(a, b)} with broadcasting; ties send the gradient to {@code a} (TensorFlow). */
public final class Minimum extends Op {
    private Tensor aWins;

    @Override protected Tensor forward(Tensor... in) {
        aWins = in[0].le(in[1]);
        return in[0].minimum(in[1]);
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return Maximum.select(g, aWins, needs);
    }
}
