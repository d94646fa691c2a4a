package kiln.nn.callbacks;

import java.util.Map;
import kiln.nn.models.Model;

/**
 * Hooks called by {@code fit}, {@code evaluate} and {@code predict}, in Keras's order (keras-training
 * §7): every hook has an empty default, so a callback overrides only what it uses. {@code epoch}
 * and {@code batch} are 0-based; {@code logs} maps metric names to values (running averages since
 * the epoch start, keys sorted as Keras on JAX) and is never null; {@code on*Begin} hooks get an
 * empty map.
 *
 * <p>In {@code fit} the user's callbacks run first, then {@link History}, then the progress bar, and
 * they all receive the same logs map (a callback may add keys that History then records). Setting
 * {@link Model#setStopTraining} in {@link #onTrainBatchEnd} ends the epoch after that batch (the epoch
 * is still closed: validation, {@link #onEpochEnd}); in {@link #onEpochEnd} it stops after that epoch.
 * {@link #onTrainEnd} is not called when training throws. Unlike Keras, {@link #onPredictBatchEnd}
 * gets an empty map, not {@code {"outputs": ...}}.
 */
public interface Callback {
    /** Called before training with the model (Keras {@code set_model}). */
    default void setModel(Model model) {}

    /** Called before training with {verbose, epochs, steps} (Keras {@code set_params}). */
    default void setParams(Map<String, Object> params) {}

    default void onTrainBegin(Map<String, Double> logs) {}

    default void onTrainEnd(Map<String, Double> logs) {}

    default void onEpochBegin(int epoch, Map<String, Double> logs) {}

    default void onEpochEnd(int epoch, Map<String, Double> logs) {}

    default void onTrainBatchBegin(int batch, Map<String, Double> logs) {}

    default void onTrainBatchEnd(int batch, Map<String, Double> logs) {}

    default void onTestBegin(Map<String, Double> logs) {}

    default void onTestEnd(Map<String, Double> logs) {}

    default void onTestBatchBegin(int batch, Map<String, Double> logs) {}

    default void onTestBatchEnd(int batch, Map<String, Double> logs) {}

    default void onPredictBegin(Map<String, Double> logs) {}

    default void onPredictEnd(Map<String, Double> logs) {}

    default void onPredictBatchBegin(int batch, Map<String, Double> logs) {}

    default void onPredictBatchEnd(int batch, Map<String, Double> logs) {}
}
