package kiln.tensor;

/** Distributions for {@link Backend#random}; {@code a} and {@code b} are the two parameters. */
public enum RandomKind {
    /** Uniform on [a, b). */
    UNIFORM,
    /** Normal with mean a and standard deviation b. */
    NORMAL,
    /** Normal with mean a and stddev b, redrawn outside two standard deviations (as Keras/TF). */
    TRUNCATED_NORMAL,
    /** 1 with probability a, else 0 (dropout masks). */
    BERNOULLI;
}
