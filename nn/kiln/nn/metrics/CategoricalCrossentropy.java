package kiln.nn.metrics;

import java.util.Map;
import kiln.nn.losses.Losses;
import kiln.tensor.Tensor;

/**
 * Keras {@code CategoricalCrossentropy} metric (default name {@code "categorical_crossentropy"}): the
 * running per-sample mean of {@link Losses#categoricalCrossentropy} of one-hot (or probability) targets
 * along {@code axis}. {@code labelSmoothing} is kept as given for the config (Keras's default is the int 0).
 */
public class CategoricalCrossentropy extends MeanMetricWrapper {
    private final boolean fromLogits;
    private final Number labelSmoothing;
    private final int axis;

    public CategoricalCrossentropy(String name, boolean fromLogits, Number labelSmoothing, int axis) {
        super(name == null ? "categorical_crossentropy" : name,
                (t, p) -> categoricalCrossentropy(t, p, fromLogits, LossFunctions.smoothing(labelSmoothing), axis));
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing == null ? 0 : labelSmoothing;
        this.axis = axis;
    }

    public CategoricalCrossentropy() {
        this(null, false, 0, -1);
    }

    /** Per-sample Keras {@code losses.categorical_crossentropy}, by {@link Losses} without a graph. */
    public static Tensor categoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing,
            int axis) {
        return LossFunctions.apply((t, p) -> Losses.categoricalCrossentropy(t, p, fromLogits, labelSmoothing, axis),
                yTrue, yPred);
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    public double labelSmoothing() {
        return labelSmoothing.doubleValue();
    }

    public int axis() {
        return axis;
    }

    @Override
    public String className() {
        return "CategoricalCrossentropy";
    }

    /** Keras: name, dtype, from_logits, label_smoothing, axis. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("from_logits", fromLogits);
        m.put("label_smoothing", labelSmoothing);
        m.put("axis", axis);
        return m;
    }
}
