package kiln.autograd.ops;

import kiln.tensor.Tensor;

/**
 * Keras 3's {@code relu6(x + 3) / 6}. The derivative is 1/6 strictly inside (−3, 3) and 0 outside and
 * at ±3, as TensorFlow's relu6 gradient ({@code 0 < x + 3 < 6}).
 */
public final class HardSigmoid extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.hardSigmoid(); }
    @Override protected Tensor derivative(Tensor x, Tensor y) { return inside(x).mul(1f / 6f); }

    /** 1 where −3 &lt; x &lt; 3, else 0. */
    static Tensor inside(Tensor x) {
        return x.gt(c(x, -3f)).mul(x.lt(c(x, 3f)));
    }
}
