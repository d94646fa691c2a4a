package kiln.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import kiln.autograd.Variable;
import kiln.nn.Golden;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss against real Keras 3.15.1 on JAX (src/test/python/golden_losses.py → golden/losses.json): values
 * for all five reductions with and without sample weights of several shapes, configs and identifiers.
 */
class LossesGoldenTest {

    static Stream<Map<String, Object>> cases() {
        return Golden.cases("losses");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesKeras(Map<String, Object> c) {
        String cls = (String) c.get("class_name");
        Tensor yTrue = Golden.tensor(c.get("y_true"));
        Tensor yPred = Golden.tensor(c.get("y_pred"));
        Tensor sw = Golden.tensor(c.get("sample_weight"));
        Map<String, Object> expected = (Map<String, Object>) c.get("expected");
        for (var e : expected.entrySet()) {
            Map<String, Object> kw = new LinkedHashMap<>((Map<String, Object>) c.get("kwargs"));
            kw.put("reduction", e.getKey());
            Loss loss = Losses.fromConfig(cls, kw);
            String what = cls + kw + " [" + c.get("label") + "] sample_weight=" + (sw == null ? null : sw.shape());
            Tensor got = loss.apply(yTrue, Variable.constant(yPred), sw).value();
            Map<String, Object> exp = (Map<String, Object>) e.getValue();
            int[] shape = ((List<Number>) exp.get("shape")).stream().mapToInt(Number::intValue).toArray();
            assertEquals(kiln.tensor.Shape.of(shape), got.shape(), what + ": shape");
            List<Number> want = (List<Number>) exp.get("data");
            float[] have = got.toFloatArray();
            for (int i = 0; i < have.length; i++) {
                double w = want.get(i).doubleValue();
                // float32 on both sides, the same formulas in the same order: 1e-6 relative (~8 ulps) holds for
                // every value, zeros included (no absolute term needed).
                double tol = 1e-6 * Math.abs(w);
                assertTrue(Math.abs(have[i] - w) <= tol, what + " at " + i + ": Keras " + w + ", Kiln " + have[i]);
            }
        }
    }

    // ------------------------------------------------------------------ configs

    @Test
    @SuppressWarnings("unchecked")
    void configsAreKeras() throws Exception {
        List<Map<String, Object>> configs = (List<Map<String, Object>>) Golden.load("losses").get("configs");
        for (Map<String, Object> c : configs) {
            String cls = (String) c.get("class_name");
            Map<String, Object> kw = (Map<String, Object>) c.get("kwargs");
            Map<String, Object> keras = (Map<String, Object>) c.get("config");
            Loss fromKwargs = Losses.fromConfig(cls, kw);
            assertEquals(cls, fromKwargs.className());
            assertEquals(List.copyOf(keras.keySet()), List.copyOf(fromKwargs.getConfig().keySet()), cls + " key order");
            assertEquals(normalise(keras), normalise(fromKwargs.getConfig()), cls + kw);
            Loss roundTrip = Losses.fromConfig(cls, fromKwargs.getConfig());
            assertEquals(normalise(keras), normalise(roundTrip.getConfig()), cls + " round trip");
        }
    }

    /** Numbers by value (0.0 vs 0), and Keras's None reduction as "none" (Kiln writes the string). */
    private static Map<String, Object> normalise(Map<String, Object> m) {
        Map<String, Object> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Number n ? (Object) n.doubleValue()
                : k.equals("reduction") && v == null ? "none" : v));
        return out;
    }

    // ------------------------------------------------------------------ identifiers

    private static final Map<String, String> FUNCTION_CLASS = Map.ofEntries(
            Map.entry("mean_squared_error", "MeanSquaredError"), Map.entry("mean_absolute_error", "MeanAbsoluteError"),
            Map.entry("mean_absolute_percentage_error", "MeanAbsolutePercentageError"),
            Map.entry("mean_squared_logarithmic_error", "MeanSquaredLogarithmicError"), Map.entry("huber", "Huber"),
            Map.entry("log_cosh", "LogCosh"), Map.entry("kl_divergence", "KLDivergence"), Map.entry("poisson", "Poisson"),
            Map.entry("hinge", "Hinge"), Map.entry("squared_hinge", "SquaredHinge"),
            Map.entry("categorical_hinge", "CategoricalHinge"), Map.entry("cosine_similarity", "CosineSimilarity"),
            Map.entry("binary_crossentropy", "BinaryCrossentropy"),
            Map.entry("binary_focal_crossentropy", "BinaryFocalCrossentropy"),
            Map.entry("categorical_crossentropy", "CategoricalCrossentropy"),
            Map.entry("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy"));

    @Test
    @SuppressWarnings("unchecked")
    void identifiersResolveAsKeras() throws Exception {
        Map<String, Map<String, Object>> ids =
                (Map<String, Map<String, Object>>) Golden.load("losses").get("identifiers");
        List<String> implemented = new ArrayList<>();
        for (var e : ids.entrySet()) {
            String id = e.getKey();
            Map<String, Object> k = e.getValue();
            String cls = "class".equals(k.get("kind")) ? (String) k.get("class_name")
                    : FUNCTION_CLASS.get((String) k.get("function"));
            if (cls == null || !Losses.names().contains(id)) {
                var ex = assertThrows(IllegalArgumentException.class, () -> Losses.get(id));
                assertTrue(ex.getMessage().contains("not implemented in Kiln"), id + ": " + ex.getMessage());
                continue;
            }
            Loss l = Losses.get(id);
            assertEquals(cls, l.className(), id);
            assertEquals(k.get("name"), l.name(), id + " name");
            assertEquals(Reduction.SUM_OVER_BATCH_SIZE, l.reduction(), id);
            implemented.add(id);
        }
        assertEquals(List.copyOf(new java.util.TreeSet<>(implemented)), Losses.names(),
                "Kiln accepts exactly Keras's identifiers for the implemented losses");
        assertEquals(44, implemented.size()); // 16 classes + 28 function names and aliases
    }
}
