package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Variable;
import kiln.nn.activations.Activation;
import kiln.nn.activations.Activations;

/** Keras {@code ReLU(max_value=None, negative_slope=0.0, threshold=0.0)} (auto-named {@code re_lu}). */
public final class ReLU extends Layer {
    private final Float maxValue;
    private final float negativeSlope;
    private final float threshold;
    private final Activation fn;

    public ReLU(Float maxValue, float negativeSlope, float threshold, String name) {
        super(name);
        if ((maxValue != null && maxValue < 0) || negativeSlope < 0) {
            throw new IllegalArgumentException("ReLU: max_value and negative_slope must be >= 0, received: max_value="
                    + maxValue + ", negative_slope=" + negativeSlope);
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
