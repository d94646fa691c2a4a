package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Adamax (Adam with the infinity norm). Keras: {@code Adamax(learning_rate=0.001, beta_1=0.9,
 * beta_2=0.999, epsilon=1e-7)}.
 * <pre>
 * m ← m + (g − m)(1 − β1);  u ← max(β2·u, |g|);  w ← w − lr·m / ((1 − β1^t)·(u + eps))
 * </pre>
 * One fused pass per weight ({@link Tensor#adamaxUpdate}).
 */
public final class Adamax extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    public Adamax() {
        this(new OptimizerOptions());
    }

    public Adamax(double learningRate) {
        this(new OptimizerOptions().learningRate(learningRate));
    }

    public Adamax(OptimizerOptions options) {
        this(0.9, 0.999, 1e-7, options);
    }

    public Adamax(double beta1, double beta2, double epsilon, OptimizerOptions options) {
        super("Adamax", 0.001, null, options);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected List<List<String>> slotGroups() {
        return List.of(List.of("momentum", "norm"));
    }

    @Override
    protected void updateStep(Tensor g, Tensor w, float lr, Slots s) {
        float beta1Power = (float) Math.pow((float) beta1, (float) (iterations() + 1));
        Tensor.adamaxUpdate(w, g, s.get(0), s.get(1), lr, (float) (1 - beta1), (float) beta2, (float) epsilon,
                1f - beta1Power);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
    }
}
