package kiln.nn.optimizers;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import kiln.nn.saving.Config;
import kiln.nn.saving.Registry;

/**
 * Keras's {@code optimizers.get} and {@code deserialize}: a class name, case-insensitive
 * ("adam", "Adam", "SGD", "sgd", "rmsprop", "adamw", ...), makes an optimizer with defaults; a class
 * name and config rebuild one. An unknown config key fails as Keras does ("Argument(s) not
 * recognized"); the old {@code decay} key is ignored.
 */
public final class Optimizers {
    private static final Registry<Optimizer> REGISTRY = new Registry<>("optimizer");
    private static final Map<String, String> CANONICAL = new java.util.LinkedHashMap<>();
    private static final Map<String, Factory> FACTORIES = new java.util.HashMap<>();
    private static final Map<String, Set<String>> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        add("SGD", SGD::new, (c, o) -> new SGD(c.getDouble("momentum", 0.0), c.getBoolean("nesterov", false), o));
        add("RMSprop", RMSprop::new, (c, o) -> new RMSprop(c.getDouble("rho", 0.9), c.getDouble("momentum", 0.0),
                c.getDouble("epsilon", 1e-7), c.getBoolean("centered", false), o));
        add("Adagrad", Adagrad::new, (c, o) -> new Adagrad(c.getDouble("initial_accumulator_value", 0.1),
                c.getDouble("epsilon", 1e-7), o));
        add("Adadelta", Adadelta::new, (c, o) -> new Adadelta(c.getDouble("rho", 0.95), c.getDouble("epsilon", 1e-7), o));
        add("Adam", Adam::new, (c, o) -> new Adam(c.getDouble("beta_1", 0.9), c.getDouble("beta_2", 0.999),
                c.getDouble("epsilon", 1e-7), c.getBoolean("amsgrad", false), o));
        add("AdamW", AdamW::new, (c, o) -> new AdamW(c.getDouble("beta_1", 0.9), c.getDouble("beta_2", 0.999),
                c.getDouble("epsilon", 1e-7), c.getBoolean("amsgrad", false), o));
        add("Adamax", Adamax::new, (c, o) -> new Adamax(c.getDouble("beta_1", 0.9), c.getDouble("beta_2", 0.999),
                c.getDouble("epsilon", 1e-7), o));
        add("Nadam", Nadam::new, (c, o) -> new Nadam(c.getDouble("beta_1", 0.9), c.getDouble("beta_2", 0.999),
                c.getDouble("epsilon", 1e-7), o));
        add("Lion", Lion::new, (c, o) -> new Lion(c.getDouble("beta_1", 0.9), c.getDouble("beta_2", 0.99), o));
        add("Ftrl", Ftrl::new, (c, o) -> new Ftrl(c.getDouble("learning_rate_power", -0.5),
                c.getDouble("initial_accumulator_value", 0.1), c.getDouble("l1_regularization_strength", 0.0),
                c.getDouble("l2_regularization_strength", 0.0), c.getDouble("l2_shrinkage_regularization_strength", 0.0),
                c.getDouble("beta", 0.0), o));
    }

    private Optimizers() {}

    private interface Factory {
        Optimizer make(Config c, OptimizerOptions shared);
    }

    private static void add(String className, Supplier<Optimizer> defaults, Factory f) {
        Function<Config, Optimizer> fromConfig = c -> f.make(c, OptimizerOptions.fromConfig(c, null));
        REGISTRY.add(className, defaults, fromConfig, className.toLowerCase(Locale.ROOT));
        CANONICAL.put(className.toLowerCase(Locale.ROOT), className);
        FACTORIES.put(className, f);
    }

    /**
     * The optimizer a Keras identifier names, with its defaults (case-insensitive: "adam", "Adam").
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Optimizer get(String identifier) {
        String cls = identifier == null ? null : CANONICAL.get(identifier.toLowerCase(Locale.ROOT));
        if (cls == null) {
            throw new IllegalArgumentException("Could not interpret optimizer identifier: '" + identifier
                    + "'. Valid identifiers (case-insensitive): " + String.join(", ", new TreeSet<>(CANONICAL.keySet())));
        }
        return REGISTRY.get(cls);
    }

    /**
     * Rebuilds an optimizer from its Keras class name (case-insensitive) and {@code get_config()}
     * dictionary; {@code learning_rate} may be a number or a serialized schedule.
     *
     * @throws IllegalArgumentException for an unknown class or config key
     */
    public static Optimizer fromConfig(String className, Map<String, Object> config) {
        String cls = className == null ? null : CANONICAL.get(className.toLowerCase(Locale.ROOT));
        if (cls == null) {
            return REGISTRY.fromConfig(className, config); // fails listing the known classes
        }
        Map<String, Object> raw = config == null ? Map.of() : config;
        Set<String> allowed = KEYS.computeIfAbsent(cls, k -> {
            // A probe with an explicit name, so the auto-naming counter does not move.
            Set<String> keys = new HashSet<>(FACTORIES.get(k).make(new Config(k, Map.of()),
                    new OptimizerOptions().name("probe")).getConfig().keySet());
            keys.add("decay"); // tf.keras's old argument: Keras 3 ignores it with a warning
            return keys;
        });
        Map<String, Object> unknown = new java.util.LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (!allowed.contains(k)) {
                unknown.put(k, v);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(cls + ": Argument(s) not recognized: " + unknown);
        }
        Config c = new Config(cls, raw);
        return FACTORIES.get(cls).make(c, OptimizerOptions.fromConfig(c, raw));
    }

    /** Every Keras class name registered, in registration order. */
    public static List<String> classNames() {
        return REGISTRY.classNames();
    }
}
