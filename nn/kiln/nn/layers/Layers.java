package kiln.nn.layers;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import kiln.nn.constraints.Constraint;
import kiln.nn.constraints.Constraints;
import kiln.nn.initializers.Initializer;
import kiln.nn.initializers.Initializers;
import kiln.nn.regularizers.Regularizer;
import kiln.nn.regularizers.Regularizers;
import kiln.nn.saving.Config;
import kiln.nn.saving.Registry;

/**
 * Keras's layer deserialization ({@code Layer.from_config}) for every Kiln layer: a Keras class name
 * and its {@code get_config()} dictionary, as read from a {@code .keras} file's config.json, to a
 * layer. Nested initializers, regularizers and constraints go through their own registries (a
 * string identifier or a {@code {class_name, config}} dict); activations through
 * {@link kiln.nn.activations.Activations#get}. As Keras, an unknown config key is an error
 * ("Unrecognized keyword arguments"), so nothing in a file is silently dropped.
 *
 * <pre>{@code
 * Layer d = Layers.fromConfig("Dense", Map.of("units", 10, "activation", "softmax"));
 * Layers.fromConfig(d.className(), d.getConfig()).getConfig().equals(d.getConfig())   // true
 * }</pre>
 */
public final class Layers {
    /** Keys every layer accepts (Keras's base Layer keyword arguments). */
    private static final Set<String> BASE_KEYS = Set.of("name", "trainable", "dtype", "activity_regularizer");

    private static final Map<String, Set<String>> KEYS = new LinkedHashMap<>();

    private static final Registry<Layer> REGISTRY = new Registry<Layer>("layer");

    static {
        add("InputLayer", Layers::inputLayer, "batch_shape", "batch_input_shape", "sparse", "ragged", "optional");
        add("Dense", Layers::dense, "units", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint", "quantization_config",
                "lora_rank", "lora_alpha");
        add("Activation", c -> new ActivationLayer(activation(c.raw("activation")), c.getString("name", null)),
                "activation");
        add("Flatten", c -> new Flatten(c.getString("name", null)).dataFormat(c.getString("data_format",
                "channels_last")), "data_format");
        add("Reshape", c -> new Reshape(ints(c, "target_shape"), c.getString("name", null)), "target_shape");
        add("Dropout", Layers::dropout, "rate", "seed", "noise_shape");
        add("BatchNormalization", Layers::batchNormalization, "axis", "momentum", "epsilon", "center", "scale",
                "beta_initializer", "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
                "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint", "synchronized",
                "renorm", "renorm_clipping", "renorm_momentum");
        add("LayerNormalization", Layers::layerNormalization, "axis", "epsilon", "center", "scale", "rms_scaling",
                "beta_initializer", "gamma_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint",
                "gamma_constraint");
        add("Normalization", Layers::normalization, "axis", "invert", "mean", "variance");
        add("Rescaling", c -> new Rescaling(c.getDouble("scale", 1.0), c.getDouble("offset", 0.0),
                c.getString("name", null)), "scale", "offset");
        add("Concatenate", c -> new Concatenate(c.getInt("axis", -1), c.getString("name", null)), "axis");
        add("Add", c -> new Add(c.getString("name", null)));
        add("Subtract", c -> new Subtract(c.getString("name", null)));
        add("Multiply", c -> new Multiply(c.getString("name", null)));
        add("Average", c -> new Average(c.getString("name", null)));
        add("Maximum", c -> new Maximum(c.getString("name", null)));
        add("Minimum", c -> new Minimum(c.getString("name", null)));
        add("ReLU", Layers::relu, "max_value", "negative_slope", "threshold");
        add("LeakyReLU", c -> new LeakyReLU(c.getDouble("negative_slope", 0.3), c.getString("name", null)),
                "negative_slope");
        add("ELU", c -> new ELU(c.getDouble("alpha", 1.0), c.getString("name", null)), "alpha");
        add("Softmax", c -> new Softmax(c.getInt("axis", -1), c.getString("name", null)), "axis");
    }

    private Layers() {}

    private static void add(String className, Function<Config, Layer> factory, String... keys) {
        REGISTRY.add(className, null, factory);
        Set<String> known = new LinkedHashSet<>(BASE_KEYS);
        known.addAll(List.of(keys));
        KEYS.put(className, known);
    }

