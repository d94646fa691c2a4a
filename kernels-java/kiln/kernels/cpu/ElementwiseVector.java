package kiln.kernels.cpu;

import static kiln.kernels.cpu.VectorWidth.F;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import kiln.tensor.BinaryOp;
import kiln.tensor.UnaryOp;

/**
 * Vector API twins of {@link Elementwise} for dense rows. Loaded only when {@link Simd#enabled()}.
 * Each loop is the canonical one: {@code F.loopBound(n)} full vectors, then the scalar tail.
 * Transcendentals use the Vector API's lanewise EXP/LOG/TANH (SVML-backed on x86), within a few ulp
 * of the scalar {@link ScalarMath} definitions; ops not listed in {@link #supports} stay scalar.
 */
final class ElementwiseVector {
    private ElementwiseVector() {}

    static boolean supports(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, EXP, LOG, SQRT, SQUARE, RECIPROCAL, TANH, SIGMOID, RELU, LEAKY_RELU, CLIP,
                 ADD_SCALAR, MUL_SCALAR, SILU, SOFTSIGN, HARD_SIGMOID, HARD_SILU -> true;
            default -> false;
        };
    }

    static boolean supports(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, RELU_GRAD, EQ, NE, LT, LE, GT, GE -> true;
            case POW -> false;
        };
    }

    // y[yo..yo+n) = op(x[xo..xo+n))
    static void unary(UnaryOp op, float alpha, float beta, float[] x, int xo, float[] y, int yo, int n) {
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i);
            apply(op, v, alpha, beta).intoArray(y, yo + i);
        }
        Elementwise.unaryScalar(op, alpha, beta, x, xo + i, 1, y, yo + i, 1, n - i);
    }

    private static FloatVector apply(UnaryOp op, FloatVector v, float alpha, float beta) {
        return switch (op) {
            case NEG -> v.neg();
            case ABS -> v.abs();
            case EXP -> v.lanewise(VectorOperators.EXP);
            case LOG -> v.lanewise(VectorOperators.LOG);
            case SQRT -> v.sqrt();
            case SQUARE -> v.mul(v);
            case RECIPROCAL -> FloatVector.broadcast(F, 1f).div(v);
            case TANH -> v.lanewise(VectorOperators.TANH);
            case SIGMOID -> sigmoid(v);
            case RELU -> v.max(0f);
            case LEAKY_RELU -> v.blend(v.mul(alpha), v.compare(VectorOperators.LE, 0f));
            case CLIP -> v.max(alpha).min(beta);
            case ADD_SCALAR -> v.add(alpha);
            case MUL_SCALAR -> v.mul(alpha);
            case SILU -> v.mul(sigmoid(v));
            case SOFTSIGN -> v.div(v.abs().add(1f));
            case HARD_SIGMOID -> hardSigmoid(v);
            case HARD_SILU -> v.mul(hardSigmoid(v));
            default -> throw new AssertionError("no vector form for " + op);
        };
    }

    private static FloatVector sigmoid(FloatVector v) {
        // 1 / (1 + e^-x): e^-x overflows to +inf for x < -88, giving exactly 0, which is the right limit.
        return FloatVector.broadcast(F, 1f).div(v.neg().lanewise(VectorOperators.EXP).add(1f));
    }

    private static FloatVector hardSigmoid(FloatVector v) {
        return v.add(3f).max(0f).min(6f).div(6f);
    }

    // c[co..co+n) = a op b, where a and b have stride 1 or 0 (broadcast)
    static void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        int upper = F.loopBound(n);
        int i = 0;
        FloatVector va = as == 0 ? FloatVector.broadcast(F, a[ao]) : null;
        FloatVector vb = bs == 0 ? FloatVector.broadcast(F, b[bo]) : null;
        for (; i < upper; i += F.length()) {
            FloatVector x = as == 0 ? va : FloatVector.fromArray(F, a, ao + i);
            FloatVector y = bs == 0 ? vb : FloatVector.fromArray(F, b, bo + i);
            apply(op, x, y).intoArray(c, co + i);
        }
        Elementwise.binaryScalar(op, a, ao + i * as, as, b, bo + i * bs, bs, c, co + i, 1, n - i);
    }

    private static FloatVector apply(BinaryOp op, FloatVector x, FloatVector y) {
        return switch (op) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            case DIV -> x.div(y);
            case MAXIMUM -> x.max(y);
            case MINIMUM -> x.min(y);
            case RELU_GRAD -> x.blend(0f, y.compare(VectorOperators.GT, 0f).not());
            case EQ -> ones(x.compare(VectorOperators.EQ, y));
            case NE -> ones(x.compare(VectorOperators.NE, y));
            case LT -> ones(x.compare(VectorOperators.LT, y));
            case LE -> ones(x.compare(VectorOperators.LE, y));
            case GT -> ones(x.compare(VectorOperators.GT, y));
            case GE -> ones(x.compare(VectorOperators.GE, y));
            case POW -> throw new AssertionError("no vector form for POW");
        };
    }

    private static FloatVector ones(VectorMask<Float> m) {
        return FloatVector.zero(F).blend(1f, m);
    }
}
