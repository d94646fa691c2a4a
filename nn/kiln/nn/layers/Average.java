package kiln.nn.layers;

import java.util.List;
import kiln.autograd.Variable;

/** The elementwise mean of its inputs (Keras {@code Average}). */
public final class Average extends Merge {
    public Average(String name) {
        super(name);
    }

    public Average() {
        this(null);
    }

    @Override
    protected Variable merge(Variable a, Variable b) {
        return a.add(b);
    }

    @Override
    protected Variable call(List<Variable> xs, boolean training) {
        return super.call(xs, training).mul(1f / xs.size());
    }
}
