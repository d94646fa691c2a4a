package kiln.nn.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kiln.tensor.Tensor;

/**
 * Encodes labels as integers {@code 0..k-1}: scikit-learn's {@code LabelEncoder}. The classes are the
 * sorted distinct labels (natural order: string order for strings, numeric for numbers).
 *
 * <pre>{@code
 * LabelEncoder<String> e = new LabelEncoder<String>().fit(List.of("paris", "tokyo", "amsterdam", "paris"));
 * e.classes()                                   // [amsterdam, paris, tokyo]
 * e.transform(List.of("tokyo", "paris"))        // int32 [2, 1]
 * e.inverseTransform(Tensor.ofInts(new int[] {0}, 1))   // [amsterdam]
 * }</pre>
 *
 * <p>{@code transform} returns int32 (scikit-learn returns int64; Kiln's index type is int32).
 *
 * @param <T> the label type
 */
public final class LabelEncoder<T extends Comparable<? super T>> {
    private List<T> classes;
    private Map<T, Integer> index;

    /**
     * Learns the classes: the sorted distinct values of {@code labels}; returns this.
     *
     * @throws IllegalArgumentException if a label is null
     */
    public LabelEncoder<T> fit(Collection<? extends T> labels) {
        checkNoNulls("fit", labels);
        TreeSet<T> sorted = new TreeSet<>(labels);
        List<T> c = List.copyOf(sorted);
        Map<T, Integer> idx = new HashMap<>();
        for (int i = 0; i < c.size(); i++) {
            idx.put(c.get(i), i);
        }
        classes = c;
        index = idx;
        return this;
    }

    /**
     * The index of each label in {@link #classes()}, as an int32 tensor of shape (n,).
     *
     * @throws IllegalStateException before {@link #fit}
     * @throws IllegalArgumentException if a label was not seen in {@code fit}, naming the unseen labels
     */
    public Tensor transform(List<? extends T> labels) {
        requireFitted();
        checkNoNulls("transform", labels);
        int[] out = new int[labels.size()];
        TreeSet<T> unseen = new TreeSet<>();
        for (int i = 0; i < out.length; i++) {
            Integer k = index.get(labels.get(i));
            if (k == null) {
                unseen.add(labels.get(i));
            } else {
                out[i] = k;
            }
        }
        if (!unseen.isEmpty()) {
            throw new IllegalArgumentException("LabelEncoder.transform: y contains previously unseen labels: "
                    + quoted(unseen) + " (known classes: " + quoted(classes) + ")");
        }
        return Tensor.ofInts(out, out.length);
    }

    /** {@code fit(labels).transform(labels)}. */
    public Tensor fitTransform(List<? extends T> labels) {
        return fit(labels).transform(labels);
    }

    /**
     * The labels for class indices (any shape, read in row-major order; float indices must be whole numbers).
     *
     * @throws IllegalStateException before {@link #fit}
     * @throws IllegalArgumentException if an index is outside {@code 0..classes().size()-1}
     */
    public List<T> inverseTransform(Tensor indices) {
        requireFitted();
        float[] f = indices.toFloatArray();
        List<T> out = new ArrayList<>(f.length);
        TreeSet<Float> bad = new TreeSet<>();
        for (float v : f) {
            if (v != Math.rint(v) || v < 0 || v >= classes.size()) {
                bad.add(v);
            } else {
                out.add(classes.get((int) v));
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("LabelEncoder.inverseTransform: y contains previously unseen labels: "
                    + bad + " (expected class indices 0.." + (classes.size() - 1) + ")");
        }
        return out;
    }

    /** The sorted distinct labels seen in {@link #fit} ({@code classes_}). */
    public List<T> classes() {
        requireFitted();
        return classes;
    }

    /** Whether {@link #fit} has run. */
    public boolean isFitted() {
        return classes != null;
    }

    private void requireFitted() {
        if (classes == null) {
            throw new IllegalStateException("This LabelEncoder instance is not fitted yet. Call fit(labels) before"
                    + " using it.");
        }
    }

    private static void checkNoNulls(String method, Collection<?> labels) {
        if (labels == null) {
            throw new IllegalArgumentException("LabelEncoder." + method + ": labels must not be null");
        }
        int i = 0;
        for (Object o : labels) {
            if (o == null) {
                throw new IllegalArgumentException("LabelEncoder." + method + ": label " + i + " is null");
            }
            i++;
        }
    }

    private static String quoted(Collection<?> values) {
        StringBuilder sb = new StringBuilder("[");
        for (Object v : values) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(v instanceof CharSequence ? "'" + v + "'" : String.valueOf(v));
        }
        return sb.append(']').toString();
    }
}
