package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Adam. Keras: {@code Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False)}.
 * <pre>
 * t = iterations + 1;  α = lr·sqrt(1 − β2^t) / (1 − β1^t)
 * m ← m + (g − m)(1 − β1);  v ← v + (g² − v)(1 − β2);  amsgrad: v̂ ← max(v̂, v), use v̂
 * w ← w − α·m / (sqrt(v) + eps)
 * </pre>
 * The epsilon is Keras's "epsilon hat": added to sqrt(v), not to the bias-corrected sqrt(v̂).
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean amsgrad;

    public Adam() {
        this(new OptimizerOptions());
    }

    public Adam(double learningRate) {
        this(new OptimizerOptions().learningRate(learningRate));
    }

    public Adam(OptimizerOptions options) {
        this(0.9, 0.999, 1e-7, false, options);
    }

    public Adam(double beta1, double beta2, double epsilon, boolean amsgrad, OptimizerOptions options) {
        this("Adam", null, beta1, beta2, epsilon, amsgrad, options);
    }

    /** For AdamW: another class name and default weight decay. */
    Adam(String className, Double defaultWeightDecay, double beta1, double beta2, double epsilon, boolean amsgrad,
         OptimizerOptions options) {
        super(className, 0.001, defaultWeightDecay, options);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.amsgrad = amsgrad;
    }

    @Override
    protected final List<List<String>> slotGroups() {
        return amsgrad ? List.of(List.of("momentum", "velocity"), List.of("velocity_hat"))
                : List.of(List.of("momentum", "velocity"));
    }

    @Override
    protected final void updateStep(Tensor g, Tensor w, float lr, Slots s) {
        updateAll(List.of(g), List.of(w), lr, List.of(s));
    }

    @Override
    protected final void updateAll(List<Tensor> g, List<Tensor> w, float lr, List<Slots> s) {
        float t = iterations() + 1;
        float beta1Power = (float) Math.pow((float) beta1, t);
        float beta2Power = (float) Math.pow((float) beta2, t);
        float alpha = lr * (float) Math.sqrt(1f - beta2Power) / (1f - beta1Power);
        Tensor.adamUpdates(w, g, slot(s, 0), slot(s, 1), amsgrad ? slot(s, 2) : null, alpha, (float) (1 - beta1),
                (float) (1 - beta2), (float) epsilon);
    }

    private static List<Tensor> slot(List<Slots> s, int i) {
        return s.stream().map(slots -> slots.get(i)).toList();
    }

    @Override
    protected final void addConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        c.put("amsgrad", amsgrad);
    }
}
