package kiln.nn.layers;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON-level equality of Keras configs: same keys in the same order, same nulls, booleans, strings
 * and list lengths; numbers compared by value (1 equals 1.0). A number also matches its float32
 * rounding (0.1 vs 0.10000000149011612): Keras stores some arguments (regularizer factors) in
 * float32 variables and writes them back widened, Kiln keeps the double it was given.
 */
final class JsonAssert {
    private JsonAssert() {}

    static void assertJsonEquals(Object expected, Object actual, String where) {
        List<String> diffs = new ArrayList<>();
        compare(expected, actual, where, diffs);
        if (!diffs.isEmpty()) {
            fail(String.join("\n", diffs) + "\nexpected: " + expected + "\nactual:   " + actual);
        }
    }

    private static void compare(Object e, Object a, String path, List<String> diffs) {
        if (e == null || a == null) {
            if (e != a) {
                diffs.add(path + ": expected " + e + ", got " + a);
            }
        } else if (e instanceof Number en && a instanceof Number an) {
            double x = en.doubleValue();
            double y = an.doubleValue();
            if (x != y && (float) x != (float) y) {
                diffs.add(path + ": expected " + e + ", got " + a);
            }
        } else if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
            List<?> ek = new ArrayList<>(em.keySet());
            List<?> ak = new ArrayList<>(am.keySet());
            if (!ek.equals(ak)) {
                diffs.add(path + ": keys differ (order counts): expected " + ek + ", got " + ak);
                return;
            }
            for (Object k : ek) {
                compare(em.get(k), am.get(k), path + "." + k, diffs);
            }
        } else if (e instanceof List<?> el && a instanceof List<?> al) {
            if (el.size() != al.size()) {
                diffs.add(path + ": expected " + el.size() + " items, got " + al.size());
                return;
            }
            for (int i = 0; i < el.size(); i++) {
                compare(el.get(i), al.get(i), path + "[" + i + "]", diffs);
            }
        } else if (!e.equals(a)) {
            diffs.add(path + ": expected " + e + " (" + e.getClass().getSimpleName() + "), got " + a + " ("
                    + a.getClass().getSimpleName() + ")");
        }
    }
}
