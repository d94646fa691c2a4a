package kiln.nn.layers;

import kiln.autograd.Variable;

/** Sums its inputs (Keras {@code Add}). */
public final class Add extends Merge {
    public Add(String name) {
        super(name);
    }

    public Add() {
        this(null);
    }

    @Override
    protected Variable merge(Variable a, Variable b) {
        return a.add(b);
    }
}