    /**
     * Rebuilds a layer from its Keras class name and {@code get_config()} dictionary; missing keys
     * take Keras's defaults.
     *
     * @throws IllegalArgumentException for an unknown class (listing the known ones), an unknown
     *     config key, a dtype other than float32, an activity regularizer, or a bad value
     */
    public static Layer fromConfig(String className, Map<String, Object> config) {
        Map<String, Object> cfg = config == null ? Map.of() : config;
        Set<String> known = KEYS.get(className);
        if (known == null) {
            throw new IllegalArgumentException("Unknown layer class '" + className + "'. Known: "
                    + String.join(", ", new TreeSet<>(KEYS.keySet())));
        }
        Map<String, Object> unknown = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : cfg.entrySet()) {
            if (!known.contains(e.getKey())) {
                unknown.put(e.getKey(), e.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unrecognized keyword arguments passed to " + className + ": " + unknown);
        }
        checkDtype(className, cfg.get("dtype"));
        if (cfg.get("activity_regularizer") != null) {
            throw new IllegalArgumentException(className + ": `activity_regularizer` is not supported by Kiln. "
                    + "Received: activity_regularizer=" + cfg.get("activity_regularizer"));
        }
        Layer layer = REGISTRY.fromConfig(className, cfg);
        Object trainable = cfg.get("trainable");
        if (trainable instanceof Boolean b && !b) {
            layer.setTrainable(false);
        } else if (trainable != null && !(trainable instanceof Boolean)) {
            throw new IllegalArgumentException(className + ": config key 'trainable' must be a boolean, got " + trainable);
        }
        return layer;
    }

    /** Every Keras class name this registry rebuilds, in registration order. */
    public static List<String> classNames() {
        return List.copyOf(KEYS.keySet());
    }

    // ------------------------------------------------------------------ nested objects

    /** Kiln computes in float32: a dtype policy naming anything else is refused, not ignored. */
    private static void checkDtype(String className, Object dtype) {
        Object name = dtype;
        if (dtype instanceof Map<?, ?> m) {
            name = m.get("config") instanceof Map<?, ?> c ? c.get("name") : null;
        }
        if (name != null && !"float32".equals(name)) {
            throw new IllegalArgumentException(className + ": Kiln layers compute in float32 only. Received: dtype="
                    + dtype);
        }
    }

    /** An activation: a name, or Keras's {@code {"class_name": "function", "config": "relu"}} dict. */
    static String activation(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Map<?, ?> m && m.get("config") instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("Could not interpret activation function identifier: " + v);
    }

    static Initializer initializer(Object v, String dflt) {
        if (v == null) {
            return Initializers.get(dflt);
        }
        if (v instanceof String s) {
            return Initializers.get(s);
        }
        return Initializers.fromConfig(className(v, "initializer"), nestedConfig(v));
    }

    static Regularizer regularizer(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return Regularizers.get(s);
        }
        return Regularizers.fromConfig(className(v, "regularizer"), nestedConfig(v));
    }

