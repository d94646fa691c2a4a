package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code x·σ(x)} (swish); derivative σ(x)·(1 + x·(1 − σ(x))). */
public final class Silu extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.silu(); }
    @Override protected Tensor derivative(Tensor x, Tensor y) {
        Tensor s = x.sigmoid();
        return s.mul(x.mul(c(x, 1f).sub(s)).add(1f));
    }
}
