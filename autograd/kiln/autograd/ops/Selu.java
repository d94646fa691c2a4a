package kiln.autograd.ops;

import kiln.tensor.Tensor;

/**
 * {@code scale·(x > 0 ? x : alpha·(e^x − 1))} with Keras's constants; derivative scale for x &gt; 0,
 * else y + scale·alpha (at 0: the left branch, scale·alpha, as TensorFlow's SeluGrad).
 */
public final class Selu extends Pointwise {
    /** Klambauer et al. 2017, the values Keras uses. */
    static final float ALPHA = 1.6732632423543772f;
    static final float SCALE = 1.0507009873554805f;

    @Override protected Tensor value(Tensor x) { return x.selu(); }
    @Override protected Tensor derivative(Tensor x, Tensor y) {
        return Tensor.where(x.gt(c(x, 0f)), c(x, SCALE), y.add(SCALE * ALPHA));
    }
}
