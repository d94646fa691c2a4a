package kiln.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kiln.autograd.GradCheck;
import kiln.autograd.Variable;
import kiln.nn.models.Sequential;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Layers against real Keras 3.15.1 (src/test/python/golden_layers.py → golden/layers.json):
 * BatchNormalization in training (batch statistics, moving statistics with momentum 0.9) and in
 * inference, LayerNormalization, Normalization.adapt, Rescaling and the activation layers.
 * Tolerance 1e-5 relative + 1e-6 absolute: normalisation divides by sqrt(var + eps) computed with a
 * different summation order than XLA's (a few float32 ulps, amplified by ~1/σ).
 */
class LayersGoldenTest {
    private static Map<String, Object> golden;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        try (InputStream in = LayersGoldenTest.class.getResourceAsStream("/golden/layers.json")) {
            golden = new ObjectMapper().readValue(in, Map.class);
        }
    }

    @BeforeEach
    void fresh() {
        Naming.clearSession();
    }

    @SuppressWarnings("unchecked")
    private static Tensor matrix(String key) {
        Object v = golden.get(key);
        if (v instanceof List<?> rows && !rows.isEmpty() && rows.get(0) instanceof List<?>) {
            float[][] m = new float[rows.size()][];
            for (int i = 0; i < m.length; i++) {
                List<Number> r = (List<Number>) rows.get(i);
                m[i] = new float[r.size()];
                for (int j = 0; j < m[i].length; j++) {
                    m[i][j] = r.get(j).floatValue();
                }
            }
            return Tensor.of(m);
        }
        List<Number> r = (List<Number>) v;
        float[] a = new float[r.size()];
        for (int j = 0; j < a.length; j++) {
            a[j] = r.get(j).floatValue();
        }
        return Tensor.of(a, a.length);
    }

    private static void assertClose(String key, Tensor actual) {
        Tensor expected = matrix(key);
        assertEquals(expected.shape(), actual.shape(), key);
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= 1e-5 * Math.abs(e[i]) + 1e-6,
                    key + "[" + i + "]: keras " + e[i] + ", kiln " + a[i]);
        }
    }

    private static Tensor run(Layer layer, boolean training) {
        return layer.apply(new Variable(matrix("x")), training).value();
    }

    @Test
    void batchNormalizationTrainingAndInference() {
        BatchNormalization bn = new BatchNormalization(0.9, 1e-3, null);
        assertClose("bn_train", run(bn, true));
        assertClose("bn_moving_mean", bn.weights().get(2).value());
        assertClose("bn_moving_variance", bn.weights().get(3).value());
        assertClose("bn_infer", run(bn, false));
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
                bn.weights().stream().map(w -> w.name()).toList());
        assertEquals(2, bn.trainableWeights().size());
    }

    @Test
    void frozenBatchNormalizationRunsInInferenceMode() {
        BatchNormalization bn = new BatchNormalization(0.9, 1e-3, null);
        run(bn, false); // build
        bn.setTrainable(false);
        Tensor before = bn.movingMean().copy();
        assertTrue(run(bn, true).allClose(run(bn, false), 0, 0), "frozen BN must ignore training=true");
        assertTrue(bn.movingMean().allClose(before, 0, 0), "frozen BN must not move its statistics");
        assertEquals(0, bn.trainableWeights().size());
    }

    @Test
    void batchNormalizationGradientsPassGradCheck() {
        BatchNormalization bn = new BatchNormalization();
        Tensor x = Tensor.normal(new Generator(4), 1, 2, 5, 3);
        GradCheck.check("batch_normalization", in -> bn.apply(in[0], true), x);
    }

    @Test
    void layerNormalizationMatchesKeras() {
        assertClose("ln", run(new LayerNormalization(), true));
    }

    @Test
    void normalizationAdaptMatchesKeras() {
        Normalization norm = new Normalization();
        norm.adapt(matrix("x"));
        assertClose("norm_mean", norm.weights().get(0).value());
        assertClose("norm_variance", norm.weights().get(1).value());
        assertClose("norm", run(norm, false));
        var e = assertThrows(IllegalStateException.class, () -> run(new Normalization(), false));
        assertTrue(e.getMessage().contains("adapt"), e.getMessage());
    }

    @Test
    void rescalingAndActivationLayersMatchKeras() {
        assertEquals("re_lu", new ReLU().name());
        assertEquals("leaky_re_lu", new LeakyReLU().name());
        assertClose("rescaling", run(new Rescaling(1 / 255.0, -1.0, null), false));
        assertClose("relu_layer", run(new ReLU(2f, 0.1f, 0.5f, null), false));
        assertClose("leaky_relu_layer", run(new LeakyReLU(), false));
        assertClose("elu_layer", run(new ELU(0.5, null), false));
        assertClose("softmax_layer", run(new Softmax(), false));
    }

    @Test
    void batchNormalizationSummaryEqualsKeras() throws Exception {
        Path p = Path.of("..", "shared", "fixtures", "keras", "text", "summary_bn.txt");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p), "fixture " + p + " not found");
        Sequential model = new Sequential(Input.of(28, 28), new Flatten(), new BatchNormalization(),
                new Dense(300, "relu"), new BatchNormalization(), new Dense(100, "relu"), new BatchNormalization(),
                new Dense(10, "softmax"));
        assertEquals(Files.readString(p), model.summary());
    }

    @Test
    void dropoutIsInvertedAndSeeded() {
        Tensor x = Tensor.ones(1000, 10);
        Tensor y = new Dropout(0.3, 7, null).apply(new Variable(x), true).value();
        float[] v = y.toFloatArray();
        int zeros = 0;
        for (float f : v) {
            assertTrue(f == 0f || Math.abs(f - 1 / 0.7f) < 1e-6, "dropout value " + f);
            zeros += f == 0f ? 1 : 0;
        }
        // 10,000 Bernoulli(0.3) draws: sd 46; 6 sd bound
        assertEquals(3000, zeros, 280);
        assertTrue(new Dropout(0.3, 7, null).apply(new Variable(x), true).value()
                .allClose(y, 0, 0), "same seed, same mask");
        assertTrue(new Dropout(0.3).apply(new Variable(x), false).value().allClose(x, 0, 0), "identity in inference");
    }
}
