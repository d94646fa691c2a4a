package kiln.nn.constraints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kiln.nn.Golden;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Constraints against real Keras 3.15.1 (golden/constraints.json, src/test/python/golden_constraints.py):
 * each is rebuilt from Keras's get_config() and applied to the same random float32 weight, over
 * several axes, with an all-zero and a small column. Tolerance 1e-6 relative: both compute
 * w · (desired / (1e-7 + sqrt(Σ w²))) in float32; only the order of the Σ differs (measured: at most
 * 2 ulps, ~2e-7).
 */
class ConstraintsTest {
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> constraintsMatchKeras() throws Exception {
        List<Map<String, Object>> cases = Golden.cases("constraints").toList();
        assertTrue(cases.size() >= 15);
        return cases.stream().map(c -> DynamicTest.dynamicTest((String) c.get("id"), () -> {
            String id = (String) c.get("id");
            Map<String, Object> config = (Map<String, Object>) c.get("config");
            Constraint con = Constraints.fromConfig((String) c.get("class_name"), config);
            assertEquals(config, con.getConfig(), id);
            assertEquals(List.copyOf(config.keySet()), List.copyOf(con.getConfig().keySet()), id);
            Tensor w = Golden.tensor(c.get("w"));
            Tensor out = con.apply(w);
            Tensor expected = Golden.tensor(c.get("out"));
            assertEquals(expected.shape(), out.shape(), id);
            float[] e = expected.toFloatArray();
            float[] a = out.toFloatArray();
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < e.length; i++) {
                if (!(Math.abs(e[i] - a[i]) <= 1e-6 * Math.max(1.0, Math.abs(e[i])))) {
                    bad.add("[" + i + "] expected " + e[i] + " got " + a[i]);
                }
            }
            assertTrue(bad.isEmpty(), id + ": " + bad);
            assertArrayEquals(Golden.tensor(c.get("w")).toFloatArray(), w.toFloatArray(), 0f,
                    id + ": input left unchanged");
        }));
    }

    @Test
    @SuppressWarnings("unchecked")
    void identifiersAndConfigsMatchKeras() throws Exception {
        Map<String, Map<String, Object>> ids =
                (Map<String, Map<String, Object>>) Golden.load("constraints").get("identifiers");
        assertEquals(ids.keySet().stream().sorted().toList(), Constraints.names());
        for (var e : ids.entrySet()) {
            Constraint c = Constraints.get(e.getKey());
            assertEquals(e.getValue().get("class_name"), c.className(), e.getKey());
            assertEquals(e.getValue().get("config"), c.getConfig(), e.getKey());
            Constraint back = Constraints.fromConfig(c.className(), c.getConfig());
            assertEquals(c.getConfig(), back.getConfig(), e.getKey());
        }
    }

    @Test
    void javaConstructorsGiveKerasConfigs() {
        assertEquals(Map.of("max_value", 2, "axis", 0), new MaxNorm().getConfig());
        assertEquals(List.of(0, 1, 2), new MaxNorm(3.0, 0, 1, 2).getConfig().get("axis"));
        assertEquals(1, new UnitNorm(1).getConfig().get("axis"));
        assertEquals(List.of("min_value", "max_value", "rate", "axis"), List.copyOf(new MinMaxNorm().getConfig().keySet()));
    }

    @Test
    void projectionsByHand() {
        // column norms 5 and 0.5: MaxNorm(2) shrinks the first to norm 2, leaves the second (up to ε)
        Tensor w = Tensor.of(new float[] {3, 0.3f, 4, 0.4f}, 2, 2);
        float[] m = new MaxNorm(2, 0).apply(w).toFloatArray();
        assertEquals(1.2f, m[0], 1e-6f);
        assertEquals(1.6f, m[2], 1e-6f);
        assertEquals(0.3f * 0.5f / (0.5f + 1e-7f), m[1], 1e-7f);
        float[] u = new UnitNorm().apply(w).toFloatArray();
        assertEquals(0.6f, u[0], 1e-6f);
        assertEquals(0.8f, u[3], 1e-6f);
        assertArrayEquals(new float[] {0, 2, 0}, new NonNeg().apply(Tensor.of(new float[] {-1, 2, 0}, 3)).toFloatArray(), 0f);
        // rate 0.5 moves a norm of 5 half-way to the max 1: desired 3
        float[] mm = new MinMaxNorm(0, 1, 0.5, 0).apply(Tensor.of(new float[] {3, 4}, 2, 1)).toFloatArray();
        assertEquals(1.8f, mm[0], 1e-6f);
        assertEquals(2.4f, mm[1], 1e-6f);
    }

    @Test
    void errorsNameTheProblem() {
        var e = assertThrows(IllegalArgumentException.class, () -> Constraints.get("maxnorm"));
        assertTrue(e.getMessage().contains("'maxnorm'") && e.getMessage().contains("max_norm"), e.getMessage());
        var a = assertThrows(IllegalArgumentException.class, () -> new UnitNorm(2).apply(Tensor.zeros(3, 4)));
        assertTrue(a.getMessage().contains("UnitNorm") && a.getMessage().contains("[3, 4]"), a.getMessage());
    }
}
