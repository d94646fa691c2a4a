package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code -x}. */
public final class Neg extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.neg(); }
    @Override protected boolean usesInput() { return false; }
    @Override protected Tensor derivative(Tensor x, Tensor y) { return c(y, -1f); }
    @Override protected Tensor grad(Tensor g, Tensor x, Tensor y) { return g.neg(); }
}
