package kiln.nn;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kiln.tensor.Tensor;

/**
 * Reads the golden-value files under src/test/resources/golden (written by src/test/python/golden_*.py from
 * real Keras) and turns their tensors into {@link Tensor}s. Shared by every golden test in kiln.nn.
 */
public final class Golden {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {}

    /**
     * A golden file's root object. {@code name} is a bare name ("losses"), a file name ("losses.json") or a
     * classpath resource ("/golden/losses.json").
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(String name) {
        String resource = resource(name);
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return JSON.readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The "cases" list of a golden file (see {@link #load}). */
    @SuppressWarnings("unchecked")
    public static Stream<Map<String, Object>> cases(String name) {
        Object cases = load(name).get("cases");
        if (cases == null) {
            throw new IllegalStateException("no \"cases\" in " + resource(name));
        }
        return ((List<Map<String, Object>>) cases).stream();
    }

    private static String resource(String name) {
        if (name.startsWith("/")) {
            return name;
        }
        return "/golden/" + (name.endsWith(".json") ? name : name + ".json");
    }

    /**
     * A golden tensor. Either a spec {"shape": [...], "dtype": "float32"|"int32", "data": [...]} (a missing
     * dtype means float32; data may be flat or nested), or bare nested JSON lists whose nesting gives the
     * shape. {@code null} stays {@code null}.
     */
    @SuppressWarnings("unchecked")
    public static Tensor tensor(Object spec) {
        if (spec == null) {
            return null;
        }
        if (spec instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            int[] dims = ints((List<?>) m.get("shape"));
            Object data = m.get("data");
            if ("int32".equals(m.get("dtype"))) {
                List<Number> numbers = new ArrayList<>();
                flatten(data, numbers);
                int[] v = new int[numbers.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = numbers.get(i).intValue();
                }
                return Tensor.ofInts(v, dims);
            }
            return Tensor.of(floats(data), dims);
        }
        if (spec instanceof List<?>) {
            return Tensor.of(floats(spec), shape(spec));
        }
        throw new IllegalArgumentException("not a golden tensor: " + spec);
    }

    /** A JSON list of numbers to ints. */
    public static int[] ints(List<?> l) {
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = ((Number) l.get(i)).intValue();
        }
        return r;
    }

    /** A number, or (nested) JSON lists of numbers, to a flat float array in row-major order. */
    public static float[] floats(Object o) {
        List<Number> out = new ArrayList<>();
        flatten(o, out);
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i).floatValue();
        }
        return r;
    }

    private static void flatten(Object o, List<Number> out) {
        if (o instanceof List<?> l) {
            for (Object x : l) {
                flatten(x, out);
            }
        } else {
            out.add((Number) o);
        }
    }

    /** The shape of nested JSON lists, from their first elements. */
    private static int[] shape(Object o) {
        List<Integer> dims = new ArrayList<>();
        while (o instanceof List<?> l) {
            dims.add(l.size());
            o = l.isEmpty() ? null : l.get(0);
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
