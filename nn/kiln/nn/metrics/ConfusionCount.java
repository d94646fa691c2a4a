package kiln.nn.metrics;

import java.util.Map;
import kiln.nn.metrics.Confusion.Kind;

/** The four Keras counting metrics (TruePositives, ...): the weighted count of one cell per threshold. */
abstract class ConfusionCount extends ThresholdMetric {
    private final Kind kind;

    ConfusionCount(String name, String autoName, Object thresholds, Kind kind) {
        super(name != null ? name : MetricNames.unique(autoName), thresholds, null, null, kind);
        this.kind = kind;
    }

    @Override
    float[] values(Map<Kind, float[]> counts) {
        return counts.get(kind);
    }

    /** name, dtype, thresholds. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("thresholds", initThresholds());
        return m;
    }
}
