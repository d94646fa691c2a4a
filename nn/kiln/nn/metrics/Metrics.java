package kiln.nn.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import kiln.nn.saving.Config;
import kiln.nn.saving.Registry;
import kiln.tensor.Shape;

/**
 * Keras's {@code metrics.get} and compile's metric resolution: string identifiers (class names,
 * their snake_case, and the aliases mse/MSE, mae/MAE, mape/MAPE, msle/MSLE, bce/BCE; case-sensitive) and
 * configs to metrics.
 *
 * <pre>{@code
 * Metrics.get("mse").name()                                       // "mean_squared_error"
 * Metrics.resolve("mse", Shape.of(8, 1), Shape.of(8, 1)).name()    // "mse" (compile keeps the string)
 * Metrics.resolve("accuracy", Shape.of(8), Shape.of(8, 3))          // SparseCategoricalAccuracy named "accuracy"
 * }</pre>
 */
public final class Metrics {
    private static final Registry<Metric> REGISTRY = new Registry<Metric>("metric")
            .add("Mean", Mean::new, c -> new Mean(name(c, "mean")), "mean")
            .add("Sum", Sum::new, c -> new Sum(name(c, "sum")), "sum")
            .add("MeanMetricWrapper", null, Metrics::wrapper)
            .add("Accuracy", Accuracy::new, c -> new Accuracy(name(c, "accuracy")), "accuracy")
            .add("BinaryAccuracy", BinaryAccuracy::new,
                    c -> new BinaryAccuracy(name(c, "binary_accuracy"), c.getDouble("threshold", 0.5)), "binary_accuracy")
            .add("CategoricalAccuracy", CategoricalAccuracy::new,
                    c -> new CategoricalAccuracy(name(c, "categorical_accuracy")), "categorical_accuracy")
            .add("SparseCategoricalAccuracy", SparseCategoricalAccuracy::new,
                    c -> new SparseCategoricalAccuracy(name(c, "sparse_categorical_accuracy")), "sparse_categorical_accuracy")
            .add("TopKCategoricalAccuracy", TopKCategoricalAccuracy::new,
                    c -> new TopKCategoricalAccuracy(c.getInt("k", 5), name(c, "top_k_categorical_accuracy")),
                    "top_k_categorical_accuracy")
            .add("SparseTopKCategoricalAccuracy", SparseTopKCategoricalAccuracy::new,
                    c -> new SparseTopKCategoricalAccuracy(c.getInt("k", 5), name(c, "sparse_top_k_categorical_accuracy"),
                            c.getBoolean("from_sorted_ids", false)),
                    "sparse_top_k_categorical_accuracy")
            .add("MeanSquaredError", MeanSquaredError::new, c -> new MeanSquaredError(name(c, "mean_squared_error")),
                    "mean_squared_error", "mse", "MSE")
            .add("RootMeanSquaredError", RootMeanSquaredError::new,
                    c -> new RootMeanSquaredError(name(c, "root_mean_squared_error")), "root_mean_squared_error")
            .add("MeanAbsoluteError", MeanAbsoluteError::new, c -> new MeanAbsoluteError(name(c, "mean_absolute_error")),
                    "mean_absolute_error", "mae", "MAE")
            .add("MeanAbsolutePercentageError", MeanAbsolutePercentageError::new,
                    c -> new MeanAbsolutePercentageError(name(c, "mean_absolute_percentage_error")),
                    "mean_absolute_percentage_error", "mape", "MAPE")
            .add("MeanSquaredLogarithmicError", MeanSquaredLogarithmicError::new,
                    c -> new MeanSquaredLogarithmicError(name(c, "mean_squared_logarithmic_error")),
                    "mean_squared_logarithmic_error", "msle", "MSLE")
            .add("CosineSimilarity", CosineSimilarity::new,
                    c -> new CosineSimilarity(name(c, "cosine_similarity"), c.getInt("axis", -1)), "cosine_similarity")
            .add("LogCoshError", LogCoshError::new, c -> new LogCoshError(name(c, "logcosh")), "log_cosh_error")
            .add("BinaryCrossentropy", BinaryCrossentropy::new,
                    c -> new BinaryCrossentropy(name(c, "binary_crossentropy"), c.getBoolean("from_logits", false),
                            smoothing(c)),
                    "binary_crossentropy", "bce", "BCE")
            .add("CategoricalCrossentropy", CategoricalCrossentropy::new,
                    c -> new CategoricalCrossentropy(name(c, "categorical_crossentropy"),
                            c.getBoolean("from_logits", false), smoothing(c), c.getInt("axis", -1)),
                    "categorical_crossentropy")
            .add("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy::new,
                    c -> new SparseCategoricalCrossentropy(name(c, "sparse_categorical_crossentropy"),
                            c.getBoolean("from_logits", false), c.getIntOrNull("ignore_class"), c.getInt("axis", -1)),
                    "sparse_categorical_crossentropy")
            .add("KLDivergence", KLDivergence::new, c -> new KLDivergence(name(c, "kl_divergence")), "kl_divergence")
            .add("Poisson", Poisson::new, c -> new Poisson(name(c, "poisson")), "poisson")
            .add("Hinge", Hinge::new, c -> new Hinge(name(c, "hinge")), "hinge")
            .add("SquaredHinge", SquaredHinge::new, c -> new SquaredHinge(name(c, "squared_hinge")), "squared_hinge")
            .add("CategoricalHinge", CategoricalHinge::new, c -> new CategoricalHinge(name(c, "categorical_hinge")),
                    "categorical_hinge")
            .add("Precision", Precision::new,
                    c -> new Precision(c.raw("thresholds"), c.getIntOrNull("top_k"), c.getIntOrNull("class_id"),
                            c.getString("name", null)), "precision")
            .add("Recall", Recall::new,
                    c -> new Recall(c.raw("thresholds"), c.getIntOrNull("top_k"), c.getIntOrNull("class_id"),
                            c.getString("name", null)), "recall")
            .add("TruePositives", TruePositives::new,
                    c -> new TruePositives(c.raw("thresholds"), c.getString("name", null)), "true_positives")
            .add("FalsePositives", FalsePositives::new,
                    c -> new FalsePositives(c.raw("thresholds"), c.getString("name", null)), "false_positives")
            .add("TrueNegatives", TrueNegatives::new,
                    c -> new TrueNegatives(c.raw("thresholds"), c.getString("name", null)), "true_negatives")
            .add("FalseNegatives", FalseNegatives::new,
                    c -> new FalseNegatives(c.raw("thresholds"), c.getString("name", null)), "false_negatives")
            .add("AUC", AUC::new, Metrics::auc, "auc");

