package kiln.kernels.cpu;

import kiln.tensor.BinaryOp;
import kiln.tensor.UnaryOp;

/**
 * The scalar definition of every elementwise op: the fallback when the Vector API is off, the tail
 * of every vector loop, and the reference the vector (and CUDA) kernels are tested against.
 * Formulas follow Keras 3 (keras/src/activations) and are computed in float unless noted.
 */
public final class ScalarMath {
    /** SELU constants (Klambauer et al. 2017), as Keras. */
    static final float SELU_ALPHA = 1.6732632423543772f;
    static final float SELU_SCALE = 1.0507009873554805f;
    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;
    private static final double INV_SQRT_2 = 0.7071067811865476;

    private ScalarMath() {}

    /** {@code op(x; alpha, beta)}. */
    public static float unary(UnaryOp op, float x, float alpha, float beta) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case RSQRT -> (float) (1.0 / Math.sqrt(x));
            case SQUARE -> x * x;
            case RECIPROCAL -> 1f / x;
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> sigmoid(x);
            case RELU -> Math.max(x, 0f);
            case LEAKY_RELU -> x > 0 ? x : alpha * x;
            case ELU -> x > 0 ? x : alpha * (float) Math.expm1(x);
            case SELU -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (float) Math.expm1(x));
            case SOFTPLUS -> softplus(x);
            case SOFTSIGN -> x / (1f + Math.abs(x));
            case SILU -> x * sigmoid(x);
            case GELU -> (float) (0.5 * x * (1.0 + erf(x * INV_SQRT_2)));
            case GELU_TANH -> 0.5f * x * (1f + (float) Math.tanh(SQRT_2_OVER_PI * (x + 0.044715f * x * x * x)));
            case MISH -> x * (float) Math.tanh(softplus(x));
            case HARD_SIGMOID -> hardSigmoid(x);
            case HARD_SILU -> x * hardSigmoid(x);
            case ERF -> (float) erf(x);
            case SIN -> (float) Math.sin(x);
            case COS -> (float) Math.cos(x);
            case FLOOR -> (float) Math.floor(x);
            case CEIL -> (float) Math.ceil(x);
            case ROUND -> (float) Math.rint(x); // half to even, as NumPy
            case CLIP -> Math.min(Math.max(x, alpha), beta);
            case ADD_SCALAR -> x + alpha;
            case MUL_SCALAR -> x * alpha;
            case POW_SCALAR -> pow(x, alpha);
            case NOT_FINITE -> Float.isFinite(x) ? 0f : 1f;
        };
    }

    /** {@code a op b}. */
    public static float binary(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> pow(a, b);
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case EQ -> a == b ? 1f : 0f;
            case NE -> a != b ? 1f : 0f;
            case LT -> a < b ? 1f : 0f;
            case LE -> a <= b ? 1f : 0f;
            case GT -> a > b ? 1f : 0f;
            case GE -> a >= b ? 1f : 0f;
            case RELU_GRAD -> b > 0 ? a : 0f;
        };
    }

    static float pow(float a, float b) {
        return b == 2f ? a * a : (float) Math.pow(a, b);
    }

    /** 1 / (1 + e^-x), arranged so neither branch overflows. */
    static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|), exact for large |x|. */
    static float softplus(float x) {
        return (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))));
    }

    /** Keras 3: relu6(x + 3) / 6. */
    static float hardSigmoid(float x) {
        return Math.min(Math.max(x + 3f, 0f), 6f) / 6f;
    }

    /**
     * The error function in double precision (absolute error below 1e-14): the Maclaurin series for
     * |x| < 2.5, and 1 − erfc(x) by Lentz's continued fraction beyond. Java has no Math.erf.
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (Double.isNaN(x)) {
            return x;
        }
        if (ax < 2.5) {
            double term = x;
            double sum = x;
            double x2 = x * x;
            for (int n = 1; n < 100; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return 2.0 / Math.sqrt(Math.PI) * sum;
        }
        if (ax > 6) {
            return Math.signum(x);
        }
        // erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))), modified Lentz.
        double tiny = 1e-300;
        double f = ax;
        double c = ax;
        double d = 0;
        for (int n = 1; n < 200; n++) {
            double an = n * 0.5;
            d = ax + an * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = ax + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        double erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        return Math.signum(x) * (1 - erfc);
    }
}
