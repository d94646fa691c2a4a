package kiln.nn.metrics;

import kiln.nn.metrics.Confusion.Kind;

/** Keras {@code FalsePositives}: the (weighted) number of false positives (label 0, prediction above the threshold), per threshold (default 0.5). */
public class FalsePositives extends ConfusionCount {
    /** @param thresholds null (0.5), a Double, a double[] or a List of numbers in [0, 1] */
    public FalsePositives(Object thresholds, String name) {
        super(name, "false_positives", thresholds, Kind.FP);
    }

    public FalsePositives() {
        this(null, null);
    }

    @Override
    public String className() {
        return "FalsePositives";
    }
}
