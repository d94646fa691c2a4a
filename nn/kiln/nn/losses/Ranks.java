package kiln.nn.losses;

import kiln.autograd.Functions;
import kiln.autograd.Variable;
import kiln.tensor.DType;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Shape bookkeeping shared by the losses: Keras's {@code squeeze_or_expand_to_same_rank} (when two ranks
 * differ by exactly one and the longer ends in 1, that axis is squeezed — or, when the shorter is rank 1, a
 * trailing 1 is added to it instead), and the checks that turn a shape mismatch into an error naming the loss.
 */
final class Ranks {
    private Ranks() {}

    /** The two shapes after matching (reshapes only; no data moves). */
    static Shape[] match(Shape a, Shape b) {
        int r1 = a.rank();
        int r2 = b.rank();
        if (r1 == r2 + 1 && a.dim(r1 - 1) == 1) {
            if (r2 == 1) {
                b = Shape.of(b.dim(0), 1);
            } else {
                a = dropLast(a);
            }
        }
        if (r2 == r1 + 1 && b.dim(r2 - 1) == 1) {
            if (r1 == 1) {
                a = Shape.of(a.dim(0), 1);
            } else {
                b = dropLast(b);
            }
        }
        return new Shape[] {a, b};
    }

    static Variable[] match(Variable a, Variable b) {
        Shape[] s = match(a.shape(), b.shape());
        return new Variable[] {reshape(a, s[0]), reshape(b, s[1])};
    }

    static Variable reshape(Variable v, Shape s) {
        return v.shape().equals(s) ? v : Functions.reshape(v, s.dims());
    }

    static Shape dropLast(Shape s) {
        int[] d = new int[s.rank() - 1];
        System.arraycopy(s.dims(), 0, d, 0, d.length);
        return Shape.of(d);
    }

    /** y as float32 (Keras converts both y_true and y_pred to the loss dtype first). */
    static Variable floats(Variable y) {
        return y.value().dtype() == DType.FLOAT32 ? y : Variable.constant(y.value().toFloat());
    }

    /** A rank-0 constant on like's device. */
    static Variable c(Variable like, float v) {
        return Variable.constant(like.value().scalarLike(v));
    }

    /**
     * y_true and y_pred, rank-matched, that must broadcast elementwise with equal ranks (each dimension equal
     * or 1). Keras would broadcast (n,) against (n, c) along the wrong axis, or fail deep in the backend.
     */
    static Variable[] elementwise(String loss, Variable yTrue, Variable yPred) {
        Variable[] m = match(floats(yTrue), yPred);
        Shape a = m[0].shape();
        Shape b = m[1].shape();
        boolean ok = a.rank() == b.rank();
        for (int i = 0; ok && i < a.rank(); i++) {
            ok = a.dim(i) == b.dim(i) || a.dim(i) == 1 || b.dim(i) == 1;
        }
        if (!ok) {
            throw mismatch(loss, yTrue.shape(), yPred.shape(), "must have the same rank and broadcastable dimensions");
        }
        return m;
    }

    /** As {@link #elementwise} but requiring identical shapes (the cross-entropies, as Keras). */
    static Variable[] identical(String loss, Variable yTrue, Variable yPred) {
        Variable[] m = match(floats(yTrue), yPred);
        if (!m[0].shape().equals(m[1].shape())) {
            throw mismatch(loss, yTrue.shape(), yPred.shape(), "must have the same shape");
        }
        if (m[1].shape().rank() < 1) {
            throw mismatch(loss, yTrue.shape(), yPred.shape(), "must be at least rank 1");
        }
        return m;
    }

    static IllegalArgumentException mismatch(String loss, Shape t, Shape p, String what) {
        return new IllegalArgumentException(loss + ": y_true and y_pred " + what + ". Received: y_true.shape=" + t
                + ", y_pred.shape=" + p);
    }

    /** The non-negative index of {@code axis} in a rank-{@code rank} tensor. */
    static int axis(String loss, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(loss + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    static float[] floatsOf(Tensor t) {
        return t.toFloat().toFloatArray();
    }
}
