package kiln.nn.regularizers;

import java.util.List;
import java.util.Map;
import kiln.nn.saving.Registry;

/**
 * Keras's {@code regularizers.get}: class names and their snake_case forms ("l1", "L1", "l2", "l1l2",
 * "L1L2", "orthogonal_regularizer", "OrthogonalRegularizer"; case-sensitive as in Keras), made with
 * defaults; and configs. Kiln also accepts "l1_l2", the name of Keras's Python alias
 * {@code keras.regularizers.l1_l2} (Keras's string lookup does not).
 */
public final class Regularizers {
    private static final Registry<Regularizer> REGISTRY = new Registry<Regularizer>("regularizer")
            .add("L1", L1::new, c -> new L1(c.getDouble("l1", 0.01)), "l1")
            .add("L2", L2::new, c -> new L2(c.getDouble("l2", 0.01)), "l2")
            .add("L1L2", L1L2::new, c -> new L1L2(c.getDouble("l1", 0.0), c.getDouble("l2", 0.0)), "l1l2", "l1_l2")
            .add("OrthogonalRegularizer", OrthogonalRegularizer::new,
                    c -> new OrthogonalRegularizer(c.getDouble("factor", 0.01), c.getString("mode", "rows")),
                    "orthogonal_regularizer");

    private Regularizers() {}

    /** The regularizer a Keras identifier names, with defaults. @throws IllegalArgumentException if unknown */
    public static Regularizer get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** Rebuilds a regularizer from its Keras class name and config. */
    public static Regularizer fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.fromConfig(className, config);
    }

    /** All string identifiers. */
    public static List<String> names() {
        return REGISTRY.names();
    }
}
