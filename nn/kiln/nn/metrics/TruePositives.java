package kiln.nn.metrics;

import kiln.nn.metrics.Confusion.Kind;

/** Keras {@code TruePositives}: the (weighted) number of true positives (label ≠ 0, prediction above the threshold), per threshold (default 0.5). */
public class TruePositives extends ConfusionCount {
    /** @param thresholds null (0.5), a Double, a double[] or a List of numbers in [0, 1] */
    public TruePositives(Object thresholds, String name) {
        super(name, "true_positives", thresholds, Kind.TP);
    }

    public TruePositives() {
        this(null, null);
    }

    @Override
    public String className() {
        return "TruePositives";
    }
}
