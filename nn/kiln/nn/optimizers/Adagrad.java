package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * Adagrad. Keras: {@code Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)}.
 * <pre>
 * acc (starts at initial_accumulator_value) ← acc + g²;   w ← w − lr·g / sqrt(acc + eps)
 * </pre>
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
        Tensor acc = s.get(0).addi(g.unary(UnaryOp.SQUARE, 0f, 0f, s.scratch(0)));
        Tensor den = acc.unary(UnaryOp.ADD_SCALAR, (float) epsilon, 0f, s.scratch(0)).unaryi(UnaryOp.SQRT);
        w.subi(g.unary(UnaryOp.MUL_SCALAR, lr, 0f, s.scratch(1)).divi(den));
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("epsilon", epsilon);
    }
}
