package kiln.nn.initializers;

import java.util.Map;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/** U[minval, maxval) (Keras {@code RandomUniform}: −0.05, 0.05). */
public final class RandomUniform extends RandomInitializer {
    private final double minval;
    private final double maxval;

    public RandomUniform(double minval, double maxval, Integer seed) {
        super(seed);
        if (!(minval <= maxval)) {
            throw new IllegalArgumentException("RandomUniform: minval must be <= maxval, got minval=" + minval
                    + " maxval=" + maxval);
        }
        this.minval = minval;
        this.maxval = maxval;
    }

    public RandomUniform() {
        this(-0.05, 0.05, null);
    }

    @Override
    public Tensor apply(Shape shape) {
        return Tensor.uniform(generator(), (float) minval, (float) maxval, shape.dims());
    }

    @Override
    public String className() {
        return "RandomUniform";
    }

    @Override
    public Map<String, Object> getConfig() {
        return configWith("minval", minval, "maxval", maxval);
    }
}
