package kiln.nn.layers;

import kiln.autograd.Variable;

/** The elementwise product of its inputs (Keras {@code Multiply}). */
public final class Multiply extends Merge {
    public Multiply(String name) {
        super(name);
    }

    public Multiply() {
        this(null);
    }

    @Override
    protected Variable merge(Variable a, Variable b) {
        return a.mul(b);
    }
}
