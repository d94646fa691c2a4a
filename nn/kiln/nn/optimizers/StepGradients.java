package kiln.nn.optimizers;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import kiln.nn.Weight;
import kiln.tensor.AllocationScope;
import kiln.tensor.Tensor;

/**
 * The gradients of one {@link Optimizer#apply} call as they are processed: for each weight that
 * has a gradient, its built index and its current gradient (the caller's tensor at first, then the
 * weight's work tensor once scaled, accumulated or clipped). Positions {@code j} run over
 * {@code 0..size()-1}; the work tensors (one per weight, made when first needed) and the reused
 * arrays live as long as the optimizer.
 */
final class StepGradients {
    private final List<Weight> weights;
    private final Slots[] slots;
    private final IdentityHashMap<Weight, Integer> builtIndex = new IdentityHashMap<>();
    private final Tensor[] work; // the processed gradient (scaled, accumulated, clipped), made when first needed
    private int[] active = new int[0];
    private Tensor[] grads = new Tensor[0];
    private int size;

    StepGradients(List<Weight> weights, Slots[] slots) {
        this.weights = weights;
        this.slots = slots;
        for (int i = 0; i < weights.size(); i++) {
            builtIndex.put(weights.get(i), i);
        }
        this.work = new Tensor[weights.size()];
    }

    /**
     * Takes the non-null gradients of {@code vars}, checking that each weight was built and each
     * shape matches; returns the paths of the weights whose gradient is null (null when none is).
     */
    List<String> gather(List<Tensor> grads, List<Weight> vars, String optimizer) {
        if (active.length < vars.size()) {
            active = new int[vars.size()];
            this.grads = new Tensor[vars.size()];
        }
        int m = 0;
        List<String> missing = null;
        for (int i = 0; i < vars.size(); i++) {
            Weight w = vars.get(i);
            Integer k = builtIndex.get(w);
            if (k == null) {
                throw new IllegalArgumentException("Unknown variable: " + w + ". This optimizer can only be called for "
                        + "the variables it was originally built with. When working with a new set of variables, you "
                        + "should recreate a new optimizer instance.");
            }
            Tensor g = grads.get(i);
            if (g == null) {
                (missing == null ? missing = new ArrayList<>() : missing).add(w.path());
                continue;
            }
            if (!g.shape().equals(w.value().shape())) {
                throw new IllegalArgumentException("Optimizer '" + optimizer + "': gradient for '" + w.path()
                        + "' has shape " + g.shape() + ", expected the variable's shape " + w.value().shape());
            }
            active[m] = k;
            this.grads[m] = g;
            m++;
        }
        size = m;
        return missing;
    }

    /** The number of weights with a gradient in this step. */
    int size() {
        return size;
    }

    /** The built index of the weight at position {@code j}. */
    int index(int j) {
        return active[j];
    }

    Tensor grad(int j) {
        return grads[j];
    }

    void setGrad(int j, Tensor g) {
        grads[j] = g;
    }

    Weight weight(int j) {
        return weights.get(active[j]);
    }

    Slots slots(int j) {
        return slots[active[j]];
    }

    /** The work tensor of the weight at position {@code j} (made on first use). */
    Tensor work(int j) {
        int k = active[j];
        Tensor t = work[k];
        if (t == null) {
            t = AllocationScope.escape(weights.get(k).value().zerosLike()); // reused by every later step
            work[k] = t;
        }
        return t;
    }

    /** Replaces each gradient by {@code g / s} (a true float32 division), in its weight's work tensor. */
    void divideBy(float s) {
        for (int j = 0; j < size; j++) {
            grads[j] = slots(j).div(grads[j], s, work(j));
        }
    }

    /** Drops the references to the caller's gradients. */
    void clear() {
        java.util.Arrays.fill(grads, 0, size, null);
    }
}
