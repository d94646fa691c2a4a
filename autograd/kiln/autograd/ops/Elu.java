package kiln.autograd.ops;

import kiln.tensor.Tensor;

/**
 * {@code x > 0 ? x : alpha·(e^x − 1)}; derivative 1 for x &gt; 0, else y + alpha (= alpha·e^x). At 0 the
 * left branch (alpha), as Keras 3's {@code where(x > 0, x, alpha·expm1(x))} differentiates.
 */
public final class Elu extends Pointwise {
    private final float alpha;

    public Elu(float alpha) {
        this.alpha = alpha;
    }

    @Override protected Tensor value(Tensor x) { return x.elu(alpha); }
    @Override protected Tensor derivative(Tensor x, Tensor y) {
        return Tensor.where(x.gt(c(x, 0f)), c(x, 1f), y.add(alpha));
    }
}
