package kiln.nn.metrics;

import kiln.tensor.Tensor;

/**
 * A per-sample metric function for {@link MeanMetricWrapper}: returns one value per sample (or per
 * element; {@link Mean} averages the trailing axes per sample).
 */
@FunctionalInterface
public interface MetricFunction {
    Tensor apply(Tensor yTrue, Tensor yPred);
}
