package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code x > 0 ? x : alpha·x}; the derivative at 0 is alpha (TensorFlow's LeakyReluGrad: {@code x > 0}). */
public final class LeakyRelu extends Pointwise {
    private final float alpha;

    public LeakyRelu(float alpha) {
        this.alpha = alpha;
    }

    @Override protected Tensor value(Tensor x) { return x.leakyRelu(alpha); }
    @Override protected Tensor derivative(Tensor x, Tensor y) {
        return Tensor.where(x.gt(c(x, 0f)), c(x, 1f), c(x, alpha));
    }
}
