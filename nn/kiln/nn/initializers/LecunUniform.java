package kiln.nn.initializers;

import java.util.Map;

/** Keras {@code LecunUniform} ("lecun_uniform"): VarianceScaling(scale=1.0, mode="fan_in", distribution="uniform"). */
public final class LecunUniform extends VarianceScaling {
    public LecunUniform(Integer seed) {
        super(1.0, "fan_in", "uniform", seed);
    }

    public LecunUniform() {
        this(null);
    }

    @Override
    public String className() {
        return "LecunUniform";
    }

    /** Keras keeps only the seed (and unused axes overrides): the rest is fixed by the class. */
    @Override
    public Map<String, Object> getConfig() {
        return configWith("input_axes", null, "output_axes", null);
    }
}
