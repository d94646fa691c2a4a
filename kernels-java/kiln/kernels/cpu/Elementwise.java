package kiln.kernels.cpu;

import kiln.tensor.BinaryOp;
import kiln.tensor.UnaryOp;

/**
 * Row kernels for elementwise ops: {@code n} elements at (offset, stride) per operand. Dense rows
 * (stride 1, or stride 0 for a broadcast operand) go to the Vector API twin when it is enabled;
 * everything else, and the tails, run the scalar definitions of {@link ScalarMath}.
 */
final class Elementwise {
    private Elementwise() {}

    // y: n floats at (yo, ys); x: n floats at (xo, xs)
    static void unary(UnaryOp op, float alpha, float beta, float[] x, int xo, int xs, float[] y, int yo, int ys, int n) {
        if (xs == 1 && ys == 1 && Simd.enabled() && ElementwiseVector.supports(op)) {
            ElementwiseVector.unary(op, alpha, beta, x, xo, y, yo, n);
            return;
        }
        unaryScalar(op, alpha, beta, x, xo, xs, y, yo, ys, n);
    }

    static void unaryScalar(UnaryOp op, float alpha, float beta, float[] x, int xo, int xs, float[] y, int yo, int ys, int n) {
        switch (op) { // the hot ones get their own loop so the JIT sees a plain body
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i * ys] = Math.max(x[xo + i * xs], 0f);
                }
            }
            case MUL_SCALAR -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i * ys] = x[xo + i * xs] * alpha;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i * ys] = ScalarMath.unary(op, x[xo + i * xs], alpha, beta);
                }
            }
        }
    }

    // y += alpha * x, the product rounded first (no FMA: equal to a multiply then an add); x stride 0 broadcasts
    static void axpy(float alpha, float[] x, int xo, int xs, float[] y, int yo, int ys, int n) {
        int i = 0;
        if (xs == 1 && ys == 1 && Simd.enabled()) {
            i = ElementwiseVector.axpy(alpha, x, xo, y, yo, n);
        }
        for (; i < n; i++) {
            y[yo + i * ys] += x[xo + i * xs] * alpha;
        }
    }

    // c = a op b; each operand at (offset, stride); stride 0 is a broadcast operand
    static void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int cs, int n) {
        if (cs == 1 && (as == 1 || as == 0) && (bs == 1 || bs == 0) && Simd.enabled() && ElementwiseVector.supports(op)) {
            ElementwiseVector.binary(op, a, ao, as, b, bo, bs, c, co, n);
            return;
        }
        binaryScalar(op, a, ao, as, b, bo, bs, c, co, cs, n);
    }

    static void binaryScalar(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int cs, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    c[co + i * cs] = a[ao + i * as] + b[bo + i * bs];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    c[co + i * cs] = a[ao + i * as] * b[bo + i * bs];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    c[co + i * cs] = ScalarMath.binary(op, a[ao + i * as], b[bo + i * bs]);
                }
            }
        }
    }
}
