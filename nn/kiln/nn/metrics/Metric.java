package kiln.nn.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import kiln.nn.saving.KerasSerializable;
import kiln.tensor.Tensor;

/**
 * A stateful Keras metric: {@link #updateState} accumulates over batches, {@link #result} reads the
 * value so far, {@link #resetState} starts over ({@code fit} resets at every epoch, {@code evaluate}
 * at its start). State is float32, as Keras's metric variables, so running sums round the same way. The
 * built-in metrics keep it on the device of the values they are given: an update reads nothing back to
 * the host, {@link #result} does.
 *
 * <pre>{@code
 * Metric acc = Metrics.get("sparse_categorical_accuracy");
 * acc.updateState(Tensor.ofInts(new int[] {0, 2}, 2), Tensor.of(new float[] {.9f, .1f, 0, .3f, .3f, .4f}, 2, 3), null);
 * acc.result()   // 1.0
 * }</pre>
 */
public abstract class Metric implements KerasSerializable {
    private String name;

    /** @param name the log name (subclasses pass their Keras default, or {@link MetricNames#unique} for auto-named ones) */
    protected Metric(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name must be a non-empty string, got " + name);
        }
        this.name = name;
    }

    /** The name the metric logs under. */
    public String name() {
        return name;
    }

    /** Renames the metric (compile renames a metric given as a string to that string); returns this. */
    public Metric setName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(className() + ": name must be a non-empty string, got " + name);
        }
        this.name = name;
        return this;
    }

    /** The compute dtype (Keras's {@code dtype}); Kiln metrics compute in float32. */
    public String dtype() {
        return "float32";
    }

    /**
     * Accumulates one batch.
     *
     * @param sampleWeight per-sample (or per-element) weights, or null for all ones
     * @throws IllegalArgumentException when the shapes of y_true, y_pred and the weights do not fit,
     *     naming this metric and the shapes
     */
    public abstract void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

    /** {@link #updateState(Tensor, Tensor, Tensor)} without sample weights. */
    public void updateState(Tensor yTrue, Tensor yPred) {
        updateState(yTrue, yPred, null);
    }

    /**
     * The scalar value so far.
     *
     * @throws IllegalStateException for a metric whose value is a vector (Precision/Recall with several
     *     thresholds): use {@link #resultTensor()}
     */
    public abstract float result();

    /**
     * The scalar value as it stands now, read only when the supplier is called: what {@code fit} puts in each
     * batch's logs, so that a batch costs no device-to-host read unless a callback reads its logs. Later
     * updates do not change what the supplier returns. The built-in metrics keep their state in tensors that
     * each update replaces, so this costs nothing now; the default, for metrics that do not, calls
     * {@link #result()} at once.
     *
     * @throws IllegalStateException (from the supplier) where {@link #result()} would throw
     */
    public DoubleSupplier deferredResult() {
        float r = result();
        return () -> r;
    }

    /** The value so far as a tensor: rank 0, or rank 1 for one value per threshold. */
    public Tensor resultTensor() {
        return Tensor.scalar(result());
    }

    /** Sets every state variable back to zero. */
    public abstract void resetState();

    /** Keras's config: {@code name}, {@code dtype}, then the subclass's own keys. */
    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }

    /** Keras's base {@code Metric.get_config()}: {@code name}, {@code dtype}; subclasses append after these. */
    protected final Map<String, Object> baseConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("dtype", dtype());
        return m;
    }

    /** An IllegalArgumentException naming this metric and the shapes it was given. */
    protected IllegalArgumentException shapeError(Tensor yTrue, Tensor yPred, String why) {
        return new IllegalArgumentException("Metric '" + name + "' (" + className() + "): " + why + ". Received: y_true.shape="
                + yTrue.shape() + ", y_pred.shape=" + yPred.shape());
    }

    @Override
    public String toString() {
        return "<" + className() + " name=" + name + ">";
    }
}
