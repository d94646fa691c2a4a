package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code 1/(1+e^-x)}; derivative y(1 − y), from the output. */
public final class Sigmoid extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.sigmoid(); }
    @Override protected boolean usesInput() { return false; }
    @Override protected Tensor derivative(Tensor x, Tensor y) { return y.mul(c(y, 1f).sub(y)); }
}
