package kiln.nn.initializers;

import java.util.Map;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/** N(mean, stddev²) (Keras {@code RandomNormal}: mean 0, stddev 0.05). */
public final class RandomNormal extends RandomInitializer {
    private final double mean;
    private final double stddev;

    public RandomNormal(double mean, double stddev, Integer seed) {
        super(seed);
        this.mean = mean;
        this.stddev = stddev;
    }

    public RandomNormal() {
        this(0.0, 0.05, null);
    }

    @Override
    public Tensor apply(Shape shape) {
        return Tensor.normal(generator(), (float) mean, (float) stddev, shape.dims());
    }

    @Override
    public String className() {
        return "RandomNormal";
    }

    @Override
    public Map<String, Object> getConfig() {
        return configWith("mean", mean, "stddev", stddev);
    }
}