    static Constraint constraint(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return Constraints.get(s);
        }
        return Constraints.fromConfig(className(v, "constraint"), nestedConfig(v));
    }

    private static String className(Object v, String kind) {
        if (v instanceof Map<?, ?> m && m.get("class_name") instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("Could not interpret " + kind + " identifier: " + v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nestedConfig(Object v) {
        Object c = ((Map<?, ?>) v).get("config");
        return c instanceof Map<?, ?> ? (Map<String, Object>) c : Map.of();
    }

    /** A list of ints (JSON null → -1, Keras's None). */
    private static int[] ints(Config c, String key) {
        Object v = c.raw(key);
        if (v instanceof Number n) {
            return new int[] {n.intValue()};
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(key + " must be a list of integers, got " + v);
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = list.get(i);
            if (o != null && !(o instanceof Number)) {
                throw new IllegalArgumentException(key + " must be a list of integers, got " + v);
            }
            out[i] = o == null ? -1 : ((Number) o).intValue();
        }
        return out;
    }

    private static float[] floats(Object v, String key) {
        if (v instanceof Number n) {
            return new float[] {n.floatValue()};
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("Normalization: `" + key + "` must be a number or a list of numbers, got "
                    + v);
        }
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new IllegalArgumentException("Normalization: `" + key + "` must be a list of numbers, got " + v);
            }
            out[i] = n.floatValue();
        }
        return out;
    }

    // ------------------------------------------------------------------ per class

    private static Layer inputLayer(Config c) {
        if (c.getBoolean("sparse", false) || c.getBoolean("ragged", false)) {
            throw new IllegalArgumentException("InputLayer: sparse and ragged inputs are not supported by Kiln");
        }
        String key = c.raw("batch_shape") != null ? "batch_shape" : "batch_input_shape";
        if (c.raw(key) == null) {
            throw new IllegalArgumentException("InputLayer: the config needs `batch_shape`");
        }
        return new InputLayer(ints(c, key), c.getString("name", null));
    }

    private static Layer dense(Config c) {
        if (c.raw("quantization_config") != null || c.getInt("lora_rank", 0) != 0) {
            throw new IllegalArgumentException("Dense: quantization and LoRA are not supported by Kiln");
        }
        return new Dense(c.getInt("units", 0), activation(c.raw("activation")), c.getString("name", null))
                .useBias(c.getBoolean("use_bias", true))
                .kernelInitializer(initializer(c.raw("kernel_initializer"), "glorot_uniform"))
                .biasInitializer(initializer(c.raw("bias_initializer"), "zeros"))
                .kernelRegularizer(regularizer(c.raw("kernel_regularizer")))
                .biasRegularizer(regularizer(c.raw("bias_regularizer")))
                .kernelConstraint(constraint(c.raw("kernel_constraint")))
                .biasConstraint(constraint(c.raw("bias_constraint")));
    }

    private static Layer dropout(Config c) {
        Dropout d = new Dropout(c.getDouble("rate", Double.NaN), c.getIntOrNull("seed"), c.getString("name", null));
        if (c.raw("noise_shape") != null) {
            int[] ns = ints(c, "noise_shape");
            Integer[] dims = new Integer[ns.length];
            for (int i = 0; i < ns.length; i++) {
                dims[i] = ns[i] < 0 ? null : ns[i];
            }
            d.noiseShape(dims);
        }
        return d;
    }

    private static Layer batchNormalization(Config c) {
        return new BatchNormalization(c.getDouble("momentum", 0.99), c.getDouble("epsilon", 1e-3),
                c.getString("name", null))
                .axis(axisInt(c, "BatchNormalization"))
                .center(c.getBoolean("center", true))
                .scale(c.getBoolean("scale", true))
                .betaInitializer(initializer(c.raw("beta_initializer"), "zeros"))
                .gammaInitializer(initializer(c.raw("gamma_initializer"), "ones"))
                .movingMeanInitializer(initializer(c.raw("moving_mean_initializer"), "zeros"))
                .movingVarianceInitializer(initializer(c.raw("moving_variance_initializer"), "ones"))
                .betaRegularizer(regularizer(c.raw("beta_regularizer")))
                .gammaRegularizer(regularizer(c.raw("gamma_regularizer")))
                .betaConstraint(constraint(c.raw("beta_constraint")))
                .gammaConstraint(constraint(c.raw("gamma_constraint")))
                .synchronizedStats(c.getBoolean("synchronized", false))
                .renorm(c.getBoolean("renorm", false))
                .renormMomentum(c.getDouble("renorm_momentum", 0.99));
    }

    /** An axis given as an int or a one-element list. */
    private static int axisInt(Config c, String owner) {
        Object v = c.raw("axis");
        if (v instanceof List<?> list) {
            if (list.size() != 1) {
                throw new IllegalArgumentException(owner + ": Kiln supports a single axis. Received: axis=" + v);
            }
            return ints(c, "axis")[0];
        }
        return c.getInt("axis", -1);
    }

    private static Layer layerNormalization(Config c) {
        LayerNormalization ln = new LayerNormalization(c.getDouble("epsilon", 1e-3), c.getString("name", null));
        if (c.raw("axis") instanceof List<?>) {
            ln.axis(ints(c, "axis"));
        } else {
            ln.axis(c.getInt("axis", -1));
        }
        return ln.center(c.getBoolean("center", true))
                .scale(c.getBoolean("scale", true))
                .rmsScaling(c.getBoolean("rms_scaling", false))
                .betaInitializer(initializer(c.raw("beta_initializer"), "zeros"))
                .gammaInitializer(initializer(c.raw("gamma_initializer"), "ones"))
                .betaRegularizer(regularizer(c.raw("beta_regularizer")))
                .gammaRegularizer(regularizer(c.raw("gamma_regularizer")))
                .betaConstraint(constraint(c.raw("beta_constraint")))
                .gammaConstraint(constraint(c.raw("gamma_constraint")));
    }

    private static Layer normalization(Config c) {
        String name = c.getString("name", null);
        Object mean = c.raw("mean");
        Object variance = c.raw("variance");
        Normalization n;
        if (mean == null && variance == null) {
            n = new Normalization(name);
        } else if (mean == null || variance == null) {
            throw new IllegalArgumentException("Normalization: when setting values directly, both `mean` and "
                    + "`variance` are required. Received: mean=" + mean + ", variance=" + variance);
        } else {
            n = new Normalization(floats(mean, "mean"), floats(variance, "variance"), name);
        }
        return n.axis(axisInt(c, "Normalization")).invert(c.getBoolean("invert", false));
    }

    private static Layer relu(Config c) {
        Double max = c.getDoubleOrNull("max_value");
        return new ReLU(max == null ? null : max.floatValue(), c.getFloat("negative_slope", 0f),
                c.getFloat("threshold", 0f), c.getString("name", null));
    }
}
