package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code x · hard_sigmoid(x)}; derivative hard_sigmoid(x) + x/6 inside (−3, 3). */
public final class HardSilu extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.hardSilu(); }
    @Override protected Tensor derivative(Tensor x, Tensor y) {
        return x.hardSigmoid().add(HardSigmoid.inside(x).mul(x).mul(1f / 6f));
    }
}
