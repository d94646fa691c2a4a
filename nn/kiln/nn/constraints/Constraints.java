package kiln.nn.constraints;

import java.util.List;
import java.util.Map;
import kiln.nn.saving.Config;
import kiln.nn.saving.Registry;

/**
 * Keras's {@code constraints.get}: class names and their snake_case ("max_norm", "min_max_norm",
 * "non_neg", "unit_norm"; case-sensitive; "Constraint"/"constraint" is Keras's base class, the identity) to constraints with defaults, and configs to constraints.
 */
public final class Constraints {
    private static final Registry<Constraint> REGISTRY = new Registry<Constraint>("constraint")
            .add("MaxNorm", MaxNorm::new, Constraints::maxNorm, "max_norm")
            .add("MinMaxNorm", MinMaxNorm::new, c -> new MinMaxNorm(c.getDouble("min_value", 0.0),
                    c.getDouble("max_value", 1.0), c.getDouble("rate", 1.0), axes(c), !(c.raw("axis") instanceof List)),
                    "min_max_norm")
            .add("NonNeg", NonNeg::new, c -> new NonNeg(), "non_neg")
            .add("UnitNorm", UnitNorm::new, c -> new UnitNorm(axes(c), !(c.raw("axis") instanceof List)), "unit_norm")
            .add("Constraint", IdentityConstraint::new, c -> new IdentityConstraint(), "constraint");

    private Constraints() {}

    private static MaxNorm maxNorm(Config c) {
        Object v = c.raw("max_value");
        if (v != null && !(v instanceof Number)) {
            throw new IllegalArgumentException("MaxNorm: config key 'max_value' must be a number, got " + v);
        }
        return new MaxNorm(v == null ? (Number) 2 : (Number) v, axes(c), !(c.raw("axis") instanceof List));
    }

    private static int[] axes(Config c) {
        return Norms.parseAxis("constraint config", c.raw("axis"));
    }

    /**
     * The constraint a Keras identifier names, with defaults.
     *
     * @throws IllegalArgumentException for an unknown identifier, listing the valid ones
     */
    public static Constraint get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** Rebuilds a constraint from its Keras class name and config. */
    public static Constraint fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.fromConfig(className, config);
    }

    /** All string identifiers, sorted. */
    public static List<String> names() {
        return REGISTRY.names();
    }
}
