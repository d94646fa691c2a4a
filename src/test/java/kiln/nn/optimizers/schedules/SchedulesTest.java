package kiln.nn.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kiln.nn.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every schedule against learning rates computed by real Keras 3.15.1 (src/test/python/golden_schedules.py
 * → golden/schedules.json), rebuilt from the Keras config, whose round trip must give the same config.
 */
class SchedulesTest {

    static Stream<Map<String, Object>> cases() {
        return Golden.cases("schedules");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesKeras(Map<String, Object> c) {
        String cls = (String) c.get("class_name");
        Map<String, Object> config = (Map<String, Object>) c.get("config");
        LearningRateSchedule s = Schedules.fromConfig(cls, config);
        assertEquals(cls, s.className());
        assertEquals(normalise(config), normalise(s.getConfig()), "config round trip of " + cls);
        List<Number> steps = (List<Number>) c.get("steps");
        List<Number> lr = (List<Number>) c.get("lr");
        for (int i = 0; i < steps.size(); i++) {
            long step = steps.get(i).longValue();
            double expected = lr.get(i).doubleValue();
            double actual = s.apply(step);
            // Keras computes in float32 (cos/pow/log via XLA); Java rounds double results to float:
            // a few float32 ulps (1.2e-7 relative each) of difference are expected, 1e-6 allows ~8.
            assertTrue(Math.abs(actual - expected) <= 1e-6 * Math.abs(expected) + 1e-9,
                    cls + " " + config + " at step " + step + ": expected " + expected + ", got " + actual);
        }
    }

    /** JSON numbers: compare ints and doubles by value (Keras writes 0.1 and 10; we may hold 10 as an int). */
    private static Map<String, Object> normalise(Map<String, Object> m) {
        Map<String, Object> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Number n ? (Object) n.doubleValue()
                : v instanceof List<?> l ? numbers(l) : v));
        return out;
    }

    private static List<Object> numbers(List<?> l) {
        List<Object> out = new ArrayList<>();
        for (Object o : l) {
            out.add(o instanceof Number n ? n.doubleValue() : o);
        }
        return out;
    }

    @Test
    void badArgumentsSayWhich() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.5));
        assertTrue(e.getMessage().contains("decay_steps") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(new long[] {1, 2}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("boundaries") && e.getMessage().contains("length 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CosineDecayRestarts(0.1, -1));
        assertTrue(e.getMessage().contains("first_decay_steps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedules.fromConfig("StepDecay", Map.of()));
        assertTrue(e.getMessage().contains("StepDecay") && e.getMessage().contains("ExponentialDecay"), e.getMessage());
    }
}
