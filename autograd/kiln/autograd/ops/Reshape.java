package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/** The same elements with another shape (one dimension may be −1); the gradient is reshaped back. */
public final class Reshape extends Op {
    private final int[] dims;
    private Shape inShape;

    public Reshape(int... dims) {
        this.dims = dims.clone();
    }

    @Override protected Tensor forward(Tensor... in) {
        inShape = in[0].shape();
        return in[0].reshape(dims);
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? g.reshape(inShape) : null};
    }
}
