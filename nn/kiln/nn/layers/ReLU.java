package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Variable;
import kiln.nn.activations.Activation;
import kiln.nn.activations.Activations;

/**
 * Keras {@code ReLU(max_value=None, negative_slope=0.0, threshold=0.0)} (auto-named {@code re_lu}):
 * {@code x} for {@code threshold <= x < max_value}, {@code max_value} above, and
 * {@code negative_slope·(x − threshold)} below the threshold.
 *
 * <pre>{@code
 * new ReLU()                       // max(x, 0)
 * new ReLU(6f, 0f, 0f, null)       // relu6
 * }</pre>
 */
public final class ReLU extends Layer {
    private final Float maxValue;
    private final float negativeSlope;
    private final float threshold;
    private final Activation fn;

    /**
     * @param maxValue the saturation value, or null for none
     * @throws IllegalArgumentException for a negative max_value, negative_slope or threshold (Keras's wording)
     */
    public ReLU(Float maxValue, float negativeSlope, float threshold, String name) {
        super(name);
        if (maxValue != null && maxValue < 0) {
            throw argumentError("max_value of a ReLU layer cannot be a negative value. Received: max_value=" + maxValue);
        }
        if (!(negativeSlope >= 0)) {
            throw argumentError("negative_slope of a ReLU layer cannot be None or a negative value. Received: "
                    + "negative_slope=" + negativeSlope);
        }
        if (!(threshold >= 0)) {
            throw argumentError("threshold of a ReLU layer cannot be None or a negative value. Received: threshold="
                    + threshold);
        }
        this.maxValue = maxValue;
        this.negativeSlope = negativeSlope;
        this.threshold = threshold;
        this.fn = Activations.relu(negativeSlope, maxValue, threshold);
    }

    public ReLU() {
        this(null, 0f, 0f, null);
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        return fn.apply(x);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("max_value", maxValue == null ? null : (double) maxValue);
        m.put("negative_slope", (double) negativeSlope);
        m.put("threshold", (double) threshold);
        return m;
    }
}
