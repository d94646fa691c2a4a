package kiln.nn.initializers;

import java.util.Map;

/** Keras {@code HeUniform} ("he_uniform"): VarianceScaling(scale=2.0, mode="fan_in", distribution="uniform"). */
public final class HeUniform extends VarianceScaling {
    public HeUniform(Integer seed) {
        super(2.0, "fan_in", "uniform", seed);
    }

    public HeUniform() {
        this(null);
    }

    @Override
    public String className() {
        return "HeUniform";
    }

    /** Keras keeps only the seed (and unused axes overrides): the rest is fixed by the class. */
    @Override
    public Map<String, Object> getConfig() {
        return configWith("input_axes", null, "output_axes", null);
    }
}
