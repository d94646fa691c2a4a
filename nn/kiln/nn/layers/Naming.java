package kiln.nn.layers;

import java.util.HashMap;
import java.util.Map;

/**
 * Keras's auto-naming: snake_case of the class name, made unique by a process-wide counter per
 * prefix ({@code dense}, {@code dense_1}, ...), reset only by {@link #clearSession()}. An explicit
 * name does not advance the counter, exactly as Keras.
 */
public final class Naming {
    private static final Map<String, Integer> COUNTERS = new HashMap<>();

    private Naming() {}

    /** The next unique name for this prefix: the prefix itself first, then prefix_1, prefix_2, ... */
    public static synchronized String unique(String prefix) {
        int n = COUNTERS.merge(prefix, 1, Integer::sum) - 1;
        return n == 0 ? prefix : prefix + "_" + n;
    }

    /** Forgets every counter (Keras {@code keras.backend.clear_session()}). */
    public static synchronized void clearSession() {
        COUNTERS.clear();
    }

    /**
     * Keras's {@code to_snake_case}: "BatchNormalization" → "batch_normalization", "Conv2D" → "conv2d",
     * "ReLU" → "re_lu", "SimpleRNN" → "simple_rnn", "InputLayer" → "input_layer".
     */
    public static String snakeCase(String name) {
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2");
        return s.toLowerCase(java.util.Locale.ROOT);
    }
}
