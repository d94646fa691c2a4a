package kiln.nn.regularizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kiln.autograd.GradCheck;
import kiln.autograd.Variable;
import kiln.nn.Golden;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every regularizer against real Keras 3.15.1 (src/test/python/golden_regularizers.py →
 * golden/regularizers.json): penalty value, gradient (Keras's own __call__ under jax.grad, compared with
 * Kiln's autograd), and config round trip. Tolerance 1e-5 relative + 1e-7 absolute: penalties are float32
 * sums of up to 20 terms (and for OrthogonalRegularizer a GEMM and rsqrt), whose summation order differs
 * between XLA and Kiln — a few ulps of the sum, i.e. ~1e-6 relative — the factor 10 leaves room for it.
 */
class RegularizersTest {
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-7;

    static Stream<Map<String, Object>> cases() {
        return Golden.cases("regularizers");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesKeras(Map<String, Object> c) {
        String cls = (String) c.get("class_name");
        Map<String, Object> config = (Map<String, Object>) c.get("config");
        Regularizer r = Regularizers.fromConfig(cls, config);
        assertEquals(cls, r.className());
        assertEquals(config, r.getConfig(), cls + " config round trip");
        int[] shape = ((List<Number>) c.get("shape")).stream().mapToInt(Number::intValue).toArray();
        Variable w = new Variable(Tensor.of(Golden.floats(c.get("weight")), shape), true);
        Variable p = r.penalty(w);
        String what = cls + config + " on " + java.util.Arrays.toString(shape);
        close(what + " penalty", new float[] {((Number) c.get("penalty")).floatValue()}, p.value().toFloatArray());
        // L1L2 with both factors 0 is a constant 0 (as Keras): no graph, so the gradient is zero by definition.
        float[] grad = new float[w.value().size()];
        if (p.requiresGrad()) {
            p.backward();
            grad = w.grad().toFloatArray();
        }
        close(what + " gradient", Golden.floats(c.get("gradient")), grad);
    }

    @Test
    @SuppressWarnings("unchecked")
    void identifiersAndDefaultConfigs() throws Exception {
        Map<String, Object> root = Golden.load("regularizers");
        ((Map<String, String>) root.get("identifiers")).forEach((id, cls) ->
                assertEquals(cls, Regularizers.get(id).className(), id));
        ((Map<String, Map<String, Object>>) root.get("default_configs")).forEach((cls, cfg) ->
                assertEquals(cfg, Regularizers.get(cls).getConfig(), cls));
        assertEquals("L1L2", Regularizers.get("l1_l2").className()); // Kiln alias (Keras's Python name)
        var e = assertThrows(IllegalArgumentException.class, () -> Regularizers.get("L3"));
        assertTrue(e.getMessage().contains("L3") && e.getMessage().contains("l1l2"), e.getMessage());
    }

    @Test
    void badFactorsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new L2(-0.1));
        assertTrue(e.getMessage().contains("l2") && e.getMessage().contains("non-negative"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new L1(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new L1L2(0.1, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new OrthogonalRegularizer(-1, "rows"));
        e = assertThrows(IllegalArgumentException.class, () -> new OrthogonalRegularizer(0.1, "diagonal"));
        assertTrue(e.getMessage().contains("mode") && e.getMessage().contains("diagonal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new OrthogonalRegularizer().penalty(new Variable(Tensor.ones(2, 2, 2), true)));
        assertTrue(e.getMessage().contains("rank 2") && e.getMessage().contains("[2, 2, 2]"), e.getMessage());
    }

    @Test
    void zeroFactorsGiveZeroPenalty() {
        Variable w = new Variable(Tensor.of(new float[] {1, -2, 3}, 3), true);
        assertEquals(0f, new L1L2().penalty(w).value().item());
    }

    @Test
    void gradientsPassNumericalCheck() {
        Tensor x = Tensor.of(new float[] {0.7f, -0.4f, 0.2f, 0.9f, -1.1f, 0.3f}, 3, 2);
        for (Regularizer r : List.of(new L1(0.3), new L2(0.2), new L1L2(0.1, 0.2), new OrthogonalRegularizer(0.5, "rows"),
                new OrthogonalRegularizer(0.5, "columns"))) {
            // |x| ≥ 0.2 > the check's step 1e-2: no L1 kink is crossed.
            GradCheck.check(r.className() + r.getConfig(), v -> r.penalty(v[0]), x);
        }
    }

    static void close(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!(Math.abs(a - e) <= RTOL * Math.abs(e) + ATOL)) {
                fail(what + "[" + i + "]: expected " + e + ", got " + a);
            }
        }
    }
}
