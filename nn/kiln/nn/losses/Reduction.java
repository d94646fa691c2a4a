package kiln.nn.losses;

/**
 * How {@link Loss} reduces per-sample values to what it returns (Keras's {@code reduction=} argument,
 * keras-reference §3.2). The denominator of {@link #SUM_OVER_BATCH_SIZE} is the number of elements of the
 * per-sample loss tensor (B, or B·T for sequences), not the sum of the weights; a zero weight still counts.
 */
public enum Reduction {
    /** Σ w·L / #elements (Keras's default; with a mask, Σ_valid w·L / #valid). */
    SUM_OVER_BATCH_SIZE("sum_over_batch_size"),
    /** Σ w·L. */
    SUM("sum"),
    /** Identical to {@link #SUM_OVER_BATCH_SIZE}. */
    MEAN("mean"),
    /** Σ w·L / Σ w (Σ w·L / #elements without weights). */
    MEAN_WITH_SAMPLE_WEIGHT("mean_with_sample_weight"),
    /** The weighted per-sample values themselves (Keras's {@code "none"} and {@code None}). */
    NONE("none");

    private final String kerasName;

    Reduction(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The string Keras uses in configs. */
    public String kerasName() {
        return kerasName;
    }

    /**
     * Parses Keras's value; null (Python's None) is {@link #NONE}.
     *
     * @throws IllegalArgumentException for anything else, listing the allowed values
     */
    public static Reduction of(String s) {
        if (s == null) {
            return NONE;
        }
        for (Reduction r : values()) {
            if (r.kerasName.equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Invalid value for argument `reduction`. Expected one of "
                + "sum_over_batch_size, sum, mean, mean_with_sample_weight, none (or null). Received: reduction=" + s);
    }
}
