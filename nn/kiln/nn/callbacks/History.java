package kiln.nn.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code fit} returns (Keras {@code History}): per key, one value per epoch that produced it;
 * the epochs run; and the fit parameters. Keys come out as Keras on JAX lists them: training keys
 * sorted, then the {@code val_} keys sorted.
 */
public final class History implements Callback {
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();
    private Map<String, Object> params = Map.of();

    @Override
    public void setParams(Map<String, Object> params) {
        this.params = params;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        history.clear();
        epochs.clear();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (var e : logs.entrySet()) {
            history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
    }

    /** key → values per epoch, keys in Keras's order. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> train = new TreeMap<>();
        Map<String, List<Double>> val = new TreeMap<>();
        history.forEach((k, v) -> (k.startsWith("val_") ? val : train).put(k, Collections.unmodifiableList(v)));
        Map<String, List<Double>> out = new LinkedHashMap<>(train);
        out.putAll(val);
        return Collections.unmodifiableMap(out);
    }

    /** The values of one key, or an error naming the keys there are. */
    public List<Double> get(String key) {
        List<Double> v = history.get(key);
        if (v == null) {
            throw new IllegalArgumentException("History has no key '" + key + "'. Keys: " + history().keySet());
        }
        return Collections.unmodifiableList(v);
    }

    /** The 0-based indices of the epochs run. */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(epochs);
    }

    /** {verbose, epochs, steps}. */
    public Map<String, Object> params() {
        return params;
    }

    @Override
    public String toString() {
        return "History" + history();
    }
}
