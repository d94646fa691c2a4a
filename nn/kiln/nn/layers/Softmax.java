package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Variable;

/** Keras {@code Softmax(axis=-1)}. */
public final class Softmax extends Layer {
    private final int axis;

    public Softmax(int axis, String name) {
        super(name);
        this.axis = axis;
    }

    public Softmax() {
        this(-1, null);
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        return x.softmax(axis);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("axis", axis);
        return m;
    }
}
