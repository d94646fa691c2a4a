package kiln.nn.initializers;

import kiln.tensor.Shape;

/**
 * Keras's {@code compute_fans}: a Dense kernel (in, out) has fan_in = in, fan_out = out; a conv
 * kernel (*spatial, in, out) multiplies both by the receptive field size.
 */
public record Fans(double in, double out) {
    public static Fans of(Shape shape) {
        int r = shape.rank();
        if (r == 0) {
            return new Fans(1, 1);
        }
        if (r == 1) {
            return new Fans(shape.dim(0), shape.dim(0));
        }
        if (r == 2) {
            return new Fans(shape.dim(0), shape.dim(1));
        }
        double receptive = 1;
        for (int i = 0; i < r - 2; i++) {
            receptive *= shape.dim(i);
        }
        return new Fans(shape.dim(-2) * receptive, shape.dim(-1) * receptive);
    }
}
