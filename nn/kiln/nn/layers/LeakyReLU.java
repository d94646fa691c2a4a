package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Variable;

/** Keras {@code LeakyReLU(negative_slope=0.3)}: max(x, a·x) (auto-named {@code leaky_re_lu}). */
public final class LeakyReLU extends Layer {
    private final double negativeSlope;

    public LeakyReLU(double negativeSlope, String name) {
        super(name);
        if (!(negativeSlope >= 0)) {
            throw argumentError("The negative_slope value of a Leaky ReLU layer cannot be None or negative value. "
                    + "Expected a float. Received: negative_slope=" + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    public LeakyReLU() {
        this(0.3, null);
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        return x.leakyRelu((float) negativeSlope);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("negative_slope", negativeSlope);
        return m;
    }
}
