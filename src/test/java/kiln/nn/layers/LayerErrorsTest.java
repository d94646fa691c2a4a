package kiln.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kiln.autograd.Variable;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Caller mistakes fail with Keras's wording (keras-reference §8, §10), prefixed with the layer's
 * class and name; each test checks the message names the layer and the offending values.
 */
class LayerErrorsTest {
    @BeforeEach
    void fresh() {
        Naming.clearSession();
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "missing \"" + p + "\" in: " + message);
        }
    }

    @Test
    void denseUnitsMustBePositive() {
        assertContains(message(() -> new Dense(0)), "Dense layer \"dense\"",
                "Received an invalid value for `units`, expected a positive integer. Received: units=0");
        assertContains(message(() -> new Dense(-3, null, "head")), "Dense layer \"head\"", "Received: units=-3");
    }

    @Test
    void reshapeAllowsOneUnknownDimension() {
        assertContains(message(() -> new Reshape(-1, -1)), "Reshape layer \"reshape\"",
                "There must be at most one unknown dimension (-1) in `target_shape`. Received: target_shape=(-1, -1).");
        assertContains(message(() -> new Reshape(new int[] {-2, 3}, "r")), "Reshape layer \"r\"",
                "Each dimension in `target_shape` must be a non-negative integer, or `-1` for a single unknown "
                        + "dimension. Received: target_shape=(-2, 3).");
        Reshape r = new Reshape(4);
        assertContains(message(() -> r.apply(Input.of(3))), "Reshape layer \"reshape_1\"",
                "The total size of the tensor must be unchanged. Received: input_shape=(3,), target_shape=(4,)");
    }

    @Test
    void dropoutRateMustBeInZeroOne() {
        assertContains(message(() -> new Dropout(1.5)), "Dropout layer \"dropout\"",
                "Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5");
        assertContains(message(() -> new Dropout(-0.1, null, "drop")), "Dropout layer \"drop\"", "Received: rate=-0.1");
        new Dropout(1.0); // Keras accepts 1: everything dropped
        assertContains(message(() -> new Dropout(0.5).noiseShape(null, 0)), "Dropout layer", "`noise_shape`",
                "index 1: 0");
    }

    @Test
    void mergeLayersNeedAList() {
        KerasTensor x = Input.of(3);
        assertContains(message(() -> new Add().apply(x)), "Add layer \"add\"",
                "A merge layer should be called on a list of inputs. Received: input_shape=(None, 3) (not a list of shapes)");
        assertContains(message(() -> new Maximum("mx").apply(new Variable(Tensor.ones(2, 3)), false)),
                "Maximum layer \"mx\"", "A merge layer should be called on a list of inputs", "input_shape=(None, 3)");
        assertContains(message(() -> new Concatenate().apply(x)), "Concatenate layer \"concatenate\"",
                "A `Concatenate` layer should be called on a list of at least 1 input. Received: input_shape=(None, 3)");
        assertContains(message(() -> new Subtract().apply(x, x, x)), "Subtract layer \"subtract\"",
                "A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=[(None, 3), (None, 3), "
                        + "(None, 3)]");
        // a list of one is what Keras accepts: the input itself
        assertEquals(3, new Add().apply(List.of(x)).shape()[1]);
    }

    @Test
    void mergeShapesMustBroadcast() {
        assertContains(message(() -> new Add().apply(Input.of(3), Input.of(4))), "Add layer \"add\"",
                "Inputs have incompatible shapes. Received shapes (3,) and (4,)");
        assertContains(message(() -> new Multiply("m").apply(List.of(new Variable(Tensor.ones(2, 3)),
                new Variable(Tensor.ones(5, 3))), false)), "Multiply layer \"m\"",
                "Cannot merge tensors with different batch sizes", "(2, 3)", "(5, 3)");
    }

    @Test
    void concatenateShapesMustMatchOffTheAxis() {
        assertContains(message(() -> new Concatenate().apply(Input.of(3, 4), Input.of(2, 5))),
                "Concatenate layer \"concatenate\"", "A `Concatenate` layer requires inputs with matching shapes except "
                        + "for the concatenation axis. Received: input_shape=[(None, 3, 4), (None, 2, 5)]");
    }

    @Test
    void wrongLastDimensionAfterBuild() {
        Dense d = new Dense(2);
        d.apply(Input.of(3));
        assertContains(message(() -> d.apply(Input.of(4))), "Input 0 of layer \"dense\" is incompatible with the layer: "
                + "expected axis -1 of input shape to have value 3, but received input with shape (None, 4)");
        assertContains(message(() -> d.apply(new Variable(Tensor.ones(1, 4)), false)),
                "layer \"dense\"", "expected axis -1 of input shape to have value 3", "(None, 4)");
        assertContains(message(() -> d.apply(new Variable(Tensor.ones(4)), false)), "layer \"dense\"",
                "expected min_ndim=2, found ndim=1");
        BatchNormalization bn = new BatchNormalization(0.99, 1e-3, "bn").axis(1);
        bn.apply(new Variable(Tensor.ones(2, 3, 5)), false);
        assertContains(message(() -> bn.apply(new Variable(Tensor.ones(2, 4, 5)), false)), "layer \"bn\"",
                "expected axis 1 of input shape to have value 3, but received input with shape (None, 4, 5)");
        // weightless layers pin nothing (as Keras): Flatten takes a new size
        Flatten f = new Flatten();
        f.apply(Input.of(3, 4));
        assertEquals(10, f.apply(Input.of(5, 2)).shape()[1]);
    }

    @Test
    void activationLayerArguments() {
        assertContains(message(() -> new ReLU(-1f, 0f, 0f, "r")), "ReLU layer \"r\"",
                "max_value of a ReLU layer cannot be a negative value. Received: max_value=-1.0");
        assertContains(message(() -> new ReLU(null, -0.5f, 0f, null)), "ReLU layer \"re_lu\"",
                "negative_slope of a ReLU layer cannot be None or a negative value. Received: negative_slope=-0.5");
        assertContains(message(() -> new ReLU(null, 0f, -1f, null)), "threshold of a ReLU layer", "threshold=-1.0");
        assertContains(message(() -> new LeakyReLU(-0.1, null)), "LeakyReLU layer \"leaky_re_lu\"",
                "The negative_slope value of a Leaky ReLU layer cannot be None or negative value", "negative_slope=-0.1");
        assertContains(message(() -> new Flatten().dataFormat("nhwc")), "Flatten layer \"flatten\"",
                "The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nhwc");
        assertContains(message(() -> new BatchNormalization().synchronizedStats(true)),
                "BatchNormalization layer \"batch_normalization\"",
                "Argument synchronized=True is only supported with the TensorFlow backend.");
        assertContains(message(() -> new LayerNormalization().axis(1, 1)), "LayerNormalization layer",
                "Duplicate axis");
    }

    @Test
    void normalizationBeforeAdaptIsALifecycleError() {
        var e = assertThrows(IllegalStateException.class,
                () -> new Normalization("norm").apply(new Variable(Tensor.ones(2, 3)), false));
        assertContains(e.getMessage(), "Normalization layer \"norm\"", "adapt");
    }

    @Test
    void applyWithChecksTheValues() {
        Dense d = new Dense(2);
        Variable x = new Variable(Tensor.ones(1, 3));
        assertContains(message(() -> d.applyWith(List.of(), List.of(x), false)), "Layer \"dense\" has 2 trainable "
                + "weights, but 0 values were given");
    }
}
