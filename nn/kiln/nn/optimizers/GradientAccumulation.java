package kiln.nn.optimizers;

import java.util.List;
import java.util.function.BiFunction;
import kiln.nn.Weight;
import kiln.tensor.BinaryOp;
import kiln.tensor.Tensor;

/**
 * Keras's {@code gradient_accumulation_steps}: gradients are summed into per-weight
 * {@code gradient_accumulator} slots, and every {@code steps}-th call applies their mean and resets
 * them. Off when {@code steps} is null.
 */
final class GradientAccumulation {
    private final Integer steps;
    private Tensor[] accumulators;

    GradientAccumulation(Integer steps) {
        if (steps != null && steps < 2) {
            throw new IllegalArgumentException("`gradient_accumulation_steps` must be an integer >= 2. "
                    + "Received: gradient_accumulation_steps=" + steps);
        }
        this.steps = steps;
    }

    boolean enabled() {
        return steps != null;
    }

    /** Creates the {@code gradient_accumulator} slots (when enabled). */
    void build(List<Weight> weights, BiFunction<Weight, String, Tensor> addSlot) {
        if (steps != null) {
            accumulators = new Tensor[weights.size()];
            for (int i = 0; i < weights.size(); i++) {
                accumulators[i] = addSlot.apply(weights.get(i), "gradient_accumulator");
            }
        }
    }

    /** Whether the call after {@code rawIterations} calls is the one that applies the mean. */
    boolean completesAfter(long rawIterations) {
        return (rawIterations + 1) % steps == 0;
    }

    /** Replaces each gradient by {@code (g + accumulator) / steps}, in its weight's work tensor. */
    void average(StepGradients step) {
        for (int j = 0; j < step.size(); j++) {
            Tensor out = step.work(j);
            step.grad(j).binary(BinaryOp.ADD, accumulators[step.index(j)], out);
            step.setGrad(j, step.slots(j).divi(out, (float) steps));
        }
    }

    /** Zeroes the accumulators of the step's weights. */
    void reset(StepGradients step) {
        for (int j = 0; j < step.size(); j++) {
            accumulators[step.index(j)].fill(0f);
        }
    }

    /** Adds the step's gradients to the accumulators. */
    void add(StepGradients step) {
        for (int j = 0; j < step.size(); j++) {
            accumulators[step.index(j)].addi(step.grad(j));
        }
    }

    /** Keras's {@code iterations}: the raw count, floor-divided by {@code steps} when enabled. */
    long iterations(long rawIterations) {
        return steps == null ? rawIterations : Math.floorDiv(rawIterations, steps);
    }

    Integer steps() {
        return steps;
    }
}
