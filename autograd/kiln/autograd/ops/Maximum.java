package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/**
 * Elementwise {@code max(a, b)} with broadcasting. On ties the whole gradient goes to {@code a}
 * (TensorFlow's {@code _MaximumGrad}: a where a &gt;= b, b where a &lt; b); PyTorch would split it.
 */
public final class Maximum extends Op {
    private Tensor aWins;

    @Override protected Tensor forward(Tensor... in) {
        aWins = in[0].ge(in[1]);
        return in[0].maximum(in[1]);
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return select(g, aWins, needs);
    }

    /** g where the mask is 1 for the first input, the rest for the second. */
    static Tensor[] select(Tensor g, Tensor firstWins, boolean[] needs) {
        Tensor zero = g.scalarLike(0f);
        return new Tensor[] {
            needs[0] ? Tensor.where(firstWins, g, zero) : null,
            needs[1] ? Tensor.where(firstWins, zero, g) : null};
    }
}
