package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code log(1 + e^x)}; derivative sigmoid(x). */
public final class Softplus extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.softplus(); }
    @Override protected Tensor derivative(Tensor x, Tensor y) { return x.sigmoid(); }
}
