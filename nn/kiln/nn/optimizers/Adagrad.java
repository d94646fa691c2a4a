package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Adagrad. Keras: {@code Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)}.
 * <pre>
 * acc (starts at initial_accumulator_value) ← acc + g²;   w ← w − lr·g / sqrt(acc + eps)
 * </pre>
 * One fused pass per weight ({@link Tensor#adagradUpdate}).
 */
public final class Adagrad extends Optimizer {
    private final double initialAccumulatorValue;
    private final double epsilon;

    public Adagrad() {
        this(new OptimizerOptions());
    }

    public Adagrad(double learningRate) {
        this(new OptimizerOptions().learningRate(learningRate));
    }

    public Adagrad(OptimizerOptions options) {
        this(0.1, 1e-7, options);
    }

    public Adagrad(double initialAccumulatorValue, double epsilon, OptimizerOptions options) {
        super("Adagrad", 0.001, null, options);
        this.initialAccumulatorValue = initialAccumulatorValue;
        this.epsilon = epsilon;
    }

    @Override
    protected List<List<String>> slotGroups() {
        return List.of(List.of("accumulator"));
    }

    @Override
    protected float slotInitialValue(String slot) {
        return (float) initialAccumulatorValue;
    }

    @Override
    protected void updateStep(Tensor g, Tensor w, float lr, Slots s) {
        Tensor.adagradUpdate(w, g, s.get(0), lr, (float) epsilon);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("epsilon", epsilon);
    }
}
