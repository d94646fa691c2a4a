package kiln.nn.initializers;

import kiln.nn.saving.KerasSerializable;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Makes the initial value of a weight (Keras {@code initializers.Initializer}). Resolve string
 * identifiers with {@link Initializers#get(String)}.
 *
 * <pre>{@code
 * Tensor w = Initializers.get("glorot_uniform").apply(Shape.of(784, 300));
 * }</pre>
 */
public interface Initializer extends KerasSerializable {
    /** A new float32 tensor of this shape on the default device. */
    Tensor apply(Shape shape);
}
