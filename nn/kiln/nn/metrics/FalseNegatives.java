package kiln.nn.metrics;

import kiln.nn.metrics.Confusion.Kind;

/** Keras {@code FalseNegatives}: the (weighted) number of false negatives (label ≠ 0, prediction at or below the threshold), per threshold (default 0.5). */
public class FalseNegatives extends ConfusionCount {
    /** @param thresholds null (0.5), a Double, a double[] or a List of numbers in [0, 1] */
    public FalseNegatives(Object thresholds, String name) {
        super(name, "false_negatives", thresholds, Kind.FN);
    }

    public FalseNegatives() {
        this(null, null);
    }

    @Override
    public String className() {
        return "FalseNegatives";
    }
}
