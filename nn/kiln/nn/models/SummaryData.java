package kiln.nn.models;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@link SummaryTable} prints for one model.
 *
 * @param name         the model's name, shown as {@code Model: "sequential"}
 * @param connected    true for the 4-column layout with "Connected to" (functional models that are not a
 *                     simple chain: several inputs/outputs, merges, shared layers); false for Sequential,
 *                     subclassed and chain-like functional models
 * @param rows         one per layer, in {@code model.layers} order (functional models include InputLayers)
 * @param trainable    trainable weights (distinct variables)
 * @param nonTrainable non-trainable weights
 * @param optimizer    optimizer variables ({@code iteration}, {@code learning_rate}, slots), or null when the
 *                     model is not compiled or its optimizer is not built yet (then no "Optimizer params" line)
 */
public record SummaryData(String name, boolean connected, List<SummaryRow> rows,
                          Params trainable, Params nonTrainable, Params optimizer) {

    /** A number of scalars and the bytes they occupy (Keras: {@code count × dtype bits / 8}). */
    public record Params(long count, long bytes) {
        public Params {
            if (count < 0 || bytes < 0) {
                throw new IllegalArgumentException("count and bytes must be >= 0, received: count=" + count
                        + ", bytes=" + bytes);
            }
        }

        /** {@code count} 4-byte scalars (float32, and int32 such as the optimizer's {@code iteration}). */
        public static Params float32(long count) {
            return new Params(count, 4 * count);
        }

        Params plus(Params o) {
            return new Params(count + o.count, bytes + o.bytes);
        }
    }

    public SummaryData {
        Objects.requireNonNull(name, "name");
        rows = List.copyOf(rows);
        Objects.requireNonNull(trainable, "trainable");
        Objects.requireNonNull(nonTrainable, "nonTrainable");
    }

    /** Float32 model whose optimizer is not built: counts in, bytes at 4 per param. */
    public static SummaryData of(String name, boolean connected, List<SummaryRow> rows,
                                 long trainable, long nonTrainable) {
        return new SummaryData(name, connected, rows, Params.float32(trainable), Params.float32(nonTrainable), null);
    }

    /** This summary with a built optimizer holding {@code count} 4-byte variables. */
    public SummaryData withOptimizer(long count) {
        return new SummaryData(name, connected, rows, trainable, nonTrainable, Params.float32(count));
    }

    /** Trainable + non-trainable + optimizer, as Keras's "Total params". */
    public Params total() {
        Params t = trainable.plus(nonTrainable);
        return optimizer == null ? t : t.plus(optimizer);
    }
}
