package kiln.tensor;

/**
 * Double-precision reference formulas written independently of {@code kiln.kernels.cpu.ScalarMath}
 * (Keras 3 definitions, keras/src/activations). erf and erfc come from Simpson's rule on
 * 2/√π·exp(−t²), not from a series, so they cross-check the kernel's series/continued fraction.
 */
public final class RefMath {
    private RefMath() {}

    public static final double SELU_ALPHA = 1.6732632423543772;
    public static final double SELU_SCALE = 1.0507009873554805;

    /** erf by composite Simpson on [0, |x|] (|x| < 2) or 1 − erfc (|x| ≥ 2); absolute error < 1e-12. */
    public static double erf(double x) {
        double a = Math.abs(x);
        double v = a < 2 ? simpson(0, a, 4000) : 1 - erfc(a);
        return Math.copySign(v, x);
    }

    /** erfc for x ≥ 0 by Simpson on [x, x + 12]: relative error ~1e-10 even where erfc is tiny. */
    public static double erfc(double x) {
        if (x < 2) {
            return 1 - erf(x);
        }
        return simpson(x, x + 12, 8000);
    }

    private static double simpson(double lo, double hi, int intervals) {
        double h = (hi - lo) / intervals;
        double s = f(lo) + f(hi);
        for (int i = 1; i < intervals; i++) {
            s += (i % 2 == 1 ? 4 : 2) * f(lo + i * h);
        }
        return s * h / 3;
    }

    private static double f(double t) {
        return 2 / Math.sqrt(Math.PI) * Math.exp(-t * t);
    }

    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    public static double softplus(double x) {
        return x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** Exact GELU x·Φ(x), with Φ(x) = erfc(−x/√2)/2 for negative x so the tail keeps its precision. */
    public static double gelu(double x) {
        double z = x / Math.sqrt(2);
        return x >= 0 ? 0.5 * x * (1 + erf(z)) : 0.5 * x * erfc(-z);
    }

    public static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    /** Keras 3 hard_sigmoid: relu6(x + 3) / 6. */
    public static double hardSigmoid(double x) {
        return Math.min(Math.max(x + 3, 0), 6) / 6;
    }

    /** The reference for every unary op; alpha and beta as {@link UnaryOp} documents. */
    public static double unary(UnaryOp op, double x, double alpha, double beta) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1 / Math.sqrt(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1 / x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> sigmoid(x);
            case RELU -> Math.max(x, 0);
            case LEAKY_RELU -> x > 0 ? x : alpha * x;
            case ELU -> x > 0 ? x : alpha * (Math.exp(x) - 1);
            case SELU -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1));
            case SOFTPLUS -> softplus(x);
            case SOFTSIGN -> x / (1 + Math.abs(x));
            case SILU -> x * sigmoid(x);
            case GELU -> gelu(x);
            case GELU_TANH -> geluTanh(x);
            case MISH -> x * Math.tanh(softplus(x));
            case HARD_SIGMOID -> hardSigmoid(x);
            case HARD_SILU -> x * hardSigmoid(x);
            case ERF -> erf(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case ROUND -> Math.rint(x);
            case CLIP -> Math.min(Math.max(x, alpha), beta);
            case ADD_SCALAR -> x + alpha;
            case MUL_SCALAR -> x * alpha;
            case POW_SCALAR -> Math.pow(x, alpha);
            case NOT_FINITE -> Double.isFinite(x) ? 0 : 1;
        };
    }

    public static double binary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            case RELU_GRAD -> b > 0 ? a : 0;
        };
    }
}
