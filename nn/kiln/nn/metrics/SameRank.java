package kiln.nn.metrics;

import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Keras's {@code squeeze_or_expand_to_same_rank}: when two ranks differ by exactly one and the longer
 * ends in 1, that axis is squeezed, or, when the shorter is rank 1 and {@code expandRank1}, the
 * shorter gets a trailing 1 instead. Anything else is left alone.
 */
final class SameRank {
    private SameRank() {}

    static Tensor[] of(Tensor x1, Tensor x2, boolean expandRank1) {
        Shape[] s = shapes(x1.shape(), x2.shape(), expandRank1);
        return new Tensor[] {x1.reshape(s[0]), x2.reshape(s[1])};
    }

    /** y_true and y_pred as float32, rank-matched. */
    static Tensor[] floats(Tensor yTrue, Tensor yPred) {
        return of(yTrue.toFloat(), yPred.toFloat(), true);
    }

    static Tensor[] of(Tensor x1, Tensor x2) {
        return of(x1, x2, true);
    }

    /** The two shapes after matching (squeezing or expanding never moves data). */
    static Shape[] shapes(Shape a, Shape b, boolean expandRank1) {
        int r1 = a.rank();
        int r2 = b.rank();
        if (r1 == r2 + 1 && a.dim(r1 - 1) == 1) {
            if (r2 == 1 && expandRank1) {
                b = Shape.of(b.dim(0), 1);
            } else {
                a = drop(a);
            }
        }
        if (r2 == r1 + 1 && b.dim(r2 - 1) == 1) {
            if (r1 == 1 && expandRank1) {
                a = Shape.of(a.dim(0), 1);
            } else {
                b = drop(b);
            }
        }
        return new Shape[] {a, b};
    }

    static Shape drop(Shape s) {
        int[] d = new int[s.rank() - 1];
        System.arraycopy(s.dims(), 0, d, 0, d.length);
        return Shape.of(d);
    }

    /** Axes {@code from .. to-1}. */
    static int[] range(int from, int to) {
        int[] r = new int[Math.max(0, to - from)];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
