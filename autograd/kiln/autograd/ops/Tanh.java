package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code tanh x}; derivative 1 − y², from the output. */
public final class Tanh extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.tanh(); }
    @Override protected boolean usesInput() { return false; }
    @Override protected Tensor derivative(Tensor x, Tensor y) { return c(y, 1f).sub(y.square()); }
}
