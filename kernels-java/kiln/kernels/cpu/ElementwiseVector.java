package kiln.kernels.cpu;

import static kiln.kernels.cpu.VectorWidth.F;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import kiln.tensor.BinaryOp;
import kiln.tensor.UnaryOp;

/**
 * Vector API twins of {@link Elementwise} for dense rows. Loaded only when {@link Simd#enabled()}.
 * Each op has its own canonical loop ({@code F.loopBound(n)} full vectors, then the scalar tail):
 * with one shared loop calling a per-op helper, C2 does not inline the helper and every FloatVector
 * escapes to the heap (~1 MB per 64K-element call, measured). Transcendentals use the Vector API's
 * lanewise EXP/LOG/TANH (SVML-backed on x86), within a few ulp of {@link ScalarMath}; ops not
 * listed in {@link #supports} stay scalar.
 */
final class ElementwiseVector {
    private ElementwiseVector() {}

    static boolean supports(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, EXP, LOG, SQRT, SQUARE, RECIPROCAL, TANH, SIGMOID, RELU, LEAKY_RELU, CLIP, ADD_SCALAR, MUL_SCALAR, SILU, SOFTSIGN, HARD_SIGMOID, HARD_SILU -> true;
            default -> false;
        };
    }

    static boolean supports(BinaryOp op) {
        return op != BinaryOp.POW;
    }

    // y[yo..yo+n) = op(x[xo..xo+n))
    static void unary(UnaryOp op, float alpha, float beta, float[] x, int xo, float[] y, int yo, int n) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        FloatVector one = FloatVector.broadcast(F, 1f);
        switch (op) {
            case NEG -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.neg().intoArray(y, yo + i);
                }
            }
            case ABS -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.abs().intoArray(y, yo + i);
                }
            }
            case EXP -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.lanewise(VectorOperators.EXP).intoArray(y, yo + i);
                }
            }
            case LOG -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.lanewise(VectorOperators.LOG).intoArray(y, yo + i);
                }
            }
            case SQRT -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.sqrt().intoArray(y, yo + i);
                }
            }
            case SQUARE -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.mul(v).intoArray(y, yo + i);
                }
            }
            case RECIPROCAL -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    one.div(v).intoArray(y, yo + i);
                }
            }
            case TANH -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.lanewise(VectorOperators.TANH).intoArray(y, yo + i);
                }
            }
            case SIGMOID -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    one.div(v.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(y, yo + i);
                }
            }
            case RELU -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.max(0f).intoArray(y, yo + i);
                }
            }
            case LEAKY_RELU -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.blend(v.mul(alpha), v.compare(VectorOperators.LE, 0f)).intoArray(y, yo + i);
                }
            }
            case CLIP -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.max(alpha).min(beta).intoArray(y, yo + i);
                }
            }
            case ADD_SCALAR -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.add(alpha).intoArray(y, yo + i);
                }
            }
            case MUL_SCALAR -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.mul(alpha).intoArray(y, yo + i);
                }
            }
            case SILU -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.div(v.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(y, yo + i);
                }
            }
            case SOFTSIGN -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.div(v.abs().add(1f)).intoArray(y, yo + i);
                }
            }
            case HARD_SIGMOID -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.add(3f).max(0f).min(6f).div(6f).intoArray(y, yo + i);
                }
            }
            case HARD_SILU -> {
                for (; i < upper; i += step) {
                    FloatVector v = FloatVector.fromArray(F, x, xo + i);
                    v.mul(v.add(3f).max(0f).min(6f).div(6f)).intoArray(y, yo + i);
                }
            }
            default -> throw new AssertionError("no vector form for " + op);
        }
        Elementwise.unaryScalar(op, alpha, beta, x, xo + i, 1, y, yo + i, 1, n - i);
    }

    // y[yo..) += alpha * x[xo..) over whole vectors; returns how many elements were done (the caller does the tail)
    static int axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += step) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i).mul(alpha);
            FloatVector.fromArray(F, y, yo + i).add(v).intoArray(y, yo + i);
        }
        return i;
    }

    // c[co..co+n) = a op b, where a and b have stride 1 or 0 (broadcast); never both 0
    static void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        // Separate loops for dense and broadcast operands: a vector chosen by a conditional inside the
        // loop (fromArray or a broadcast constant) defeats escape analysis and is boxed every step.
        if (as == 0 && bs == 0) { // one value repeated: nothing to vectorize
            Elementwise.binaryScalar(op, a, ao, 0, b, bo, 0, c, co, 1, n);
            return;
        }
        int i = as == 0 ? broadcastA(op, a[ao], b, bo, c, co, n)
                : bs == 0 ? broadcastB(op, a, ao, b[bo], c, co, n)
                : dense(op, a, ao, b, bo, c, co, n);
        Elementwise.binaryScalar(op, a, ao + i * as, as, b, bo + i * bs, bs, c, co + i, 1, n - i);
    }

    private static int dense(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        FloatVector zero = FloatVector.zero(F);
        switch (op) {
            case ADD -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.add(y).intoArray(c, co + i);
                }
            }
            case SUB -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.sub(y).intoArray(c, co + i);
                }
            }
            case MUL -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.mul(y).intoArray(c, co + i);
                }
            }
            case DIV -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.div(y).intoArray(c, co + i);
                }
            }
            case MAXIMUM -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.max(y).intoArray(c, co + i);
                }
            }
            case MINIMUM -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.min(y).intoArray(c, co + i);
                }
            }
            case RELU_GRAD -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.blend(0f, y.compare(VectorOperators.GT, 0f).not()).intoArray(c, co + i);
                }
            }
            case EQ -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.EQ, y)).intoArray(c, co + i);
                }
            }
            case NE -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.NE, y)).intoArray(c, co + i);
                }
            }
            case LT -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.LT, y)).intoArray(c, co + i);
                }
            }
            case LE -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.LE, y)).intoArray(c, co + i);
                }
            }
            case GT -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.GT, y)).intoArray(c, co + i);
                }
            }
            case GE -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.GE, y)).intoArray(c, co + i);
                }
            }
            default -> throw new AssertionError("no vector form for " + op);
        }
        return i;
    }

    private static int broadcastA(BinaryOp op, float sa, float[] b, int bo, float[] c, int co, int n) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        FloatVector zero = FloatVector.zero(F);
        switch (op) {
            case ADD -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.add(y).intoArray(c, co + i);
                }
            }
            case SUB -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.sub(y).intoArray(c, co + i);
                }
            }
            case MUL -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.mul(y).intoArray(c, co + i);
                }
            }
            case DIV -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.div(y).intoArray(c, co + i);
                }
            }
            case MAXIMUM -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.max(y).intoArray(c, co + i);
                }
            }
            case MINIMUM -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.min(y).intoArray(c, co + i);
                }
            }
            case RELU_GRAD -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    x.blend(0f, y.compare(VectorOperators.GT, 0f).not()).intoArray(c, co + i);
                }
            }
            case EQ -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.EQ, y)).intoArray(c, co + i);
                }
            }
            case NE -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.NE, y)).intoArray(c, co + i);
                }
            }
            case LT -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.LT, y)).intoArray(c, co + i);
                }
            }
            case LE -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.LE, y)).intoArray(c, co + i);
                }
            }
            case GT -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.GT, y)).intoArray(c, co + i);
                }
            }
            case GE -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.broadcast(F, sa);
                    FloatVector y = FloatVector.fromArray(F, b, bo + i);
                    zero.blend(1f, x.compare(VectorOperators.GE, y)).intoArray(c, co + i);
                }
            }
            default -> throw new AssertionError("no vector form for " + op);
        }
        return i;
    }

    private static int broadcastB(BinaryOp op, float[] a, int ao, float sb, float[] c, int co, int n) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        FloatVector zero = FloatVector.zero(F);
        switch (op) {
            case ADD -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    x.add(y).intoArray(c, co + i);
                }
            }
            case SUB -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    x.sub(y).intoArray(c, co + i);
                }
            }
            case MUL -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    x.mul(y).intoArray(c, co + i);
                }
            }
            case DIV -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    x.div(y).intoArray(c, co + i);
                }
            }
            case MAXIMUM -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    x.max(y).intoArray(c, co + i);
                }
            }
            case MINIMUM -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    x.min(y).intoArray(c, co + i);
                }
            }
            case RELU_GRAD -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    x.blend(0f, y.compare(VectorOperators.GT, 0f).not()).intoArray(c, co + i);
                }
            }
            case EQ -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    zero.blend(1f, x.compare(VectorOperators.EQ, y)).intoArray(c, co + i);
                }
            }
            case NE -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    zero.blend(1f, x.compare(VectorOperators.NE, y)).intoArray(c, co + i);
                }
            }
            case LT -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    zero.blend(1f, x.compare(VectorOperators.LT, y)).intoArray(c, co + i);
                }
            }
            case LE -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    zero.blend(1f, x.compare(VectorOperators.LE, y)).intoArray(c, co + i);
                }
            }
            case GT -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    zero.blend(1f, x.compare(VectorOperators.GT, y)).intoArray(c, co + i);
                }
            }
            case GE -> {
                for (; i < upper; i += step) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    FloatVector y = FloatVector.broadcast(F, sb);
                    zero.blend(1f, x.compare(VectorOperators.GE, y)).intoArray(c, co + i);
                }
            }
            default -> throw new AssertionError("no vector form for " + op);
        }
        return i;
    }
}
