package kiln.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kiln.nn.initializers.Constant;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static kiln.nn.layers.LayerTestCase.GradMode.FRESH_LAYER;
import static kiln.nn.layers.LayerTestCase.GradMode.NONE;
import static kiln.nn.layers.LayerTestCase.layer;

/**
 * {@link LayerTestCase#runLayerTest} over every layer class in kiln.nn.layers, with default and
 * non-default arguments; and a check that no layer class is missing from the list.
 */
class EveryLayerTest {
    /** Every concrete layer class in nn/kiln/nn/layers, by hand: a new layer must be added here. */
    static final List<String> LAYER_CLASSES = List.of("ActivationLayer", "Add", "Average", "BatchNormalization",
            "Concatenate", "Dense", "Dropout", "ELU", "Flatten", "InputLayer", "LayerNormalization", "LeakyReLU",
            "Maximum", "Minimum", "Multiply", "Normalization", "ReLU", "Rescaling", "Reshape", "Softmax", "Subtract");

    /** The files in the package that are not layer classes. */
    static final Set<String> NOT_LAYERS = Set.of("Layer", "Merge", "Naming", "KerasTensor", "Input", "Layers");

    private static final Tensor ADAPT_DATA = Tensor.normal(new Generator(3), 2f, 3f, 20, 4);

