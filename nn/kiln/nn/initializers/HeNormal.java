package kiln.nn.initializers;

import java.util.Map;

/** Keras {@code HeNormal} ("he_normal"): VarianceScaling(scale=2.0, mode="fan_in", distribution="truncated_normal"). */
public final class HeNormal extends VarianceScaling {
    public HeNormal(Integer seed) {
        super(2.0, "fan_in", "truncated_normal", seed);
    }

    public HeNormal() {
        this(null);
    }

    @Override
    public String className() {
        return "HeNormal";
    }

    /** Keras keeps only the seed (and unused axes overrides): the rest is fixed by the class. */
    @Override
    public Map<String, Object> getConfig() {
        return configWith("input_axes", null, "output_axes", null);
    }
}
