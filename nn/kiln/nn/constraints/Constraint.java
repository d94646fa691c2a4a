package kiln.nn.constraints;

import kiln.nn.saving.KerasSerializable;
import kiln.tensor.Tensor;

/**
 * A Keras weight constraint: a projection applied to a weight after every optimizer update
 * ({@code v ← constraint(v)}), never at initialisation. {@link #apply} returns the projected value as
 * a new tensor; the optimizer copies it into the weight in place.
 *
 * <pre>{@code
 * Constraint c = Constraints.get("non_neg");
 * c.apply(Tensor.of(new float[] {-1, 2}, 2))   // [0. 2.]
 * }</pre>
 */
public interface Constraint extends KerasSerializable {
    /** The projected weight (same shape as {@code w}). */
    Tensor apply(Tensor w);
}
