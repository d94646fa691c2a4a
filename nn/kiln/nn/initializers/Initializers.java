package kiln.nn.initializers;

import java.util.List;
import java.util.Map;
import kiln.nn.saving.Config;
import kiln.nn.saving.Registry;

/**
 * Keras's {@code initializers.get}: string identifiers (class names, snake_case names and aliases)
 * and configs to initializers.
 */
public final class Initializers {
    private static final Registry<Initializer> REGISTRY = new Registry<Initializer>("initializer")
            .add("Zeros", Zeros::new, c -> new Zeros(), "zeros", "zero")
            .add("Ones", Ones::new, c -> new Ones(), "ones", "one")
            .add("Constant", Constant::new, c -> new Constant(c.getDouble("value", 0.0)), "constant")
            .add("RandomNormal", RandomNormal::new,
                    c -> new RandomNormal(c.getDouble("mean", 0.0), c.getDouble("stddev", 0.05), c.getIntOrNull("seed")),
                    "random_normal", "normal")
            .add("RandomUniform", RandomUniform::new,
                    c -> new RandomUniform(c.getDouble("minval", -0.05), c.getDouble("maxval", 0.05), c.getIntOrNull("seed")),
                    "random_uniform", "uniform")
            .add("TruncatedNormal", TruncatedNormal::new,
                    c -> new TruncatedNormal(c.getDouble("mean", 0.0), c.getDouble("stddev", 0.05), c.getIntOrNull("seed")),
                    "truncated_normal")
            .add("VarianceScaling", VarianceScaling::new,
                    c -> new VarianceScaling(c.getDouble("scale", 1.0), c.getString("mode", "fan_in"),
                            c.getString("distribution", "truncated_normal"), c.getIntOrNull("seed")),
                    "variance_scaling")
            .add("GlorotUniform", GlorotUniform::new, c -> new GlorotUniform(seed(c)), "glorot_uniform")
            .add("GlorotNormal", GlorotNormal::new, c -> new GlorotNormal(seed(c)), "glorot_normal")
            .add("HeUniform", HeUniform::new, c -> new HeUniform(seed(c)), "he_uniform")
            .add("HeNormal", HeNormal::new, c -> new HeNormal(seed(c)), "he_normal")
            .add("LecunUniform", LecunUniform::new, c -> new LecunUniform(seed(c)), "lecun_uniform")
            .add("LecunNormal", LecunNormal::new, c -> new LecunNormal(seed(c)), "lecun_normal")
            .add("Orthogonal", Orthogonal::new,
                    c -> new Orthogonal(c.getDouble("gain", 1.0), c.getIntOrNull("seed")), "orthogonal",
                    "OrthogonalInitializer")
            .add("Identity", Identity::new, c -> new Identity(c.getDouble("gain", 1.0)), "identity", "IdentityInitializer");

    private Initializers() {}

    private static Integer seed(Config c) {
        return c.getIntOrNull("seed");
    }

    /** The initializer a Keras identifier names, with defaults ("glorot_uniform", "HeNormal", "zeros", ...). */
    public static Initializer get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** Rebuilds an initializer from its Keras class name and config. */
    public static Initializer fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.fromConfig(className, config);
    }

    /** All string identifiers. */
    public static List<String> names() {
        return REGISTRY.names();
    }
}
