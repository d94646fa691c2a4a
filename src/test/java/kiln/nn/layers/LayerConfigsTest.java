package kiln.nn.layers;

import static kiln.nn.layers.JsonAssert.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kiln.nn.constraints.MaxNorm;
import kiln.nn.constraints.NonNeg;
import kiln.nn.initializers.Constant;
import kiln.nn.regularizers.L1;
import kiln.nn.regularizers.L2;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer's {@code getConfig()} against real Keras 3.15.1's {@code get_config()}
 * (src/test/python/golden_layer_configs.py → golden/layer_configs.json): same keys in the same
 * order, same defaults and value types, numbers by value. Then the other way round: Keras's own
 * configs (the golden ones and the layers inside the .keras fixtures) rebuilt by
 * {@link Layers#fromConfig} give back the same config.
 */
class LayerConfigsTest {
    private static Map<String, Object> cases;

    /** Kiln's construction of each golden case (the Python script has the same ids). */
    private static final Map<String, Supplier<Layer>> KILN = new LinkedHashMap<>();
    /** Cases Keras built before reading the config (the input shape, batch -1). */
    private static final Map<String, int[]> BUILT = Map.of(
            "dense_built", new int[] {-1, 5}, "layer_normalization_built", new int[] {-1, 3});

    static {
        KILN.put("input_layer", () -> Input.of(3).layer());
        KILN.put("input_layer_named", () -> Input.named("pixels", 4, 5).layer());
        KILN.put("dense", () -> new Dense(3));
        KILN.put("dense_full", () -> {
            Dense d = new Dense(4, "relu", "d").useBias(false).kernelInitializer("he_normal")
                    .biasInitializer(new Constant(0.5)).kernelRegularizer(new L2(0.01)).biasRegularizer(new L1(0.02))
                    .kernelConstraint(new MaxNorm(2)).biasConstraint(new NonNeg());
            d.setTrainable(false);
            return d;
        });
        KILN.put("dense_built", () -> new Dense(2, "softmax"));
        KILN.put("activation", () -> new ActivationLayer("relu"));
        KILN.put("activation_softmax", () -> new ActivationLayer("softmax", "probs"));
        KILN.put("flatten", Flatten::new);
        KILN.put("flatten_channels_first", () -> new Flatten().dataFormat("channels_first"));
        KILN.put("reshape", () -> new Reshape(2, -1));
        KILN.put("reshape_3d", () -> new Reshape(new int[] {2, 3, 2}, "r"));
        KILN.put("dropout", () -> new Dropout(0.5));
        KILN.put("dropout_full", () -> new Dropout(0.25, 3, null).noiseShape(null, 1, 3));
        KILN.put("batch_normalization", BatchNormalization::new);
        KILN.put("batch_normalization_full", () -> new BatchNormalization(0.9, 1e-5, null).axis(1).center(false)
                .scale(true).betaInitializer("ones").gammaInitializer(new Constant(2.0)).movingMeanInitializer("ones")
                .movingVarianceInitializer(new Constant(3.0)).betaRegularizer(new L1(0.1))
                .gammaRegularizer(new L2(0.01)).betaConstraint(new NonNeg()).gammaConstraint(new MaxNorm(3))
                .renormMomentum(0.9));
        KILN.put("layer_normalization", LayerNormalization::new);
        KILN.put("layer_normalization_built", LayerNormalization::new);
        KILN.put("layer_normalization_full", () -> new LayerNormalization(1e-5, null).axis(2, 1).center(false)
                .scale(true).rmsScaling(true).gammaInitializer("zeros").betaInitializer(new Constant(1.0))
                .gammaRegularizer(new L2(0.01)).betaConstraint(new NonNeg()));
        KILN.put("normalization", Normalization::new);
        KILN.put("normalization_values", () -> new Normalization(new float[] {1, 2, 3}, new float[] {4, 5, 6}));
        KILN.put("normalization_invert", () -> new Normalization().axis(1).invert(true));
        KILN.put("rescaling", () -> new Rescaling(1 / 255.0));
        KILN.put("rescaling_offset", () -> new Rescaling(2.0, -1.0, "rs"));
        KILN.put("concatenate", Concatenate::new);
        KILN.put("concatenate_axis1", () -> new Concatenate(1, null));
        KILN.put("add", Add::new);
        KILN.put("subtract", Subtract::new);
        KILN.put("multiply", Multiply::new);
        KILN.put("average", Average::new);
        KILN.put("maximum", Maximum::new);
        KILN.put("minimum", () -> {
            Minimum m = new Minimum("lo");
            m.setTrainable(false);
            return m;
        });
        KILN.put("relu", ReLU::new);
        KILN.put("relu_full", () -> new ReLU(6f, 0.1f, 0.5f, null));
        KILN.put("leaky_relu", LeakyReLU::new);
        KILN.put("leaky_relu_full", () -> new LeakyReLU(0.1, null));
        KILN.put("elu", ELU::new);
        KILN.put("elu_full", () -> new ELU(0.5, null));
        KILN.put("softmax", Softmax::new);
        KILN.put("softmax_axis1", () -> new Softmax(1, null));
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        try (InputStream in = LayerConfigsTest.class.getResourceAsStream("/golden/layer_configs.json")) {
            cases = (Map<String, Object>) new ObjectMapper().readValue(in, Map.class).get("cases");
        }
    }

    static Stream<String> caseIds() {
        return KILN.keySet().stream();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> golden(String id) {
        return (Map<String, Object>) cases.get(id);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> goldenConfig(String id) {
        return (Map<String, Object>) golden(id).get("config");
    }

    @Test
    void everyGoldenCaseHasAKilnConstructionAndEveryClassIsCovered() {
        assertEquals(new TreeSet<>(cases.keySet()), new TreeSet<>(KILN.keySet()));
        TreeSet<String> covered = new TreeSet<>();
        for (String id : KILN.keySet()) {
            covered.add((String) golden(id).get("class_name"));
        }
        assertEquals(new TreeSet<>(Layers.classNames()), covered, "every registered layer class has golden configs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseIds")
    void getConfigEqualsKeras(String id) {
        Naming.clearSession();
        Layer layer = KILN.get(id).get();
        if (BUILT.containsKey(id)) {
            layer.ensureBuilt(List.of(BUILT.get(id)));
        }
        assertEquals(golden(id).get("class_name"), layer.className(), id);
        assertJsonEquals(goldenConfig(id), layer.getConfig(), id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseIds")
    void kerasConfigRebuildsTheSameLayer(String id) {
        Layer rebuilt = Layers.fromConfig((String) golden(id).get("class_name"), goldenConfig(id));
        if (BUILT.containsKey(id)) {
            rebuilt.ensureBuilt(List.of(BUILT.get(id)));
        }
        assertJsonEquals(goldenConfig(id), rebuilt.getConfig(), id);
    }

    /** The layers of the models in /work/shared/fixtures/keras (written by Keras 3.15.1 model.save). */
    @Test
    @SuppressWarnings("unchecked")
    void fixtureModelLayersRoundTrip() throws Exception {
        Path p = Path.of("..", "shared", "fixtures", "keras", "expected.json");
        Assumptions.assumeTrue(Files.exists(p), "fixture " + p + " not found");
        Map<String, Object> root = new ObjectMapper().readValue(p.toFile(), Map.class);
        int seen = 0;
        for (Object model : ((Map<String, Object>) root.get("models")).values()) {
            Map<String, Object> files = (Map<String, Object>) ((Map<String, Object>) model).get("file_contents");
            for (Object file : files.values()) {
                if (!(file instanceof Map<?, ?> f) || !(f.get("config.json") instanceof Map<?, ?> cfg)) {
                    continue;
                }
                List<Map<String, Object>> layers =
                        (List<Map<String, Object>>) ((Map<String, Object>) cfg.get("config")).get("layers");
                for (Map<String, Object> l : layers) {
                    String cls = (String) l.get("class_name");
                    if (!Layers.classNames().contains(cls)) {
                        continue; // Conv2D, MaxPooling2D: not Kiln layers yet
                    }
                    Map<String, Object> c = (Map<String, Object>) l.get("config");
                    Layer rebuilt = Layers.fromConfig(cls, c);
                    assertJsonEquals(withoutSharedIds(c), rebuilt.getConfig(), cls + " " + c.get("name"));
                    seen++;
                }
            }
        }
        assertTrue(seen >= 10, "expected the fixture models' layers, saw " + seen);
    }

    /**
     * A model's config.json marks objects serialized more than once (the dtype policy every layer
     * shares) with {@code shared_object_id}; that is the model serializer's bookkeeping, not part of
     * a layer's get_config(), so it is left out of the comparison.
     */
    @SuppressWarnings("unchecked")
    private static Object withoutSharedIds(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!"shared_object_id".equals(e.getKey())) {
                    out.put((String) e.getKey(), withoutSharedIds(e.getValue()));
                }
            }
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(LayerConfigsTest::withoutSharedIds).toList();
        }
        return v;
    }

    @Test
    void unknownClassListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Conv3D", Map.of()));
        assertTrue(e.getMessage().contains("Unknown layer class 'Conv3D'"), e.getMessage());
        for (String known : List.of("Dense", "BatchNormalization", "Activation", "InputLayer", "Softmax")) {
            assertTrue(e.getMessage().contains(known), e.getMessage());
        }
    }

    @Test
    void unknownKeysAndUnsupportedValuesAreRefusedNotDropped() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("Dense", Map.of("units", 3, "kernel_size", 3)));
        assertTrue(e.getMessage().contains("Unrecognized keyword arguments passed to Dense: {kernel_size=3}"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("Dense", Map.of("units", 3, "dtype", "float64")));
        assertTrue(e.getMessage().contains("float64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("Dense", Map.of("units", 3, "activity_regularizer", "l2")));
        assertTrue(e.getMessage().contains("activity_regularizer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("BatchNormalization", Map.of("synchronized", true)));
        assertTrue(e.getMessage().contains("synchronized=True"), e.getMessage());
    }

    @Test
    void shortConfigsTakeKerasDefaultsAndStringIdentifiers() {
        Naming.clearSession();
        Layer d = Layers.fromConfig("Dense", Map.of("units", 3, "kernel_initializer", "he_normal",
                "kernel_regularizer", "l2", "dtype", "float32"));
        Map<String, Object> expected = new Dense(3).kernelInitializer("he_normal").kernelRegularizer("l2").getConfig();
        expected.put("name", "dense");
        assertJsonEquals(expected, d.getConfig(), "dense");
        Layer a = Layers.fromConfig("Activation", Map.of("activation",
                Map.of("module", "keras.activations", "class_name", "function", "config", "tanh")));
        assertEquals("tanh", a.getConfig().get("activation"));
    }
}
