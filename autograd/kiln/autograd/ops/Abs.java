package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code |x|}; abs'(0) = 0, as TensorFlow (the gradient is g · sign(x)). */
public final class Abs extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.abs(); }
    @Override protected Tensor derivative(Tensor x, Tensor y) { return x.sign(); }
}
