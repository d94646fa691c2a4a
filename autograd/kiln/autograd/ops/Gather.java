package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.DType;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * {@code x.take(indices, axis)} (an embedding lookup when axis is 0). The indices are int32 data given
 * to the constructor. The gradient scatters g back, adding where an index repeats.
 */
public final class Gather extends Op {
    private final Tensor indices;
    private final int axis;
    private Shape inShape;
    private int resolvedAxis;

    public Gather(Tensor indices, int axis) {
        this.indices = indices;
        this.axis = axis;
    }

    @Override protected Tensor forward(Tensor... in) {
        Tensor y = in[0].take(indices, axis); // validates
        inShape = in[0].shape();
        resolvedAxis = inShape.axis(axis);
        return y;
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        if (!needs[0]) {
            return new Tensor[] {null};
        }
        Tensor dx = Tensor.zeros(DType.FLOAT32, inShape, g.device());
        return new Tensor[] {dx.indexAddi(resolvedAxis, indices, g)};
    }
}
