package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code x²}; derivative 2x. */
public final class Square extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.square(); }
    @Override protected Tensor derivative(Tensor x, Tensor y) { return x.mul(2f); }
}