    /** Keras names of the functions a MeanMetricWrapper config may name. */
    private static final Map<String, MetricFunction> FUNCTIONS = Map.ofEntries(
            Map.entry("accuracy", Accuracy::accuracy),
            Map.entry("binary_accuracy", (t, p) -> BinaryAccuracy.binaryAccuracy(t, p, 0.5)),
            Map.entry("categorical_accuracy", CategoricalAccuracy::categoricalAccuracy),
            Map.entry("sparse_categorical_accuracy", SparseCategoricalAccuracy::sparseCategoricalAccuracy),
            Map.entry("top_k_categorical_accuracy", (t, p) -> TopKCategoricalAccuracy.topKCategoricalAccuracy(t, p, 5)),
            Map.entry("sparse_top_k_categorical_accuracy",
                    (t, p) -> SparseTopKCategoricalAccuracy.sparseTopKCategoricalAccuracy(t, p, 5, false)),
            Map.entry("mean_squared_error", MeanSquaredError::meanSquaredError),
            Map.entry("mean_absolute_error", MeanAbsoluteError::meanAbsoluteError),
            Map.entry("mean_absolute_percentage_error", MeanAbsolutePercentageError::meanAbsolutePercentageError),
            Map.entry("mean_squared_logarithmic_error", MeanSquaredLogarithmicError::meanSquaredLogarithmicError),
            Map.entry("log_cosh", LogCoshError::logCosh),
            Map.entry("cosine_similarity", (t, p) -> CosineSimilarity.cosineSimilarity(t, p, -1)),
            Map.entry("binary_crossentropy", (t, p) -> BinaryCrossentropy.binaryCrossentropy(t, p, false, 0.0)),
            Map.entry("categorical_crossentropy",
                    (t, p) -> CategoricalCrossentropy.categoricalCrossentropy(t, p, false, 0.0, -1)),
            Map.entry("sparse_categorical_crossentropy",
                    (t, p) -> SparseCategoricalCrossentropy.sparseCategoricalCrossentropy(t, p, false, null)),
            Map.entry("kl_divergence", KLDivergence::klDivergence),
            Map.entry("poisson", Poisson::poisson),
            Map.entry("hinge", Hinge::hinge),
            Map.entry("squared_hinge", SquaredHinge::squaredHinge),
            Map.entry("categorical_hinge", CategoricalHinge::categoricalHinge));

