package kiln.autograd.ops;

import kiln.tensor.Tensor;

/** Natural logarithm; derivative 1/x. */
public final class Log extends Pointwise {
    @Override protected Tensor value(Tensor x) { return x.log(); }
    @Override protected Tensor derivative(Tensor x, Tensor y) { return x.reciprocal(); }
    @Override protected Tensor grad(Tensor g, Tensor x, Tensor y) { return g.div(x); }
}
