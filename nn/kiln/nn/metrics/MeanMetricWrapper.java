package kiln.nn.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code MeanMetricWrapper}: a per-sample function of (y_true, y_pred) averaged by {@link Mean}
 * over every sample since the last reset. The accuracy and regression metrics are its subclasses;
 * wrap your own function directly:
 *
 * <pre>{@code
 * Metric maxErr = new MeanMetricWrapper((t, p) -> t.sub(p).abs().max(new int[] {-1}, false), "max_abs_error", null);
 * }</pre>
 */
public class MeanMetricWrapper extends Mean {
    private final MetricFunction fn;
    private final String fnName;

    /**
     * @param fnName the function's Keras name for the config ("mean_squared_error"), or null for a
     *     function with none (its config then cannot be loaded by Keras)
     */
    public MeanMetricWrapper(MetricFunction fn, String name, String fnName) {
        super(name != null ? name : MetricNames.unique("mean_metric_wrapper"));
        if (fn == null) {
            throw new IllegalArgumentException("MeanMetricWrapper: fn must not be null");
        }
        this.fn = fn;
        this.fnName = fnName;
    }

    /** Subclasses: a named metric over a fixed function. */
    protected MeanMetricWrapper(String name, MetricFunction fn) {
        super(name);
        this.fn = fn;
        this.fnName = null;
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor values;
        try {
            values = fn.apply(yTrue, yPred);
        } catch (IllegalArgumentException e) {
            throw shapeError(yTrue, yPred, e.getMessage());
        }
        update(values, sampleWeight);
    }

    @Override
    public String className() {
        return "MeanMetricWrapper";
    }

    /** Keras: name, dtype, then the wrapped function serialized as a registered built-in function. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = super.getConfig();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("module", "builtins");
        f.put("class_name", "function");
        f.put("config", fnName);
        f.put("registered_name", "function");
        m.put("fn", f);
        return m;
    }
}
