package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import kiln.nn.Weight;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * Keras's {@code use_ema}: an {@code average} slot per weight, updated after each step as
 * {@code a = a·k + v·(1 − k)} ({@code k = ema_momentum}, 0 on the first step), copied over the
 * weights every {@code ema_overwrite_frequency} steps and by {@link #finalizeValues}.
 */
final class ExponentialMovingAverage {
    private final boolean enabled;
    private final double momentum;
    private final Integer overwriteFrequency;
    private Tensor[] averages;

    ExponentialMovingAverage(boolean enabled, double momentum, Integer overwriteFrequency) {
        if (enabled) {
            if (!(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException("`ema_momentum` must be in the range [0, 1]. Received: ema_momentum="
                        + momentum);
            }
            if (overwriteFrequency != null && overwriteFrequency < 1) {
                throw new IllegalArgumentException("`ema_overwrite_frequency` must be an integer >= 1 or None. "
                        + "Received: ema_overwrite_frequency=" + overwriteFrequency);
            }
        }
        this.enabled = enabled;
        this.momentum = momentum;
        this.overwriteFrequency = overwriteFrequency;
    }

    boolean enabled() {
        return enabled;
    }

    /** Creates the {@code average} slots (when enabled). */
    void build(List<Weight> weights, BiFunction<Weight, String, Tensor> addSlot) {
        if (enabled) {
            averages = new Tensor[weights.size()];
            for (int i = 0; i < weights.size(); i++) {
                averages[i] = addSlot.apply(weights.get(i), "average");
            }
        }
    }

    /**
     * Updates every average (not only the weights with a gradient) and, on an overwrite step, copies
     * them into the weights. {@code iterations} is Keras's {@code optimizer.iterations} before the increment.
     */
    void update(List<Weight> weights, Slots[] slots, long iterations) {
        float k = iterations != 0 ? (float) momentum : 0f;
        for (int i = 0; i < weights.size(); i++) {
            Tensor s = slots[i].scratch(0);
            averages[i].muli(k).addi(weights.get(i).value().unary(UnaryOp.MUL_SCALAR, 1f - k, 0f, s));
        }
        if (overwriteFrequency != null && (iterations + 1) % overwriteFrequency == 0) {
            overwrite(weights);
        }
    }

    /** Copies the averages into the weights, when enabled and built. */
    void finalizeValues(List<Weight> weights) {
        if (enabled && weights != null) {
            overwrite(weights);
        }
    }

    private void overwrite(List<Weight> weights) {
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).value().copyFrom(averages[i]);
        }
    }

    /** The config keys {@code use_ema}, {@code ema_momentum}, {@code ema_overwrite_frequency}. */
    void addConfig(Map<String, Object> m) {
        m.put("use_ema", enabled);
        m.put("ema_momentum", momentum);
        m.put("ema_overwrite_frequency", overwriteFrequency);
    }
}
