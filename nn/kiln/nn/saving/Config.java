package kiln.nn.saving;

import java.util.List;
import java.util.Map;

/**
 * Typed reads from a Keras config dictionary (as parsed from JSON: numbers may arrive as Integer,
 * Long or Double). A missing key takes the Keras default; a value of the wrong type fails naming
 * the class and the key.
 */
public final class Config {
    private final String owner;
    private final Map<String, Object> values;

    public Config(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = values == null ? Map.of() : values;
    }

    /** The raw value, or null. */
    public Object raw(String key) {
        return values.get(key);
    }

    public double getDouble(String key, double dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(key, "a number", v);
    }

    public float getFloat(String key, float dflt) {
        return (float) getDouble(key, dflt);
    }

    public int getInt(String key, int dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw wrong(key, "an integer", v);
    }

    /** An optional integer (Keras's {@code seed=None}). */
    public Integer getIntOrNull(String key) {
        return values.get(key) == null ? null : getInt(key, 0);
    }

    /** An optional number. */
    public Double getDoubleOrNull(String key) {
        return values.get(key) == null ? null : getDouble(key, 0);
    }

    public boolean getBoolean(String key, boolean dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(key, "a boolean", v);
    }

    public String getString(String key, String dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrong(key, "a string", v);
    }

    /** A list of numbers as doubles. */
    public double[] getDoubles(String key) {
        Object v = values.get(key);
        if (!(v instanceof List<?> list)) {
            throw wrong(key, "a list of numbers", v);
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw wrong(key, "a list of numbers", v);
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    private IllegalArgumentException wrong(String key, String expected, Object got) {
        return new IllegalArgumentException(owner + ": config key '" + key + "' must be " + expected + ", got "
                + (got == null ? "null" : got + " (" + got.getClass().getSimpleName() + ")"));
    }
}
