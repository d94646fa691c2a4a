package kiln.autograd.ops;

import kiln.tensor.Tensor;

/**
 * {@code max(x, 0)}. relu'(0) = 0 (TensorFlow/Keras): the gradient passes only where y &gt; 0. Not
 * written as maximum(x, 0), whose tie rule would pass the gradient at 0.
 */
public final class Relu extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.relu(); }
    @Override protected boolean usesInput() { return false; }
    @Override protected Tensor derivative(Tensor x, Tensor y) { return y.gt(c(y, 0f)); }
    /** One fused pass: g · (y &gt; 0). */
    @Override protected Tensor grad(Tensor g, Tensor x, Tensor y) { return g.binary(kiln.tensor.BinaryOp.RELU_GRAD, y); }
}
