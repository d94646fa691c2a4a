package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code x / (1 + |x|)}; derivative 1 / (1 + |x|)². */
public final class Softsign extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.softsign(); }
    @Override protected Tensor derivative(Tensor x, Tensor y) { return x.abs().add(1f).square().reciprocal(); }
}
