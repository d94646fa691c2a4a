package kiln.nn.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import kiln.tensor.Tensor;

/** Reads src/test/resources/golden/metrics.json (written by src/test/python/golden_metrics.py). */
final class Golden {
    private Golden() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new ObjectMapper().readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {"shape": [...], "dtype": "float32"|"int32", "data": [...]} to a tensor; null stays null. */
    @SuppressWarnings("unchecked")
    static Tensor tensor(Object o) {
        if (o == null) {
            return null;
        }
        Map<String, Object> m = (Map<String, Object>) o;
        int[] dims = ints((List<Object>) m.get("shape"));
        List<Object> data = (List<Object>) m.get("data");
        if ("int32".equals(m.get("dtype"))) {
            return Tensor.ofInts(ints(data), dims);
        }
        return Tensor.of(floats(data), dims);
    }

    static int[] ints(List<Object> l) {
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = ((Number) l.get(i)).intValue();
        }
        return r;
    }

    static float[] floats(List<Object> l) {
        float[] r = new float[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = ((Number) l.get(i)).floatValue();
        }
        return r;
    }

    /** A result: a number, or a list for one value per threshold. */
    @SuppressWarnings("unchecked")
    static float[] values(Object o) {
        return o instanceof List<?> l ? floats((List<Object>) l) : new float[] {((Number) o).floatValue()};
    }
}
