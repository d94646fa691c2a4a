package kiln.nn.metrics;

import kiln.tensor.Tensor;

/** Keras {@code Sum}: the running (weighted) sum of the values given to {@link #update}. */
public class Sum extends Metric {
    private float total;

    public Sum(String name) {
        super(name == null ? "sum" : name);
    }

    public Sum() {
        this(null);
    }

    /** Adds values, each multiplied by its weight when weights are given. */
    public void update(Tensor values, Tensor sampleWeight) {
        total += Mean.samplewise(this, values, sampleWeight, true)[0].sum().item();
    }

    /**
     * A Sum takes values, not (y_true, y_pred): use {@link #update(Tensor, Tensor)}.
     *
     * @throws IllegalStateException always
     */
    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        throw new IllegalStateException("Metric '" + name() + "' (Sum) sums values: call update(values, sampleWeight)");
    }

    @Override
    public float result() {
        return total;
    }

    @Override
    public void resetState() {
        total = 0f;
    }

    @Override
    public String className() {
        return "Sum";
    }
}
