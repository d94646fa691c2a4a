package kiln.nn.layers;

import java.util.List;
import java.util.Map;
import kiln.autograd.Functions;
import kiln.autograd.Variable;

/**
 * Joins a list of inputs along {@code axis} (default -1); the other dimensions must agree (Keras
 * {@code Concatenate}). A list of one input gives that input; a single tensor (not a list) is an error.
 *
 * <pre>{@code
 * new Concatenate().apply(wide, deep)    // (None, 5) and (None, 30) → (None, 35)
 * }</pre>
 */
public final class Concatenate extends Layer {
    private final int axis;

    public Concatenate(int axis, String name) {
        super(name);
        this.axis = axis;
    }

    public Concatenate(String name) {
        this(-1, name);
    }

    public Concatenate() {
        this(-1, null);
    }

    @Override
    protected void build(List<int[]> shapes) {
        if (shapes.size() < 1) {
            throw argumentError("A `Concatenate` layer should be called on a list of at least 1 input. "
                    + "Received: input_shape=[]");
        }
        computeOutputShape(shapes); // validates
    }

    @Override
    public int[] computeOutputShape(List<int[]> shapes) {
        int[] first = shapes.get(0);
        int a = axis < 0 ? axis + first.length : axis;
        int[] out = first.clone();
        for (int k = 1; k < shapes.size(); k++) {
            int[] s = shapes.get(k);
            boolean ok = s.length == first.length;
            for (int i = 0; ok && i < s.length; i++) {
                ok = i == a || s[i] < 0 || first[i] < 0 || s[i] == first[i];
            }
            if (!ok) {
                throw argumentError("A `Concatenate` layer requires inputs with matching shapes except for the "
                        + "concatenation axis. Received: input_shape="
                        + shapes.stream().map(KerasTensor::shapeText).toList());
            }
            out[a] = out[a] < 0 || s[a] < 0 ? -1 : out[a] + s[a];
        }
        return out;
    }

    @Override
    protected void rejectSingleTensor(int[] shape) {
        throw argumentError("A `Concatenate` layer should be called on a list of at least 1 input. Received: "
                + "input_shape=" + KerasTensor.shapeText(shape));
    }

    /** The concatenation axis. */
    public int axis() {
        return axis;
    }

    @Override
    protected Variable call(List<Variable> xs, boolean training) {
        return Functions.concat(axis, xs.toArray(new Variable[0]));
    }

    /** A list of one input: that input (as Keras). */
    @Override
    protected Variable call(Variable x, boolean training) {
        return x;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("axis", axis);
        return m;
    }
}
