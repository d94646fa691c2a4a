package kiln.nn.constraints;

import java.util.ArrayList;
import java.util.List;
import kiln.tensor.Tensor;

/** The column norms shared by MaxNorm, MinMaxNorm and UnitNorm, and their {@code axis} argument. */
final class Norms {
    /** Keras's {@code backend.epsilon()}, added to the norm before dividing. */
    static final float EPSILON = 1e-7f;

    private Norms() {}

    /** sqrt(Σ_axes w²), keepdims, as Keras. */
    static Tensor of(String owner, Tensor w, int[] axes) {
        try {
            return w.toFloat().square().sum(axes, true).sqrt();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": axis " + configAxis(axes, false) + " does not fit a weight of shape "
                    + w.shape() + " (" + e.getMessage() + ")");
        }
    }

    /** {@code w · ratio} where ratio = desired / (ε + norms). */
    static Tensor scale(Tensor w, Tensor desired, Tensor norms) {
        return w.toFloat().mul(desired.div(norms.add(EPSILON)));
    }

    /** Keras's {@code ops.clip}: min(max(x, lo), hi). */
    static Tensor clip(Tensor x, double lo, double hi) {
        return x.maximum(x.scalarLike((float) lo)).minimum(x.scalarLike((float) hi));
    }

    /** The config value: an int for one axis given as an int, else a list. */
    static Object configAxis(int[] axes, boolean single) {
        if (single) {
            return axes[0];
        }
        List<Object> l = new ArrayList<>();
        for (int a : axes) {
            l.add(a);
        }
        return l;
    }

    /** Reads a config {@code axis}: a number or a list of numbers. */
    static int[] parseAxis(String owner, Object axis) {
        if (axis == null) {
            return new int[] {0};
        }
        if (axis instanceof Number n) {
            return new int[] {n.intValue()};
        }
        if (axis instanceof List<?> l) {
            int[] r = new int[l.size()];
            for (int i = 0; i < r.length; i++) {
                if (!(l.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException(owner + ": axis must be an integer or a list of integers, got " + axis);
                }
                r[i] = n.intValue();
            }
            return r;
        }
        throw new IllegalArgumentException(owner + ": axis must be an integer or a list of integers, got " + axis);
    }
}
