package kiln.nn.initializers;

import java.util.Map;

/** Keras {@code LecunNormal} ("lecun_normal"): VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal"). */
public final class LecunNormal extends VarianceScaling {
    public LecunNormal(Integer seed) {
        super(1.0, "fan_in", "truncated_normal", seed);
    }

    public LecunNormal() {
        this(null);
    }

    @Override
    public String className() {
        return "LecunNormal";
    }

    /** Keras keeps only the seed (and unused axes overrides): the rest is fixed by the class. */
    @Override
    public Map<String, Object> getConfig() {
        return configWith("input_axes", null, "output_axes", null);
    }
}
