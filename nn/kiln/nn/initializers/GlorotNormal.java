package kiln.nn.initializers;

import java.util.Map;

/** Keras {@code GlorotNormal} ("glorot_normal"): VarianceScaling(scale=1.0, mode="fan_avg", distribution="truncated_normal"). */
public final class GlorotNormal extends VarianceScaling {
    public GlorotNormal(Integer seed) {
        super(1.0, "fan_avg", "truncated_normal", seed);
    }

    public GlorotNormal() {
        this(null);
    }

    @Override
    public String className() {
        return "GlorotNormal";
    }

    /** Keras keeps only the seed (and unused axes overrides): the rest is fixed by the class. */
    @Override
    public Map<String, Object> getConfig() {
        return configWith("input_axes", null, "output_axes", null);
    }
}
