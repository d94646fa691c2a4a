package kiln.nn.losses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import kiln.nn.saving.Config;
import kiln.nn.saving.Registry;

/**
 * The table behind {@link Losses#get} and {@link Losses#fromConfig}: Keras class names (made from configs),
 * and string identifiers (class names with defaults; function names and aliases, named by the identifier).
 */
final class LossRegistry {
    private LossRegistry() {}

    private static final Reduction DEFAULT = Reduction.SUM_OVER_BATCH_SIZE;

    private static final Registry<Loss> CLASSES = new Registry<Loss>("loss")
            .add("MeanSquaredError", MeanSquaredError::new,
                    c -> new MeanSquaredError(reduction(c), name(c, "mean_squared_error")))
            .add("MeanAbsoluteError", MeanAbsoluteError::new,
                    c -> new MeanAbsoluteError(reduction(c), name(c, "mean_absolute_error")))
            .add("MeanAbsolutePercentageError", MeanAbsolutePercentageError::new,
                    c -> new MeanAbsolutePercentageError(reduction(c), name(c, "mean_absolute_percentage_error")))
            .add("MeanSquaredLogarithmicError", MeanSquaredLogarithmicError::new,
                    c -> new MeanSquaredLogarithmicError(reduction(c), name(c, "mean_squared_logarithmic_error")))
            .add("Huber", Huber::new,
                    c -> new Huber(c.getFloat("delta", 1.0f), reduction(c), name(c, "huber_loss")))
            .add("LogCosh", LogCosh::new, c -> new LogCosh(reduction(c), name(c, "log_cosh")))
            .add("KLDivergence", KLDivergence::new, c -> new KLDivergence(reduction(c), name(c, "kl_divergence")))
            .add("Poisson", Poisson::new, c -> new Poisson(reduction(c), name(c, "poisson")))
            .add("Hinge", Hinge::new, c -> new Hinge(reduction(c), name(c, "hinge")))
            .add("SquaredHinge", SquaredHinge::new, c -> new SquaredHinge(reduction(c), name(c, "squared_hinge")))
            .add("CategoricalHinge", CategoricalHinge::new,
                    c -> new CategoricalHinge(reduction(c), name(c, "categorical_hinge")))
            .add("CosineSimilarity", CosineSimilarity::new,
                    c -> new CosineSimilarity(c.getInt("axis", -1), reduction(c), name(c, "cosine_similarity")))
            .add("BinaryCrossentropy", BinaryCrossentropy::new,
                    c -> new BinaryCrossentropy(c.getBoolean("from_logits", false), c.getDouble("label_smoothing", 0.0),
                            c.getInt("axis", -1), reduction(c), name(c, "binary_crossentropy")))
            .add("BinaryFocalCrossentropy", BinaryFocalCrossentropy::new,
                    c -> new BinaryFocalCrossentropy(c.getBoolean("apply_class_balancing", false),
                            c.getDouble("alpha", 0.25), c.getDouble("gamma", 2.0), c.getBoolean("from_logits", false),
                            c.getDouble("label_smoothing", 0.0), c.getInt("axis", -1), reduction(c),
                            name(c, "binary_focal_crossentropy")))
            .add("CategoricalCrossentropy", CategoricalCrossentropy::new,
                    c -> new CategoricalCrossentropy(c.getBoolean("from_logits", false),
                            c.getDouble("label_smoothing", 0.0), c.getInt("axis", -1), reduction(c),
                            name(c, "categorical_crossentropy")))
            .add("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy::new,
                    c -> new SparseCategoricalCrossentropy(c.getBoolean("from_logits", false),
                            c.getIntOrNull("ignore_class"), reduction(sparseAxis(c)),
                            name(c, "sparse_categorical_crossentropy")));

    /** Function names and aliases: the class each makes, named by the identifier (as compile's wrapper). */
    private static final Map<String, Function<String, Loss>> FUNCTIONS = new LinkedHashMap<>();

