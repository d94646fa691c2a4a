package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/**
 * {@code cond != 0 ? a : b}, all three broadcast together. The condition is data (a float32 0/1 tensor
 * given to the constructor), not differentiable; the gradient goes to whichever side was chosen.
 */
public final class Where extends Op {
    private final Tensor cond;

    public Where(Tensor cond) {
        this.cond = cond;
    }

    @Override protected Tensor forward(Tensor... in) { return Tensor.where(cond, in[0], in[1]); }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return Maximum.select(g, cond, needs);
    }
}
