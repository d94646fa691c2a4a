package kiln.nn.regularizers;

/** Keras's {@code validate_float_arg}: a regularization factor must be a finite number ≥ 0. */
final class Factors {
    private Factors() {}

    static double nonNegative(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("Invalid value for argument " + name
                    + ": expected a non-negative float. Received: " + name + "=" + value);
        }
        return value;
    }
}
