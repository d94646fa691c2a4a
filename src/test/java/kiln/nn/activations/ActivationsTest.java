package kiln.nn.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import kiln.autograd.GradCheck;
import kiln.autograd.Variable;
import kiln.nn.Golden;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every activation against real Keras 3.15.1 (src/test/python/golden_activations.py →
 * golden/activations.json), plus gradients (GradCheck), the fused-op table, identifiers and errors.
 */
class ActivationsTest {

    static Stream<Map<String, Object>> cases() {
        return Golden.cases("activations");
    }

    /** The activation a golden case names, with its keyword arguments. */
    static Function<Variable, Variable> function(String name, Map<String, Object> kw) {
        if (kw.isEmpty()) {
            return Activations.get(name)::apply;
        }
        return switch (name) {
            case "relu" -> {
                float slope = ((Number) kw.getOrDefault("negative_slope", 0.0)).floatValue();
                Float max = kw.get("max_value") == null ? null : ((Number) kw.get("max_value")).floatValue();
                float threshold = ((Number) kw.getOrDefault("threshold", 0.0)).floatValue();
                yield Activations.relu(slope, max, threshold)::apply;
            }
            case "leaky_relu" -> Activations.leakyRelu(((Number) kw.get("negative_slope")).floatValue())::apply;
            case "elu" -> Activations.elu(((Number) kw.get("alpha")).floatValue())::apply;
            case "gelu" -> Activations.gelu((Boolean) kw.get("approximate"))::apply;
            case "softmax" -> Activations.softmax(((Number) kw.get("axis")).intValue())::apply;
            case "log_softmax" -> Activations.logSoftmax(((Number) kw.get("axis")).intValue())::apply;
            default -> throw new AssertionError("no kwargs mapping for " + name);
        };
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesKeras(Map<String, Object> c) {
        String name = (String) c.get("name");
        Map<String, Object> kw = (Map<String, Object>) c.get("kwargs");
        Tensor x = Golden.tensor(c.get("x"));
        float[] expected = Golden.tensor(c.get("y")).toFloatArray();
        Tensor y = function(name, kw).apply(Variable.constant(x)).value();
        assertEquals(Golden.tensor(c.get("y")).shape(), y.shape(), name + kw);
        float[] actual = y.toFloatArray();
        float[] xs = x.toFloatArray();
        for (int i = 0; i < actual.length; i++) {
            // XLA's float32 exp/log/tanh/erf and Kiln's (double-precision scalar math rounded to float, or the
            // Vector API's) differ by a few ulps: 2e-6 relative. Where a formula cancels in float32 — log_softmax's
            // x − max − lse near 0, tanh-gelu's x·(1 + tanh u) for x ≈ −3 — both sides carry an absolute error of
            // about one float32 ulp at the input's scale, so 1.2e-7·max(1, |x|) is added for those two. Elsewhere
            // only results of denormal intermediates need an absolute term: XLA flushes sigmoid(-88) ≈ 6e-39 to 0, so its
            // silu(-88) is -0.0 where Kiln gives -5.3e-37: 1e-35.
            boolean cancels = name.equals("log_softmax") || name.equals("gelu");
            double tol = 2e-6 * Math.abs(expected[i]) + (cancels ? 1.2e-7 * Math.max(1, Math.abs(xs[i])) : 1e-35);
            assertTrue(Math.abs(actual[i] - expected[i]) <= tol || (Float.isNaN(actual[i]) && Float.isNaN(expected[i]))
                    || actual[i] == expected[i],
                    name + kw + " at x=" + xs[i] + ": Keras " + expected[i] + ", Kiln " + actual[i]);
        }
    }

    // ------------------------------------------------------------------ gradients

    /** Points away from every kink (0, ±3, 6, relu's threshold/max) by more than GradCheck's step 1e-2. */
    private static final Tensor X = Tensor.of(new float[] {-4.2f, -2.5f, -1.3f, -0.6f, -0.25f, 0.2f, 0.7f, 1.3f,
        2.2f, 2.8f, 4.1f, 7.3f}, 3, 4);

    static Stream<Arguments> gradientCases() {
        return Stream.of(
                Arguments.of("linear", Activations.LINEAR), Arguments.of("relu", Activations.RELU),
                Arguments.of("relu6", Activations.RELU6), Arguments.of("leaky_relu", Activations.LEAKY_RELU),
                Arguments.of("elu", Activations.ELU), Arguments.of("selu", Activations.SELU),
                Arguments.of("softplus", Activations.SOFTPLUS), Arguments.of("softsign", Activations.SOFTSIGN),
                Arguments.of("sigmoid", Activations.SIGMOID), Arguments.of("hard_sigmoid", Activations.HARD_SIGMOID),
                Arguments.of("hard_silu", Activations.HARD_SILU), Arguments.of("silu", Activations.SILU),
                Arguments.of("gelu", Activations.GELU), Arguments.of("gelu approximate", Activations.gelu(true)),
                Arguments.of("mish", Activations.MISH), Arguments.of("exponential", Activations.EXPONENTIAL),
                Arguments.of("tanh", Activations.TANH), Arguments.of("softmax", Activations.SOFTMAX),
                Arguments.of("log_softmax", Activations.LOG_SOFTMAX), Arguments.of("softmax axis 0",
                        Activations.softmax(0)),
                Arguments.of("relu slope 0.1", Activations.relu(0.1f, null, 0f)),
                Arguments.of("relu max 4", Activations.relu(0f, 4f, 0f)),
                Arguments.of("relu max 6", Activations.relu(0f, 6f, 0f)),
                Arguments.of("relu threshold 1", Activations.relu(0f, null, 1f)),
                Arguments.of("relu slope 0.3 max 5 threshold 1.5", Activations.relu(0.3f, 5f, 1.5f)),
                Arguments.of("relu slope 0.2 threshold -1", Activations.relu(0.2f, null, -1f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCases")
    void gradient(String label, Activation a) {
        // exponential reaches e^7.3 ≈ 1480: the default absolute tolerance is relative to values of order 1.
        GradCheck.check(label, in -> a.apply(in[0]), X);
    }

    // ------------------------------------------------------------------ fused ops

    @Test
    void fusedOpsAreTheRightOnes() {
        assertTrue(Activations.LINEAR.hasFusedOp());
        assertNull(Activations.LINEAR.fusedOp());
        assertTrue(Activations.LINEAR.isLinear());
        assertEquals(UnaryOp.RELU, Activations.RELU.fusedOp());
        assertEquals(UnaryOp.SIGMOID, Activations.SIGMOID.fusedOp());
        assertEquals(UnaryOp.TANH, Activations.TANH.fusedOp());
        assertEquals(UnaryOp.LEAKY_RELU, Activations.LEAKY_RELU.fusedOp());
        assertEquals(0.2f, Activations.LEAKY_RELU.fusedAlpha());
        assertEquals(UnaryOp.ELU, Activations.elu(0.5f).fusedOp());
        assertEquals(0.5f, Activations.elu(0.5f).fusedAlpha());
        assertEquals(UnaryOp.GELU, Activations.GELU.fusedOp());
        assertEquals(UnaryOp.GELU_TANH, Activations.gelu(true).fusedOp());
        assertEquals(UnaryOp.SILU, Activations.get("swish").fusedOp());
        assertEquals(UnaryOp.EXP, Activations.EXPONENTIAL.fusedOp());
        assertEquals(UnaryOp.LEAKY_RELU, Activations.relu(0.1f, null, 0f).fusedOp());
        for (Activation a : List.of(Activations.SOFTMAX, Activations.LOG_SOFTMAX, Activations.RELU6,
                Activations.relu(0f, 4f, 0f), Activations.relu(0f, null, 1f))) {
            assertFalse(a.hasFusedOp(), a.toString());
            assertNull(a.fusedOp(), a.toString());
        }
    }

    /** applyWithBias (fused or not) equals apply(x + bias), values and both gradients. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCases")
    void applyWithBiasEqualsApplyOfSum(String label, Activation a) {
        Tensor bias = Tensor.of(new float[] {0.01f, -0.02f, 0.03f, 0.015f}, 4);
        Variable x1 = new Variable(X, true);
        Variable b1 = new Variable(bias, true);
        Variable y1 = a.applyWithBias(x1, b1);
        Variable x2 = new Variable(X, true);
        Variable b2 = new Variable(bias, true);
        Variable y2 = a.apply(x2.add(b2));
        assertTrue(y1.value().allClose(y2.value(), 1e-6, 1e-6), label + ": " + y1.value() + " vs " + y2.value());
        Tensor g = Tensor.of(new float[] {1, -2, 0.5f, 3, 1, 1, -1, 2, 0.25f, 1, 2, -0.5f}, 3, 4);
        y1.backward(g);
        y2.backward(g);
        assertTrue(x1.grad().allClose(x2.grad(), 1e-5, 1e-5), label + " dx");
        assertTrue(b1.grad().allClose(b2.grad(), 1e-5, 1e-5), label + " dbias");
        GradCheck.check(label + " with bias", in -> a.applyWithBias(in[0], in[1]), X, bias);
    }

    // ------------------------------------------------------------------ identifiers

    @Test
    @SuppressWarnings("unchecked")
    void identifiersSerializeAsKeras() throws Exception {
        Map<String, Object> g = Golden.load("activations");
        Map<String, String> ids = (Map<String, String>) g.get("identifiers");
        int checked = 0;
        for (var e : ids.entrySet()) {
            if (Activations.names().contains(e.getKey())) {
                assertEquals(e.getValue(), Activations.get(e.getKey()).name(), e.getKey());
                assertEquals(e.getValue(), Activations.get(e.getKey()).serialize(), e.getKey());
                checked++;
            } else {
                var ex = assertThrows(IllegalArgumentException.class, () -> Activations.get(e.getKey()));
                assertTrue(ex.getMessage().contains("not implemented in Kiln"), ex.getMessage());
            }
        }
        assertEquals(20, checked, "the 18 issue activations plus swish and hard_swish");
        Map<String, String> layer = (Map<String, String>) g.get("layer_configs");
        layer.forEach((id, stored) -> assertEquals(stored,
                Activations.get(id.equals("None") ? null : id).name(), id));
        for (String n : Activations.names()) {
            assertTrue(ids.containsKey(n), n + " is not a Keras identifier");
            assertSame(Activations.get(n), Activations.get(Activations.get(n).name()), "round trip of " + n);
        }
    }

    @Test
    void unknownIdentifierListsValidOnes() {
        for (String bad : List.of("Relu", "ReLU", "SIGMOID", "relux", "")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Activations.get(bad));
            assertTrue(e.getMessage().contains("Could not interpret activation function identifier: '" + bad + "'"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("relu, relu6") && e.getMessage().contains("swish"), e.getMessage());
        }
        assertSame(Activations.LINEAR, Activations.get(null));
        var e = assertThrows(IllegalArgumentException.class, () -> Activations.relu(0f, -1f, 0f));
        assertTrue(e.getMessage().contains("max_value"), e.getMessage());
    }

    @Test
    void equalityFollowsNameAndParameters() {
        assertEquals(Activations.get("swish"), Activations.SILU);
        assertEquals(Activations.relu(0f, null, 0f), Activations.RELU);
        assertFalse(Activations.relu(0f, 6f, 0f).equals(Activations.RELU));
        assertEquals("relu(negative_slope=0.0, max_value=6.0, threshold=0.0)", Activations.relu(0f, 6f, 0f).toString());
        assertEquals("gelu", Activations.gelu(true).name());
    }
}
