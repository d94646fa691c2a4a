package kiln.nn.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * Keras's {@code auto_name}: the first unnamed Precision is "precision", the next "precision_1", ...
 * Process-wide like Keras's; {@link Metrics#clearNameCounters()} is {@code keras.backend.clear_session()}
 * for these names.
 */
final class MetricNames {
    private static final Map<String, Integer> COUNTS = new HashMap<>();

    private MetricNames() {}

    static synchronized String unique(String base) {
        int n = COUNTS.merge(base, 1, Integer::sum) - 1;
        return n == 0 ? base : base + "_" + n;
    }

    static synchronized void clear() {
        COUNTS.clear();
    }
}
