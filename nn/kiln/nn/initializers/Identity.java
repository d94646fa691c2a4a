package kiln.nn.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/** gain · eye(rows, cols), rank-2 shapes only (Keras {@code Identity}/{@code IdentityInitializer}). */
public final class Identity implements Initializer {
    private final double gain;

    public Identity(double gain) {
        this.gain = gain;
    }

    public Identity() {
        this(1.0);
    }

    @Override
    public Tensor apply(Shape shape) {
        if (shape.rank() != 2) {
            throw new IllegalArgumentException("Identity: the initializer can only be used for 2D matrices. "
                    + "Received: shape=" + shape + " of rank " + shape.rank());
        }
        int rows = shape.dim(0);
        int cols = shape.dim(1);
        float[] v = new float[rows * cols];
        for (int i = 0; i < Math.min(rows, cols); i++) {
            v[i * cols + i] = (float) gain;
        }
        return Tensor.of(v, rows, cols);
    }

    @Override
    public String className() {
        return "Identity";
    }

    @Override
    public Map<String, Object> getConfig() {
        // Keras 3.15 returns {} (its Identity does not override get_config); keep a non-default gain anyway.
        Map<String, Object> m = new LinkedHashMap<>();
        if (gain != 1.0) {
            m.put("gain", gain);
        }
        return m;
    }
}
