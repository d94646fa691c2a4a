package kiln.nn.layers;

import kiln.autograd.Variable;

/** The first input minus the second (exactly two inputs) (Keras {@code Subtract}). */
public final class Subtract extends Merge {
    public Subtract(String name) {
        super(name);
    }

    public Subtract() {
        this(null);
    }

    @Override
    protected void build(java.util.List<int[]> shapes) {
        if (shapes.size() != 2) {
            throw argumentError("A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape="
                    + shapes.stream().map(KerasTensor::shapeText).toList());
        }
        super.build(shapes);
    }

    @Override
    protected Variable merge(Variable a, Variable b) {
        return a.sub(b);
    }
}
