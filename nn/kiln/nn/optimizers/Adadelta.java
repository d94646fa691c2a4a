package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Adadelta. Keras: {@code Adadelta(learning_rate=0.001, rho=0.95, epsilon=1e-7)}.
 * <pre>
 * Eg ← rho·Eg + (1−rho)·g²
 * Δ  = −sqrt(Ex + eps)·g / sqrt(Eg + eps)          (Ex: the old accumulated delta)
 * Ex ← rho·Ex + (1−rho)·Δ²;   w ← w + lr·Δ
 * </pre>
 * One fused pass per weight ({@link Tensor#adadeltaUpdate}).
 */
public final class Adadelta extends Optimizer {
    private final double rho;
    private final double epsilon;

    public Adadelta() {
        this(new OptimizerOptions());
    }

    public Adadelta(double learningRate) {
        this(new OptimizerOptions().learningRate(learningRate));
    }

    public Adadelta(OptimizerOptions options) {
        this(0.95, 1e-7, options);
    }

    public Adadelta(double rho, double epsilon, OptimizerOptions options) {
        super("Adadelta", 0.001, null, options);
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    protected List<List<String>> slotGroups() {
        return List.of(List.of("accumulated_grad", "accumulated_delta_var"));
    }

    @Override
    protected void updateStep(Tensor g, Tensor w, float lr, Slots s) {
        Tensor.adadeltaUpdate(w, g, s.get(0), s.get(1), lr, (float) rho, (float) (1 - rho), (float) epsilon);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("rho", rho);
        c.put("epsilon", epsilon);
    }
}
