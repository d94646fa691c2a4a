package kiln.nn.layers;

import java.util.List;
import kiln.autograd.Variable;

/**
 * Base of the elementwise merging layers (Add, Subtract, Multiply, Average, Maximum, Minimum): at
 * least two inputs of one shape (broadcastable, as Keras), combined pairwise left to right.
 */
public abstract class Merge extends Layer {
    protected Merge(String name) {
        super(name);
    }

    /** Combines two inputs. */
    protected abstract Variable merge(Variable a, Variable b);

    /** The minimum number of inputs (2). */
    protected int minInputs() {
        return 2;
    }

    @Override
    protected void build(List<int[]> shapes) {
        if (shapes.size() < minInputs()) {
            throw new IllegalArgumentException("A merge layer \"" + name() + "\" (" + className() + ") should be called "
                    + "on a list of at least " + minInputs() + " inputs. Got " + shapes.size() + " inputs.");
        }
        int[] first = shapes.get(0);
        for (int[] s : shapes) {
            if (s.length != first.length) {
                throw new IllegalArgumentException("Inputs of layer \"" + name() + "\" must have the same rank, got "
                        + KerasTensor.shapeText(first) + " and " + KerasTensor.shapeText(s));
            }
            for (int i = 1; i < s.length; i++) {
                if (s[i] >= 0 && first[i] >= 0 && s[i] != first[i] && s[i] != 1 && first[i] != 1) {
                    throw new IllegalArgumentException("Inputs of layer \"" + name() + "\" have incompatible shapes "
                            + KerasTensor.shapeText(first) + " and " + KerasTensor.shapeText(s));
                }
            }
        }
    }

    @Override
    protected Variable call(List<Variable> xs, boolean training) {
        Variable acc = xs.get(0);
        for (int i = 1; i < xs.size(); i++) {
            acc = merge(acc, xs.get(i));
        }
        return acc;
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        throw new IllegalArgumentException("A merge layer \"" + name() + "\" should be called on a list of inputs.");
    }

    @Override
    public int[] computeOutputShape(List<int[]> shapes) {
        int[] out = shapes.get(0).clone();
        for (int[] s : shapes) {
            for (int i = 1; i < s.length; i++) {
                out[i] = out[i] == 1 ? s[i] : out[i];
            }
        }
        return out;
    }
}
