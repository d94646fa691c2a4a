package kiln.nn.metrics;

import kiln.nn.metrics.Confusion.Kind;

/** Keras {@code TrueNegatives}: the (weighted) number of true negatives (label 0, prediction at or below the threshold), per threshold (default 0.5). */
public class TrueNegatives extends ConfusionCount {
    /** @param thresholds null (0.5), a Double, a double[] or a List of numbers in [0, 1] */
    public TrueNegatives(Object thresholds, String name) {
        super(name, "true_negatives", thresholds, Kind.TN);
    }

    public TrueNegatives() {
        this(null, null);
    }

    @Override
    public String className() {
        return "TrueNegatives";
    }
}
