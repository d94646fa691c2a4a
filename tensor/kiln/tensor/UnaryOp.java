package kiln.tensor;

/**
 * Elementwise functions of one float. Some take parameters, passed to
 * {@link Backend#unary} as {@code alpha} and {@code beta}; the others ignore them.
 * The scalar definitions in {@code kiln.kernels.cpu.ScalarMath} are the reference every backend matches.
 */
public enum UnaryOp {
    NEG, ABS, SIGN, EXP, LOG, SQRT, RSQRT, SQUARE, RECIPROCAL,
    TANH, SIGMOID,
    /** max(x, 0); the derivative at 0 is taken as 0 (TensorFlow/Keras). */
    RELU,
    /** x for x &gt; 0, alpha·x otherwise. */
    LEAKY_RELU,
    /** x for x &gt; 0, alpha·(exp(x) − 1) otherwise. */
    ELU,
    /** scale·(x for x &gt; 0, alpha·(exp(x) − 1)) with Keras's fixed alpha and scale. */
    SELU,
    /** log(1 + exp(x)), computed without overflow. */
    SOFTPLUS,
    /** x / (1 + |x|). */
    SOFTSIGN,
    /** x·sigmoid(x) (swish). */
    SILU,
    /** The exact Gaussian error linear unit x·Φ(x). */
    GELU,
    /** The tanh approximation of GELU. */
    GELU_TANH,
    /** x·tanh(softplus(x)). */
    MISH,
    /** Keras 3: relu6(x + 3) / 6. */
    HARD_SIGMOID,
    /** x·hard_sigmoid(x). */
    HARD_SILU,
    ERF, SIN, COS, FLOOR, CEIL, ROUND,
    /** min(max(x, alpha), beta). */
    CLIP,
    /** x + alpha. */
    ADD_SCALAR,
    /** x · alpha. */
    MUL_SCALAR,
    /** x ^ alpha. */
    POW_SCALAR,
    /** 1 where x is NaN or infinite, else 0. */
    NOT_FINITE;
}
