package kiln.nn.layers;

import java.util.List;
import kiln.autograd.Variable;

/**
 * Base of the elementwise merging layers (Add, Subtract, Multiply, Average, Maximum, Minimum): a
 * list of inputs of one rank whose non-batch dimensions are equal or 1 (broadcast, as Keras),
 * combined pairwise left to right. A list of one input gives that input, as Keras; a single tensor
 * (not in a list) is an error.
 */
public abstract class Merge extends Layer {
    protected Merge(String name) {
        super(name);
    }

    /** Combines two inputs. */
    protected abstract Variable merge(Variable a, Variable b);

    @Override
    protected void rejectSingleTensor(int[] shape) {
        throw argumentError("A merge layer should be called on a list of inputs. Received: input_shape="
                + KerasTensor.shapeText(shape) + " (not a list of shapes)");
    }

    @Override
    protected void build(List<int[]> shapes) {
        if (shapes.isEmpty()) {
            throw argumentError("A merge layer should be called on a list of at least 1 input. Received 0 inputs. "
                    + "Full input_shape received: []");
        }
        computeOutputShape(shapes);
    }

    @Override
    protected Variable call(List<Variable> xs, boolean training) {
        int batch = xs.get(0).value().dim(0);
        for (Variable x : xs) {
            if (x.value().dim(0) != batch) {
                throw argumentError("Cannot merge tensors with different batch sizes. Received tensors with shapes "
                        + xs.stream().map(v -> KerasTensor.shapeText(v.value().dims())).toList());
            }
        }
        Variable acc = xs.get(0);
        for (int i = 1; i < xs.size(); i++) {
            acc = merge(acc, xs.get(i));
        }
        return acc;
    }

    /** A list of one input: that input. */
    @Override
    protected Variable call(Variable x, boolean training) {
        return x;
    }

    @Override
    public int[] computeOutputShape(List<int[]> shapes) {
        int[] out = shapes.get(0).clone();
        for (int[] s : shapes) {
            if (s.length != out.length) {
                throw argumentError("Kiln merges inputs of one rank only. Received shapes "
                        + KerasTensor.shapeText(tail(shapes.get(0))) + " and " + KerasTensor.shapeText(tail(s)));
            }
            for (int i = 1; i < s.length; i++) {
                if (s[i] >= 0 && out[i] >= 0 && s[i] != out[i] && s[i] != 1 && out[i] != 1) {
                    throw argumentError("Inputs have incompatible shapes. Received shapes "
                            + KerasTensor.shapeText(tail(out)) + " and " + KerasTensor.shapeText(tail(s)));
                }
                out[i] = out[i] < 0 || s[i] < 0 ? -1 : out[i] == 1 ? s[i] : out[i];
            }
        }
        return out;
    }

    private static int[] tail(int[] s) {
        return java.util.Arrays.copyOfRange(s, Math.min(1, s.length), s.length);
    }
}
