package kiln.nn.regularizers;

import kiln.autograd.Variable;
import kiln.nn.saving.KerasSerializable;

/**
 * A penalty on a weight, added to the training loss (Keras {@code regularizers.Regularizer}).
 * Written with autograd ops so its gradient reaches the weight.
 */
public interface Regularizer extends KerasSerializable {
    /** The scalar penalty for this weight value. */
    Variable penalty(Variable weight);
}
