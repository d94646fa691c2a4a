package kiln.nn.layers;

import kiln.autograd.Variable;

/** The elementwise minimum of its inputs (Keras {@code Minimum}). */
public final class Minimum extends Merge {
    public Minimum(String name) {
        super(name);
    }

    public Minimum() {
        this(null);
    }

    @Override
    protected Variable merge(Variable a, Variable b) {
        return a.minimum(b);
    }
}
