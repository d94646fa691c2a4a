package kiln.nn.layers;

/**
 * {@code keras.Input}: a symbolic model input of the given shape (without the batch dimension).
 *
 * <pre>{@code
 * KerasTensor x = Input.of(28, 28);            // shape (None, 28, 28), layer "input_layer"
 * KerasTensor wide = Input.named("wide", 5);   // shape (None, 5)
 * }</pre>
 */
public final class Input {
    private Input() {}

    /** An input of this shape, auto-named input_layer, input_layer_1, ... */
    public static KerasTensor of(int... shape) {
        return named(null, shape);
    }

    /** An input with an explicit name. */
    public static KerasTensor named(String name, int... shape) {
        int[] batch = new int[shape.length + 1];
        batch[0] = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("Input: every dimension of `shape` must be >= 0 (the batch "
                        + "dimension is implicit). Received: shape=" + java.util.Arrays.toString(shape));
            }
            batch[i + 1] = shape[i];
        }
        return new InputLayer(batch, name).output();
    }
}
