package kiln.nn.initializers;

import java.util.Map;

/** Keras {@code GlorotUniform} ("glorot_uniform"): VarianceScaling(scale=1.0, mode="fan_avg", distribution="uniform"). */
public final class GlorotUniform extends VarianceScaling {
    public GlorotUniform(Integer seed) {
        super(1.0, "fan_avg", "uniform", seed);
    }

    public GlorotUniform() {
        this(null);
    }

    @Override
    public String className() {
        return "GlorotUniform";
    }

    /** Keras keeps only the seed (and unused axes overrides): the rest is fixed by the class. */
    @Override
    public Map<String, Object> getConfig() {
        return configWith("input_axes", null, "output_axes", null);
    }
}
