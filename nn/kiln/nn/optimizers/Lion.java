package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Lion (evolved sign momentum). Keras: {@code Lion(learning_rate=0.001, beta_1=0.9, beta_2=0.99)}.
 * <pre>
 * w ← w − lr·sign(β1·m + (1 − β1)·g)     (sign(0) = 0)
 * m ← β2·m + (1 − β2)·g
 * </pre>
 * One fused pass per weight ({@link Tensor#lionUpdate}).
 */
public final class Lion extends Optimizer {
    private final double beta1;
    private final double beta2;

    public Lion() {
        this(new OptimizerOptions());
    }

    public Lion(double learningRate) {
        this(new OptimizerOptions().learningRate(learningRate));
    }

    public Lion(OptimizerOptions options) {
        this(0.9, 0.99, options);
    }

    /** @throws IllegalArgumentException if {@code beta1} is not in (0, 1] */
    public Lion(double beta1, double beta2, OptimizerOptions options) {
        super("Lion", 0.001, null, options);
        if (!(beta1 > 0 && beta1 <= 1)) {
            throw new IllegalArgumentException("Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer "
                    + "degenerates to SignSGD. Received: beta_1=" + beta1 + ".");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    @Override
    protected List<List<String>> slotGroups() {
        return List.of(List.of("momentum"));
    }

    @Override
    protected void updateStep(Tensor g, Tensor w, float lr, Slots s) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        Tensor.lionUpdate(w, g, s.get(0), lr, b1, 1f - b1, b2, 1f - b2);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
    }
}
