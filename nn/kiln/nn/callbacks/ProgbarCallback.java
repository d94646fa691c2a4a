package kiln.nn.callbacks;

import java.util.Map;

/** Plugs a {@link ProgbarLogger} into the {@link Callback} hooks; added by fit/evaluate/predict when verbose ≠ 0. */
public final class ProgbarCallback implements Callback {
    private final ProgbarLogger logger;

    public ProgbarCallback(ProgbarLogger logger) {
        this.logger = logger;
    }

    /** The logger, for {@code setParams(verbose, epochs, steps)}. */
    public ProgbarLogger logger() {
        return logger;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        logger.onTrainBegin();
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        logger.onEpochBegin(epoch);
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        logger.onTrainBatchEnd(batch, logs);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logger.onEpochEnd(epoch, logs);
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        logger.onTestBegin();
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        logger.onTestBatchEnd(batch, logs);
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        logger.onTestEnd(logs);
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        logger.onPredictBegin();
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        logger.onPredictBatchEnd(batch);
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        logger.onPredictEnd();
    }
}
