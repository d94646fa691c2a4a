package kiln.nn.initializers;

import java.util.Map;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/** N(mean, stddev²) redrawn outside mean ± 2·stddev (Keras {@code TruncatedNormal}: 0, 0.05). */
public final class TruncatedNormal extends RandomInitializer {
    private final double mean;
    private final double stddev;

    public TruncatedNormal(double mean, double stddev, Integer seed) {
        super(seed);
        this.mean = mean;
        this.stddev = stddev;
    }

    public TruncatedNormal() {
        this(0.0, 0.05, null);
    }

    @Override
    public Tensor apply(Shape shape) {
        return Tensor.truncatedNormal(generator(), (float) mean, (float) stddev, shape.dims());
    }

    @Override
    public String className() {
        return "TruncatedNormal";
    }

    @Override
    public Map<String, Object> getConfig() {
        return configWith("mean", mean, "stddev", stddev);
    }
}
