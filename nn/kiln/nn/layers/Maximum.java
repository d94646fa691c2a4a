package kiln.nn.layers;

import kiln.autograd.Variable;

/** The elementwise maximum of its inputs (Keras {@code Maximum}). */
public final class Maximum extends Merge {
    public Maximum(String name) {
        super(name);
    }

    public Maximum() {
        this(null);
    }

    @Override
    protected Variable merge(Variable a, Variable b) {
        return a.maximum(b);
    }
}
