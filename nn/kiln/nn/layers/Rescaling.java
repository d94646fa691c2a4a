package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Variable;

/** {@code x·scale + offset} (Keras {@code Rescaling}), e.g. {@code new Rescaling(1 / 255.0)} for pixels. */
public final class Rescaling extends Layer {
    private final double scale;
    private final double offset;

    public Rescaling(double scale, double offset, String name) {
        super(name);
        this.scale = scale;
        this.offset = offset;
    }

    public Rescaling(double scale) {
        this(scale, 0.0, null);
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        Variable y = x.mul((float) scale);
        return offset == 0 ? y : y.add((float) offset);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("scale", scale);
        m.put("offset", offset);
        return m;
    }
}
