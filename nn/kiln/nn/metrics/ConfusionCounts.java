package kiln.nn.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kiln.nn.metrics.Confusion.Kind;
import kiln.tensor.AllocationScope;
import kiln.tensor.Tensor;

/**
 * The state of the confusion metrics: for each of its {@link Kind}s, a weighted count per threshold and label
 * ({@code [T, L]} float32). The counts stay on the predictions' device, so an update reads nothing back. Each
 * update replaces the count tensors and never writes into them, so a {@link #snapshot()} is only references:
 * read later, it gives the counts of the moment it was taken.
 */
final class ConfusionCounts {
    private final int thresholds;
    private final int labels;
    private final List<Kind> kinds;
    private Map<Kind, Tensor> counts = Map.of(); // empty: all zero

    ConfusionCounts(int thresholds, int labels, Kind... kinds) {
        this.thresholds = thresholds;
        this.labels = labels;
        this.kinds = List.of(kinds);
    }

    List<Kind> kinds() {
        return kinds;
    }

    int labels() {
        return labels;
    }

    /** Adds one batch's counts: a {@code [T, L]} tensor for each kind. */
    void add(Map<Kind, Tensor> batch) {
        Map<Kind, Tensor> next = new EnumMap<>(Kind.class);
        for (Kind k : kinds) {
            Tensor old = counts.get(k);
            Tensor b = batch.get(k);
            // 0 + b: the first batch rounds as added to zeros; counts kept on another device move to b's first
            // outlives the step (snapshots read it later), like RunningTotal's sums
            next.put(k, AllocationScope.escape(old == null ? b.add(0f) : old.to(b.device()).add(b)));
        }
        counts = next;
    }

    /** The counts now, copied to the host when the supplier is called: T·L values per kind, row-major. */
    Supplier<Map<Kind, float[]>> snapshot() {
        Map<Kind, Tensor> now = counts;
        return () -> {
            Map<Kind, float[]> out = new EnumMap<>(Kind.class);
            for (Kind k : kinds) {
                Tensor t = now.get(k);
                out.put(k, t == null ? new float[thresholds * labels] : t.toFloatArray());
            }
            return out;
        };
    }

    /** The counts now, on the host. */
    Map<Kind, float[]> read() {
        return snapshot().get();
    }

    void reset() {
        counts = Map.of();
    }
}
