package kiln.nn.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import kiln.nn.Golden;
import kiln.nn.Weight;
import kiln.nn.constraints.Constraints;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer against 5-step trajectories from real Keras 3.15.1 (src/test/python/golden_optimizers.py
 * → golden/optimizers.json): each case is rebuilt from Keras's get_config() (whose round trip must be
 * exact), applied to dense/kernel (3, 2) and dense/bias (2,) with the same gradients, and compared
 * after every step; then the optimizer variables' paths (Keras's order and names) and final values.
 *
 * <p>Tolerance: |kiln − keras| ≤ 1e-6·|keras| + 1e-7. Both sides compute in float32 with the same
 * operation order; what differs is XLA's vs Java's pow/sqrt rounding and reduction order in norms
 * (a few ulps, 1.2e-7 relative each, compounded over 5 steps). The 1e-7 absolute floor is for
 * values that pass through zero (sums of positive and negative updates), where relative error is
 * meaningless; 1e-7 is below one float32 ulp of the O(0.1–1) weights.
 */
class OptimizersGoldenTest {
    static final double RTOL = 1e-6;
    static final double ATOL = 1e-7;

    static Stream<Map<String, Object>> cases() {
        return Golden.cases("optimizers");
    }

    static final float[][] KERNEL = {{0.5f, -0.3f}, {0.8f, 0.1f}, {-0.6f, 0.4f}};
    static final float[] BIAS = {0.2f, -0.1f};

    static List<Weight> weights(String kernelConstraint) {
        Weight kernel = new Weight("kernel", Tensor.of(KERNEL), true, null,
                kernelConstraint == null ? null : Constraints.get(kernelConstraint));
        kernel.setPath("dense/kernel");
        Weight bias = new Weight("bias", Tensor.of(BIAS, 2));
        bias.setPath("dense/bias");
        return List.of(kernel, bias);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesKeras(Map<String, Object> c) {
        String label = (String) c.get("label");
        String cls = (String) c.get("class_name");
        Map<String, Object> config = (Map<String, Object>) c.get("config");
        Optimizer opt = Optimizers.fromConfig(cls, config);
        assertEquals(cls, opt.className(), label);
        assertEquals(normalise(config), normalise(opt.getConfig()), label + ": config round trip");

        List<Weight> ws = weights((String) c.get("constraint"));
        List<String> exclude = (List<String>) c.get("exclude_from_weight_decay");
        if (exclude != null) {
            opt.excludeFromWeightDecay(null, exclude);
        }
        List<List<Object>> grads = (List<List<Object>>) c.get("grads");
        List<Number> lrs = (List<Number>) c.get("learning_rates");
        List<List<Object>> traj = (List<List<Object>>) c.get("trajectory");
        for (int step = 0; step < grads.size(); step++) {
            close(label + " learning rate before step " + step, new float[] {lrs.get(step).floatValue()},
                    new float[] {opt.learningRate()});
            List<Tensor> g = new ArrayList<>();
            for (Object o : grads.get(step)) {
                g.add(Golden.tensor(o));
            }
            opt.apply(g, ws);
            for (int v = 0; v < ws.size(); v++) {
                close(label + " step " + step + " " + ws.get(v).path(), Golden.floats(traj.get(step).get(v)),
                        ws.get(v).value().toFloatArray());
            }
        }
        assertEquals(((Number) c.get("iterations")).longValue(), opt.iterations(), label + ": iterations");

        List<String> paths = (List<String>) c.get("variable_paths");
        List<OptimizerVariable> vars = opt.variables();
        // Nadam's u_product is an unnamed Keras variable, auto-named by a process-wide counter
        // ("variable", "variable_1", ...) that depends on what else ran first: compare without the suffix.
        assertEquals(paths.stream().map(OptimizersGoldenTest::unsuffixed).toList(),
                vars.stream().map(v -> unsuffixed(v.path())).toList(), label + ": variables()");
        List<Object> values = (List<Object>) c.get("variable_values");
        for (int i = 0; i < vars.size(); i++) {
            Tensor t = vars.get(i).value();
            float[] actual = t.dtype() == kiln.tensor.DType.INT32
                    ? new float[] {t.toIntArray()[0]} : t.toFloatArray();
            close(label + " optimizer variable " + paths.get(i), Golden.floats(values.get(i)), actual);
        }
        if (c.containsKey("finalized")) {
            opt.finalizeVariableValues();
            List<Object> fin = (List<Object>) c.get("finalized");
            for (int v = 0; v < ws.size(); v++) {
                close(label + " finalized " + ws.get(v).path(), Golden.floats(fin.get(v)),
                        ws.get(v).value().toFloatArray());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void defaultConfigsMatchKeras() throws Exception {
        Map<String, Map<String, Object>> defaults =
                (Map<String, Map<String, Object>>) Golden.load("optimizers").get("default_configs");
        assertEquals(defaults.keySet(), new java.util.HashSet<>(Optimizers.classNames()));
        for (var e : defaults.entrySet()) {
            Optimizer fromEmpty = Optimizers.fromConfig(e.getKey(), Map.of("name", "probe"));
            assertEquals(e.getValue(), fromEmpty.getConfig(), e.getKey() + " defaults (exact keys, order-free values)");
            assertEquals(new ArrayList<>(e.getValue().keySet()), new ArrayList<>(fromEmpty.getConfig().keySet()),
                    e.getKey() + " key order");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void stringIdentifiersAreCaseInsensitive() throws Exception {
        Map<String, String> ids = (Map<String, String>) Golden.load("optimizers").get("identifiers");
        ids.forEach((id, cls) -> assertEquals(cls, Optimizers.get(id).className(), id));
    }

    // ------------------------------------------------------------------ helpers

    static String unsuffixed(String path) {
        return path.replaceAll("/variable_\\d+$", "/variable");
    }

    static void close(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!(Math.abs(a - e) <= RTOL * Math.abs(e) + ATOL)) {
                fail(what + "[" + i + "]: expected " + e + ", got " + a + " (relative error "
                        + Math.abs(a - e) / Math.max(Math.abs(e), 1e-30) + ")");
            }
        }
    }

    /** Compare configs by value: JSON numbers as doubles, nested maps likewise. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> normalise(Map<String, Object> m) {
        Map<String, Object> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Number n ? (Object) n.doubleValue()
                : v instanceof Map<?, ?> mm ? normalise((Map<String, Object>) mm) : v));
        return out;
    }
}
