package kiln.nn.optimizers.schedules;

import kiln.nn.saving.KerasSerializable;

/**
 * A learning rate as a function of the optimizer's step (Keras {@code LearningRateSchedule}): the
 * optimizer calls it with {@code iterations} — 0 for the first update, then once per batch. As in
 * Keras, the arithmetic is float32 (the dtype of {@code initial_learning_rate}).
 */
public interface LearningRateSchedule extends KerasSerializable {
    /** The learning rate at this step. */
    float apply(long step);
}
