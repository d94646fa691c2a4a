package kiln.tensor;

/** Elementwise functions of two floats, applied with NumPy broadcasting. Comparisons give 1 or 0. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM,
    EQ, NE, LT, LE, GT, GE,
    /** a · (b &gt; 0): the relu backward, given the gradient a and the relu output b, in one pass. */
    RELU_GRAD;

    /** True for the comparison ops, whose result is 1 or 0. */
    public boolean isComparison() {
        return switch (this) {
            case EQ, NE, LT, LE, GT, GE -> true;
            default -> false;
        };
    }
}
