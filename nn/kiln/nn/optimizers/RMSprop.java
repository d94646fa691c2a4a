package kiln.nn.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * RMSprop. Keras: {@code RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)}.
 * <pre>
 * v ← rho·v + (1−rho)·g²
 * centered: a ← rho·a + (1−rho)·g;  den = v − a² + eps     else den = v + eps   (eps inside the sqrt)
 * inc = lr·g / sqrt(den)
 * momentum > 0: mom ← momentum·mom + inc;  w ← w − mom      else w ← w − inc
 * </pre>
 * One fused pass per weight ({@link Tensor#rmspropUpdate}).
 */
public final class RMSprop extends Optimizer {
    private final double rho;
    private final double momentum;
    private final double epsilon;
    private final boolean centered;

    public RMSprop() {
        this(new OptimizerOptions());
    }

    public RMSprop(double learningRate) {
        this(new OptimizerOptions().learningRate(learningRate));
    }

    public RMSprop(OptimizerOptions options) {
        this(0.9, 0.0, 1e-7, false, options);
    }

    public RMSprop(double rho, double momentum, double epsilon, boolean centered, OptimizerOptions options) {
        super("RMSprop", 0.001, null, options);
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    // Slot indices: velocity, then momentum if used, then average_gradient if centered.
    private int momentumSlot() {
        return 1;
    }

    private int averageSlot() {
        return momentum > 0 ? 2 : 1;
    }

    @Override
    protected List<List<String>> slotGroups() {
        List<List<String>> groups = new ArrayList<>();
        groups.add(List.of("velocity"));
        if (momentum > 0) {
            groups.add(List.of("momentum"));
        }
        if (centered) {
            groups.add(List.of("average_gradient"));
        }
        return groups;
    }

    @Override
    protected void updateStep(Tensor g, Tensor w, float lr, Slots s) {
        Tensor.rmspropUpdate(w, g, s.get(0), momentum > 0 ? s.get(momentumSlot()) : null,
                centered ? s.get(averageSlot()) : null, lr, (float) rho, (float) (1 - rho), (float) momentum,
                (float) epsilon);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("rho", rho);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("centered", centered);
    }
}
