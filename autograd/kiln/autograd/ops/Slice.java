package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.DType;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Python-style {@code [start:end]} along an axis (negative bounds count from the end). The gradient is
 * g placed into zeros of the input's shape.
 */
public final class Slice extends Op {
    private final int axis;
    private final int start;
    private final int end;
    private Shape inShape;
    private int from;

    public Slice(int axis, int start, int end) {
        this.axis = axis;
        this.start = start;
        this.end = end;
    }

    @Override protected Tensor forward(Tensor... in) {
        Tensor y = in[0].slice(axis, start, end);
        inShape = in[0].shape();
        int n = inShape.dim(axis);
        from = start < 0 ? start + n : start;
        return y;
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        if (!needs[0]) {
            return new Tensor[] {null};
        }
        Tensor dx = Tensor.zeros(DType.FLOAT32, inShape, g.device());
        dx.narrow(axis, from, g.dim(axis)).copyFrom(g);
        return new Tensor[] {dx};
    }
}
