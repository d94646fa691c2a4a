package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** {@code √x}; derivative 1/(2y), infinite at 0 (as every framework). */
public final class Sqrt extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.sqrt(); }
    @Override protected boolean usesInput() { return false; }
    @Override protected Tensor derivative(Tensor x, Tensor y) { return y.mul(2f).reciprocal(); }
    @Override protected Tensor grad(Tensor g, Tensor x, Tensor y) { return g.div(y.mul(2f)); }
}