    static Stream<LayerTestCase.Spec> specs() {
        int[] two = {2, 3};
        return Stream.of(
                layer("InputLayer", () -> Input.of(3).layer()).inputShape(2, 3).expectedOutputShape(-1, 3).weights(0, 0)
                        .gradMode(NONE),
                layer("Dense", () -> new Dense(3)).inputShape(2, 4).expectedOutputShape(-1, 3).weights(2, 0),
                layer("Dense relu, no bias, rank 3", () -> new Dense(2, "tanh").useBias(false)
                        .kernelInitializer("he_normal")).inputShape(2, 3, 4).expectedOutputShape(-1, 3, 2).weights(1, 0),
                layer("Activation", () -> new ActivationLayer("sigmoid")).inputShape(2, 3).expectedOutputShape(-1, 3)
                        .weights(0, 0),
                layer("Activation softmax", () -> new ActivationLayer("softmax")).inputShape(2, 5).weights(0, 0),
                layer("Flatten", Flatten::new).inputShape(2, 3, 4).expectedOutputShape(-1, 12).weights(0, 0),
                layer("Flatten channels_first", () -> new Flatten().dataFormat("channels_first")).inputShape(2, 3, 2, 2)
                        .expectedOutputShape(-1, 12).weights(0, 0),
                layer("Reshape", () -> new Reshape(2, -1)).inputShape(2, 3, 4).expectedOutputShape(-1, 2, 6)
                        .weights(0, 0),
                layer("Dropout rate 0", () -> new Dropout(0.0)).inputShape(2, 5).expectedOutputShape(-1, 5)
                        .weights(0, 0),
                layer("Dropout seeded", () -> new Dropout(0.5, 11, null)).inputShape(3, 4).weights(0, 0)
                        .gradMode(FRESH_LAYER),
                layer("Dropout seeded noise_shape", () -> new Dropout(0.3, 5, null).noiseShape(null, 1, null))
                        .inputShape(2, 3, 4).weights(0, 0).gradMode(FRESH_LAYER),
                layer("BatchNormalization", BatchNormalization::new).inputShape(4, 3).expectedOutputShape(-1, 3)
                        .weights(2, 2),
                layer("BatchNormalization axis 1, no center", () -> new BatchNormalization(0.9, 1e-3, null).axis(1)
                        .center(false).gammaInitializer(new Constant(1.5))).inputShape(3, 2, 4).weights(1, 2),
                layer("BatchNormalization inference", BatchNormalization::new).inputShape(4, 3).weights(2, 2)
                        .training(false),
                layer("LayerNormalization", LayerNormalization::new).inputShape(2, 5).weights(2, 0),
                layer("LayerNormalization axes 1,2 rms", () -> new LayerNormalization().axis(1, 2).rmsScaling(true))
                        .inputShape(2, 3, 4).weights(1, 0),
                layer("Normalization adapted", () -> {
                    Normalization n = new Normalization();
                    n.adapt(ADAPT_DATA);
                    return n;
                }).inputShape(2, 4).expectedOutputShape(-1, 4).weights(0, 3),
                layer("Normalization fixed, invert", () -> new Normalization(new float[] {1, 2, 3},
                        new float[] {4, 9, 0.25f}).invert(true)).inputShape(2, 3).weights(0, 0),
                layer("Rescaling", () -> new Rescaling(1 / 255.0)).inputShape(2, 3).weights(0, 0),
                layer("Rescaling offset", () -> new Rescaling(2.0, -1.0, null)).inputShape(2, 3).weights(0, 0),
                layer("Concatenate", Concatenate::new).inputShapes(new int[] {2, 3}, new int[] {2, 4})
                        .expectedOutputShape(-1, 7).weights(0, 0),
                layer("Concatenate axis 1", () -> new Concatenate(1, null))
                        .inputShapes(new int[] {2, 1, 3}, new int[] {2, 2, 3}).expectedOutputShape(-1, 3, 3)
                        .weights(0, 0),
                layer("Add", Add::new).inputShapes(two, two, two).expectedOutputShape(-1, 3).weights(0, 0),
                layer("Add one in a list", Add::new).inputShapes(two).expectedOutputShape(-1, 3).weights(0, 0),
                layer("Subtract", Subtract::new).inputShapes(two, two).weights(0, 0),
                layer("Multiply broadcast", Multiply::new).inputShapes(new int[] {2, 3}, new int[] {2, 1})
                        .expectedOutputShape(-1, 3).weights(0, 0),
                layer("Average", Average::new).inputShapes(two, two).weights(0, 0),
                layer("Maximum", Maximum::new).inputShapes(two, two).weights(0, 0),
                layer("Minimum", Minimum::new).inputShapes(two, two).weights(0, 0),
                layer("ReLU", ReLU::new).inputShape(2, 4).weights(0, 0).kinks(0),
                layer("ReLU full", () -> new ReLU(1f, 0.1f, 0.5f, null)).inputShape(3, 4).weights(0, 0)
                        .kinks(0.5, 1.0),
                layer("LeakyReLU", LeakyReLU::new).inputShape(2, 4).weights(0, 0).kinks(0),
                layer("ELU", () -> new ELU(0.5, null)).inputShape(2, 4).weights(0, 0).kinks(0),
                layer("Softmax", Softmax::new).inputShape(2, 4).weights(0, 0),
                layer("Softmax axis 1", () -> new Softmax(1, null)).inputShape(2, 3, 2).weights(0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void runLayerTest(LayerTestCase.Spec spec) {
        LayerTestCase.runLayerTest(spec);
    }

    @Test
    void theShortFormRuns() {
        LayerTestCase.runLayerTest(() -> new Dense(2), new int[] {3, 5}, 2, 0);
    }

    @Test
    void everyLayerClassIsInTheListAndTested() throws IOException {
        Set<String> files;
        try (Stream<Path> s = Files.list(Path.of("nn", "kiln", "nn", "layers"))) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).filter(n -> !NOT_LAYERS.contains(n))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(files, new TreeSet<>(LAYER_CLASSES), "layer classes in nn/kiln/nn/layers vs LAYER_CLASSES");
        Set<String> tested = specs().map(s -> s.factory.get().getClass().getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(LAYER_CLASSES), tested, "every layer class runs through runLayerTest");
        Set<String> registered = specs().map(s -> s.factory.get().className())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Layers.classNames()), registered, "Layers.fromConfig knows every layer class");
    }
}
