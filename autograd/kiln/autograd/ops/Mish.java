package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code x·tanh(softplus(x))}; derivative t + x·(1 − t²)·σ(x) with t = tanh(softplus(x)). */
public final class Mish extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.mish(); }
    @Override protected Tensor derivative(Tensor x, Tensor y) {
        Tensor t = x.softplus().tanh();
        return t.add(x.mul(c(x, 1f).sub(t.square())).mul(x.sigmoid()));
    }
}
