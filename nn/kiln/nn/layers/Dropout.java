package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Functions;
import kiln.autograd.Variable;
import kiln.tensor.Generator;

/**
 * Inverted dropout (Keras {@code Dropout}): in training, each element is zeroed with probability
 * {@code rate} and the survivors scaled by 1/(1 − rate); in inference, the identity. Seeded by
 * {@code seed} or the global generator.
 */
public final class Dropout extends Layer {
    private final double rate;
    private final Integer seed;
    private final Generator generator;

    public Dropout(double rate, Integer seed, String name) {
        super(name);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value "
                    + "between 0 and 1. Received: rate=" + rate);
        }
        this.rate = rate;
        this.seed = seed;
        this.generator = seed == null ? null : new Generator(seed);
    }

    public Dropout(double rate) {
        this(rate, null, null);
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        if (rate == 1) { // Keras accepts 1: everything dropped
            return x.mul(0f);
        }
        return Functions.dropout(x, (float) rate, generator != null ? generator : Generator.global());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("rate", rate);
        m.put("seed", seed);
        m.put("noise_shape", null);
        return m;
    }
}
