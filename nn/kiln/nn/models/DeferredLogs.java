package kiln.nn.models;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * The logs map that fit and evaluate hand to callbacks, whose values are read when asked for, not when the map
 * is made. The running loss and metrics live on the model's device, and reading one waits for the device to
 * finish its queued work; so a batch whose logs no callback reads costs no read at all, and the progress bar
 * reads only the updates it prints. Each value is read at most once and keeps the value it had when the map
 * was made (see {@link kiln.nn.metrics.Metric#deferredResult()}).
 *
 * <p>Otherwise it is an ordinary mutable map in insertion order: a callback may add keys (History then records
 * them), replace or remove them.
 */
final class DeferredLogs extends AbstractMap<String, Double> {
    private final Map<String, Object> values = new LinkedHashMap<>(); // a Double, or a DoubleSupplier not yet read

    /** Adds a value to be read when first asked for. */
    void putDeferred(String key, DoubleSupplier value) {
        values.put(key, value);
    }

    /** Reads every value now; returns this. */
    DeferredLogs readAll() {
        for (Entry<String, Double> e : entrySet()) {
            e.getValue();
        }
        return this;
    }

    @Override
    public Double get(Object key) {
        Object v = values.get(key);
        if (v instanceof DoubleSupplier s) {
            Double d = s.getAsDouble();
            values.put((String) key, d);
            return d;
        }
        return (Double) v;
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    public Double put(String key, Double value) {
        return read(values.put(key, value));
    }

    @Override
    public Double remove(Object key) {
        return read(values.remove(key));
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return values.size();
            }

            @Override
            public Iterator<Entry<String, Double>> iterator() {
                Iterator<Entry<String, Object>> it = values.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<String, Double> next() {
                        return new ReadOnAccess(it.next());
                    }

                    @Override
                    public void remove() {
                        it.remove();
                    }
                };
            }
        };
    }

    private static Double read(Object v) {
        return v instanceof DoubleSupplier s ? s.getAsDouble() : (Double) v;
    }

    /** An entry whose value is read (and kept) when first asked for. */
    private record ReadOnAccess(Entry<String, Object> entry) implements Entry<String, Double> {
        @Override
        public String getKey() {
            return entry.getKey();
        }

        @Override
        public Double getValue() {
            Double d = read(entry.getValue());
            entry.setValue(d);
            return d;
        }

        @Override
        public Double setValue(Double value) {
            Double old = getValue();
            entry.setValue(value);
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?, ?> e && Objects.equals(getKey(), e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return getKey() + "=" + getValue();
        }
    }
}
