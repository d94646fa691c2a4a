package kiln.nn.optimizers;

import kiln.nn.optimizers.schedules.LearningRateSchedule;
import kiln.nn.saving.Serialization;
import kiln.tensor.Tensor;

/**
 * An optimizer's learning rate: a rank-0 float32 {@code learning_rate} variable, or a schedule
 * evaluated at the raw step count (then there is no variable, as in Keras). The variable's value is
 * also kept on the host, so a step reads nothing from the device; every write to the variable goes
 * through {@link #set(float)} or {@link #reload()}.
 */
final class LearningRate {
    private LearningRateSchedule schedule;
    private Tensor variable; // rank-0 float32; null when the rate is a schedule
    private float value;     // the variable's value

    LearningRate(double value) {
        this.value = (float) value;
        this.variable = Tensor.scalar(this.value);
    }

    LearningRate(LearningRateSchedule schedule) {
        this.schedule = schedule;
    }

    /** The rate for the step after {@code rawIterations} calls. */
    float at(long rawIterations) {
        return schedule != null ? schedule.apply(rawIterations) : value;
    }

    void set(float learningRate) {
        if (schedule != null) {
            throw new IllegalStateException("This optimizer was created with a `LearningRateSchedule` object as its "
                    + "`learning_rate` constructor argument, hence its learning rate is not settable. If you need the "
                    + "learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` "
                    + "argument.");
        }
        variable.fill(learningRate);
        value = learningRate;
    }

    /** Takes the variable's value again after it was assigned in place (restored state). */
    void reload() {
        if (variable != null) {
            value = variable.item();
        }
    }

    void set(LearningRateSchedule schedule) {
        this.schedule = java.util.Objects.requireNonNull(schedule, "schedule");
        this.variable = null;
    }

    LearningRateSchedule schedule() {
        return schedule;
    }

    /** The {@code learning_rate} variable, or null with a schedule. */
    Tensor variable() {
        return variable;
    }

    /** The config value: the number, or the serialized schedule. */
    Object config() {
        return schedule != null ? Serialization.serialize(schedule, "keras.optimizers.schedules")
                : (Object) (double) value;
    }
}