    static {
        fn(n -> new MeanSquaredError(DEFAULT, n), "mean_squared_error", "mse", "MSE");
        fn(n -> new MeanAbsoluteError(DEFAULT, n), "mean_absolute_error", "mae", "MAE");
        fn(n -> new MeanAbsolutePercentageError(DEFAULT, n), "mean_absolute_percentage_error", "mape", "MAPE");
        fn(n -> new MeanSquaredLogarithmicError(DEFAULT, n), "mean_squared_logarithmic_error", "msle", "MSLE");
        fn(n -> new Huber(1.0f, DEFAULT, n), "huber");
        fn(n -> new LogCosh(DEFAULT, n), "log_cosh");
        fn(n -> new KLDivergence(DEFAULT, n), "kl_divergence", "kld", "KLD");
        fn(n -> new Poisson(DEFAULT, n), "poisson");
        fn(n -> new Hinge(DEFAULT, n), "hinge");
        fn(n -> new SquaredHinge(DEFAULT, n), "squared_hinge");
        fn(n -> new CategoricalHinge(DEFAULT, n), "categorical_hinge");
        fn(n -> new CosineSimilarity(-1, DEFAULT, n), "cosine_similarity");
        fn(n -> new BinaryCrossentropy(false, 0.0, -1, DEFAULT, n), "binary_crossentropy", "bce", "BCE");
        fn(n -> new BinaryFocalCrossentropy(false, 0.25, 2.0, false, 0.0, -1, DEFAULT, n), "binary_focal_crossentropy");
        fn(n -> new CategoricalCrossentropy(false, 0.0, -1, DEFAULT, n), "categorical_crossentropy");
        fn(n -> new SparseCategoricalCrossentropy(false, null, DEFAULT, n), "sparse_categorical_crossentropy");
    }

    /** Keras 3 loss identifiers Kiln does not implement (a clearer error than "unknown"). */
    private static final Set<String> KERAS_ONLY = Set.of("CTC", "ctc", "Circle", "circle", "Dice", "dice", "Tversky",
            "tversky", "CategoricalFocalCrossentropy", "categorical_focal_crossentropy");

    private static void fn(Function<String, Loss> make, String... names) {
        for (String n : names) {
            FUNCTIONS.put(n, make);
        }
    }

    static Loss get(String identifier) {
        if (identifier != null) {
            Function<String, Loss> f = FUNCTIONS.get(identifier);
            if (f != null) {
                return f.apply(identifier);
            }
            if (CLASSES.classNames().contains(identifier)) {
                return CLASSES.get(identifier);
            }
        }
        String why = identifier != null && KERAS_ONLY.contains(identifier) ? "Keras loss '" + identifier + "' is not implemented in Kiln"
                : "Could not interpret loss identifier: '" + identifier + "'";
        throw new IllegalArgumentException(why + ". Valid identifiers: " + String.join(", ", names()));
    }

    static Loss fromConfig(String className, Map<String, Object> config) {
        if (config != null) {
            Object dtype = config.get("dtype");
            if (dtype != null && !"float32".equals(dtype)) {
                throw new IllegalArgumentException(className + ": dtype " + dtype + " is not supported (Kiln computes "
                        + "losses in float32)");
            }
        }
        if (config != null && config.containsKey("reduction") && config.get("reduction") == null) {
            Map<String, Object> copy = new LinkedHashMap<>(config); // Python's None: no reduction
            copy.put("reduction", Reduction.NONE.kerasName());
            config = copy;
        }
        return CLASSES.fromConfig(className, config);
    }

    static List<String> names() {
        TreeSet<String> all = new TreeSet<>(FUNCTIONS.keySet());
        all.addAll(CLASSES.classNames());
        return List.copyOf(all);
    }

    private static Reduction reduction(Config c) {
        Object r = c.raw("reduction");
        if (r != null && !(r instanceof String)) {
            throw new IllegalArgumentException("Invalid value for argument `reduction`: " + r);
        }
        return r == null ? DEFAULT : Reduction.of((String) r);
    }

    private static String name(Config c, String dflt) {
        return c.getString("name", dflt);
    }

    /** Sparse CE's {@code axis} (a constructor argument Keras leaves out of the config) must be the last axis. */
    private static Config sparseAxis(Config c) {
        int axis = c.getInt("axis", -1);
        if (axis != -1) {
            throw new IllegalArgumentException("SparseCategoricalCrossentropy: only axis=-1 (the class axis last) is "
                    + "supported, got axis=" + axis);
        }
        return c;
    }
}
