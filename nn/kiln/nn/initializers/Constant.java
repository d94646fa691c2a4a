package kiln.nn.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/** Every element equal to {@code value} (Keras {@code Constant}, default 0.0). */
public class Constant implements Initializer {
    private final double value;

    public Constant(double value) {
        this.value = value;
    }

    public Constant() {
        this(0.0);
    }

    @Override
    public Tensor apply(Shape shape) {
        Tensor t = Tensor.zeros(shape);
        return value == 0 ? t : t.fill((float) value);
    }

    @Override
    public String className() {
        return "Constant";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        return m;
    }
}
