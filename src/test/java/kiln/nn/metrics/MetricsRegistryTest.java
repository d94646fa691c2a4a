package kiln.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kiln.nn.Golden;
import kiln.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * String identifiers, default configs, compile-time resolution of "accuracy"/"acc" and auto-names,
 * against real Keras 3.15.1 (golden/metrics.json).
 */
class MetricsRegistryTest {
    private static final Map<String, Object> ROOT = Golden.load("metrics");

    /** Keras metrics not in Kiln yet (R2, correlations, F-scores, IoU). */
    private static final Set<String> NOT_YET = Set.of("R2Score", "r2_score", "PearsonCorrelation",
            "pearson_correlation", "ConcordanceCorrelation", "concordance_correlation", "F1Score", "f1_score",
            "FBetaScore", "f_beta_score", "BinaryIoU", "binary_io_u");

    @Test
    @SuppressWarnings("unchecked")
    void identifiersGiveKerasClassesAndConfigs() {
        Map<String, Map<String, Object>> ids = (Map<String, Map<String, Object>>) ROOT.get("identifiers");
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (var e : ids.entrySet()) {
            if (e.getValue().containsKey("error")) {
                continue; // Keras itself needs arguments for these (IoU, PrecisionAtRecall, ...)
            }
            if (!Metrics.names().contains(e.getKey())) {
                missing.add(e.getKey());
                continue;
            }
            Metrics.clearNameCounters();
            Metric m = Metrics.get(e.getKey());
            Map<String, Object> config = (Map<String, Object>) e.getValue().get("config");
            assertEquals(e.getValue().get("class_name"), m.className(), e.getKey());
            assertEquals(config, m.getConfig(), e.getKey());
            assertEquals(List.copyOf(config.keySet()), List.copyOf(m.getConfig().keySet()), e.getKey() + " key order");
            checked++;
        }
        assertEquals(new TreeSet<>(NOT_YET), missing);
        assertTrue(checked >= 63, "checked " + checked);
        for (String n : Metrics.names()) {
            assertTrue(ids.containsKey(n), "Kiln registers '" + n + "', which Keras does not");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void compileResolvesAccuracyByShapesAndKeepsTheString() {
        List<Map<String, Object>> cases = (List<Map<String, Object>>) ROOT.get("resolve");
        for (Map<String, Object> c : cases) {
            Metrics.clearNameCounters();
            Shape yt = Shape.of(Golden.ints((List<Object>) c.get("y_true_shape")));
            Shape yp = Shape.of(Golden.ints((List<Object>) c.get("y_pred_shape")));
            Metric m = Metrics.resolve((String) c.get("identifier"), yt, yp);
            String what = c.get("identifier") + " " + yt + " " + yp;
            assertEquals(c.get("class_name"), m.className(), what);
            assertEquals(c.get("name"), m.name(), what);
        }
        assertTrue(cases.size() >= 14);
    }

    @Test
    @SuppressWarnings("unchecked")
    void unnamedMetricsGetKerasAutoNames() {
        Metrics.clearNameCounters();
        List<String> names = List.of(new Precision().name(), new Precision().name(), new Recall().name(), new AUC().name(),
                new AUC().name(), new Mean().name(), new Mean().name());
        assertEquals(ROOT.get("auto_names"), names);
        Metrics.clearNameCounters();
        assertEquals("precision", new Precision().name());
    }

    @Test
    void unknownIdentifierListsValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("acuracy"));
        assertTrue(e.getMessage().contains("Could not interpret metric identifier: 'acuracy'"), e.getMessage());
        assertTrue(e.getMessage().contains("sparse_categorical_accuracy") && e.getMessage().contains("mse"), e.getMessage());
        // case-sensitive like Keras: only mse/MSE, not Mse
        assertThrows(IllegalArgumentException.class, () -> Metrics.get("Mse"));
        assertThrows(IllegalArgumentException.class, () -> Metrics.resolve(null, Shape.of(1), Shape.of(1)));
    }

    @Test
    void wrapperConfigRoundTripsKnownFunctions() {
        MeanMetricWrapper w = new MeanMetricWrapper(MeanSquaredError::meanSquaredError, null, "mean_squared_error");
        Metric back = Metrics.fromConfig("MeanMetricWrapper", w.getConfig());
        assertEquals(w.getConfig().get("fn"), back.getConfig().get("fn"));
        assertEquals(Map.of("module", "builtins", "class_name", "function", "config", "mean_squared_error",
                "registered_name", "function"), w.getConfig().get("fn"));
        var e = assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig("MeanMetricWrapper",
                Map.of("name", "x", "fn", Map.of("config", "my_fn"))));
        assertTrue(e.getMessage().contains("my_fn") && e.getMessage().contains("mean_squared_error"), e.getMessage());
    }
}
