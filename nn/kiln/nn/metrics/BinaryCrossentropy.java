package kiln.nn.metrics;

import java.util.Map;
import kiln.nn.losses.Losses;
import kiln.tensor.Tensor;

/**
 * Keras {@code BinaryCrossentropy} metric (default name {@code "binary_crossentropy"}; identifiers
 * "binary_crossentropy", "bce", "BCE"): the running per-sample mean of {@link Losses#binaryCrossentropy}
 * over the last axis. {@code labelSmoothing} is kept as given for the config (Keras's default is the int 0).
 */
public class BinaryCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final Number labelSmoothing;

    public BinaryCrossentropy(String name, boolean fromLogits, Number labelSmoothing) {
        super(name == null ? "binary_crossentropy" : name,
                (t, p) -> binaryCrossentropy(t, p, fromLogits, LossFunctions.smoothing(labelSmoothing)));
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing == null ? 0 : labelSmoothing;
    }

    public BinaryCrossentropy() {
        this(null, false, 0);
    }

    /** Per-sample Keras {@code losses.binary_crossentropy} (axis −1), by {@link Losses} without a graph. */
    public static Tensor binaryCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing) {
        return LossFunctions.apply((t, p) -> Losses.binaryCrossentropy(t, p, fromLogits, labelSmoothing, -1), yTrue,
                yPred);
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    public double labelSmoothing() {
        return labelSmoothing.doubleValue();
    }

    @Override
    public String className() {
        return "BinaryCrossentropy";
    }

    /** Keras: name, dtype, from_logits, label_smoothing. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("from_logits", fromLogits);
        m.put("label_smoothing", labelSmoothing);
        return m;
    }
}
