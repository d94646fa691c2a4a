package kiln.nn.optimizers;

import java.util.List;
import java.util.function.BiFunction;
import kiln.nn.Weight;
import kiln.tensor.AllocationScope;
import kiln.tensor.Tensor;

/**
 * What an update rule sees of one weight's optimizer state: its slot variables (in the order the
 * optimizer declared them in {@link Optimizer#slotGroups()}), a few scratch tensors of the weight's
 * shape that live as long as the optimizer (so a step allocates nothing), and a reusable rank-0
 * tensor for dividing by a scalar exactly as Keras does ({@code x / s}, not {@code x · (1/s)}).
 */
public final class Slots {
    private final Tensor reference;
    private final Tensor[] slots;
    private final Tensor[] scratch = new Tensor[4];
    private final Tensor scalar;

    Slots(Tensor reference, Tensor[] slots) {
        this.reference = reference;
        this.slots = slots;
        this.scalar = reference.scalarLike(0f);
    }

    /**
     * Creates the slot variables of {@code groups} in Keras's order (each group interleaved across
     * the weights, groups one after another) and returns them by weight, in declaration order.
     */
    static Tensor[][] createGrouped(List<Weight> weights, List<List<String>> groups,
            BiFunction<Weight, String, Tensor> addSlot) {
        int count = groups.stream().mapToInt(List::size).sum();
        Tensor[][] byWeight = new Tensor[weights.size()][count];
        int base = 0;
        for (List<String> group : groups) {
            for (int i = 0; i < weights.size(); i++) {
                for (int j = 0; j < group.size(); j++) {
                    byWeight[i][base + j] = addSlot.apply(weights.get(i), group.get(j));
                }
            }
            base += group.size();
        }
        return byWeight;
    }

    /** Slot {@code k} in declaration order (e.g. Adam: 0 momentum, 1 velocity, 2 velocity_hat). */
    public Tensor get(int k) {
        return slots[k];
    }

    /** Scratch tensor {@code k} (0..3) of the weight's shape; contents are garbage on entry. */
    public Tensor scratch(int k) {
        Tensor t = scratch[k];
        if (t == null) {
            t = AllocationScope.escape(reference.zerosLike()); // reused by every later step
            scratch[k] = t;
        }
        return t;
    }

    /** {@code t /= s} in place, as a true float32 division. */
    public Tensor divi(Tensor t, float s) {
        return t.divi(scalar.fill(s));
    }

    /** {@code out = t / s}. */
    public Tensor div(Tensor t, float s, Tensor out) {
        return t.binary(kiln.tensor.BinaryOp.DIV, scalar.fill(s), out);
    }
}
