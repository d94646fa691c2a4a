package kiln.nn.metrics;

import java.util.function.DoubleSupplier;
import kiln.tensor.Tensor;

/**
 * Keras {@code Sum}: the running (weighted) sum of the values given to {@link #update}, kept on the values'
 * device ({@link RunningTotal}) until {@link #result()} reads it.
 */
public class Sum extends Metric {
    private final RunningTotal total = new RunningTotal();

    public Sum(String name) {
        super(name == null ? "sum" : name);
    }

    public Sum() {
        this(null);
    }

    /** Adds values, each multiplied by its weight when weights are given. */
    public void update(Tensor values, Tensor sampleWeight) {
        total.add(Mean.samplewise(this, values, sampleWeight, true)[0].sum());
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
        return total.read();
    }

    @Override
    public DoubleSupplier deferredResult() {
        RunningTotal.Snapshot t = total.snapshot();
        return t::read;
    }

    @Override
    public void resetState() {
        total.reset();
    }

    @Override
    public String className() {
        return "Sum";
    }
}