    private Metrics() {}

    private static String name(Config c, String dflt) {
        return c.getString("name", dflt);
    }

    /** label_smoothing as the config holds it (an int or a float, as Keras keeps it); 0 when absent. */
    private static Number smoothing(Config c) {
        Object v = c.raw("label_smoothing");
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("label_smoothing must be a number, got " + v);
    }

    private static MeanMetricWrapper wrapper(Config c) {
        String fn = c.raw("fn") instanceof Map<?, ?> m && m.get("config") instanceof String s ? s : c.getString("fn", null);
        MetricFunction f = fn == null ? null : FUNCTIONS.get(fn);
        if (f == null) {
            throw new IllegalArgumentException("MeanMetricWrapper: cannot rebuild the wrapped function " + c.raw("fn")
                    + "; known functions: " + String.join(", ", new TreeSet<>(FUNCTIONS.keySet())));
        }
        return new MeanMetricWrapper(f, c.getString("name", null), fn);
    }

    private static AUC auc(Config c) {
        Object lw = c.raw("label_weights");
        return new AUC(c.getInt("num_thresholds", 200), c.getString("curve", "ROC"),
                c.getString("summation_method", "interpolation"), c.getString("name", null),
                c.raw("thresholds") == null ? null : c.getDoubles("thresholds"), c.getBoolean("multi_label", false),
                c.getIntOrNull("num_labels"), lw == null ? null : c.getDoubles("label_weights"),
                c.getBoolean("from_logits", false));
    }

    /**
     * The metric a Keras identifier names, with its defaults and default name ({@code keras.metrics.get}).
     * {@code "accuracy"} here is the exact-match {@link Accuracy}, as in Keras; compile's shape-based
     * choice is {@link #resolve}.
     *
     * @throws IllegalArgumentException for an unknown identifier, listing the valid ones
     */
    public static Metric get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /**
     * What {@code compile(metrics=[identifier])} makes (Keras's {@code compile_utils.get_metric}), from
     * the shapes of the first batch's y_true and y_pred. {@code "accuracy"} / {@code "acc"} (any case)
     * become BinaryAccuracy when y_pred's last axis is 1, else SparseCategoricalAccuracy when y_true has
     * lower rank or a last axis of 1, else CategoricalAccuracy. Every metric given as a string logs
     * under that string ({@code "mse"} as "mse", {@code "acc"} as "acc").
     */
    public static Metric resolve(String identifier, Shape yTrue, Shape yPred) {
        if (identifier == null) {
            throw new IllegalArgumentException("Expected metric, received null");
        }
        String lower = identifier.toLowerCase(Locale.ROOT);
        if (!lower.equals("accuracy") && !lower.equals("acc")) {
            return get(identifier).setName(identifier);
        }
        if (yTrue.rank() == 0 || yPred.rank() == 0) {
            throw new IllegalArgumentException("Metric '" + identifier + "': cannot choose the accuracy from scalar "
                    + "y_true/y_pred. Received: y_true.shape=" + yTrue + ", y_pred.shape=" + yPred);
        }
        boolean binary = yPred.last() == 1;
        boolean sparse = yTrue.rank() < yPred.rank() || (yTrue.last() == 1 && yPred.last() > 1);
        if (binary) {
            return new BinaryAccuracy(identifier, 0.5);
        }
        return sparse ? new SparseCategoricalAccuracy(identifier) : new CategoricalAccuracy(identifier);
    }

    /** Rebuilds a metric from its Keras class name and config. */
    public static Metric fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.fromConfig(className, config);
    }

    /** All string identifiers, sorted. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** All class names, in registration order. */
    public static List<String> classNames() {
        return REGISTRY.classNames();
    }

    /**
     * Restarts the auto-name counters (Keras's {@code clear_session()} for metric names), so the next
     * unnamed Precision is "precision" again.
     */
    public static void clearNameCounters() {
        MetricNames.clear();
    }
}
