package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Gradient descent with optional (Nesterov) momentum. Keras: {@code SGD(learning_rate=0.01,
 * momentum=0.0, nesterov=False)}.
 * <pre>
 * momentum = 0:  w ← w − lr·g
 * otherwise:     m ← momentum·m − lr·g;  w ← w + m   (nesterov: w ← w + momentum·m − lr·g, with the new m)
 * </pre>
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final boolean nesterov;

    public SGD() {
        this(0.0, false, new OptimizerOptions());
    }

    public SGD(double learningRate) {
        this(0.0, false, new OptimizerOptions().learningRate(learningRate));
    }

    public SGD(double learningRate, double momentum, boolean nesterov) {
        this(momentum, nesterov, new OptimizerOptions().learningRate(learningRate));
    }

    /** @throws IllegalArgumentException if {@code momentum} is outside [0, 1] */
    public SGD(double momentum, boolean nesterov, OptimizerOptions options) {
        super("SGD", 0.01, null, options);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("`momentum` must be a float between [0, 1]. Received: momentum=" + momentum);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    protected List<List<String>> slotGroups() {
        return momentum != 0 ? List.of(List.of("momentum")) : List.of();
    }

    @Override
    protected void updateStep(Tensor g, Tensor w, float lr, Slots s) {
        updateAll(List.of(g), List.of(w), lr, List.of(s));
    }

    @Override
    protected void updateAll(List<Tensor> g, List<Tensor> w, float lr, List<Slots> s) {
        // Keras: w -= g·lr, or m = m·μ - g·lr, then w += m (nesterov: w += m·μ - g·lr); one fused pass,
        // each product rounded before its add, exactly as Keras's separate ops; every weight in one call.
        List<Tensor> m = momentum == 0 ? null : s.stream().map(slots -> slots.get(0)).toList();
        Tensor.sgdUpdates(w, g, m, lr, (float) momentum, nesterov);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("momentum", momentum);
        c.put("nesterov", nesterov);
    }
}
