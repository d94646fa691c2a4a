package kiln.tensor;

import java.util.Arrays;

/** Shape rules of the matrix product (NumPy {@code matmul}); the arithmetic is {@link Backend#matmul}. */
final class MatMul {
    private MatMul() {}

    static Tensor matmul(Tensor a, Tensor b) {
        check(a, b);
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: operands must have rank >= 1, got shapes " + a.shape()
                    + " and " + b.shape() + " (use mul for scalars)");
        }
        // NumPy: a 1-D left operand is a row vector, a 1-D right operand a column vector; both dropped after.
        Tensor a2 = a.rank() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.rank() == 1 ? b.unsqueeze(-1) : b;
        checkInner(a, b, a2, b2);
        Shape batch = Shape.broadcast("matmul (batch dimensions of " + a.shape() + " and " + b.shape() + ")",
                batch(a2), batch(b2));
        int[] od = Arrays.copyOf(batch.dims(), batch.rank() + 2);
        od[batch.rank()] = a2.dim(-2);
        od[batch.rank() + 1] = b2.dim(-1);
        Tensor out = Tensor.uninitialized(DType.FLOAT32, Shape.of(od), a.device()); // beta = 0 writes all of it
        run(a2, b2, 1f, 0f, out, batch);
        if (b.rank() == 1) {
            out = out.squeeze(-1);
        }
        if (a.rank() == 1) {
            out = out.squeeze(-2 + (b.rank() == 1 ? 1 : 0));
        }
        return out;
    }

    static Tensor into(Tensor a, Tensor b, float alpha, float beta, Tensor out) {
        check(a, b);
        a.sameDevice("matmul", out);
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul: the out= form needs operands of rank >= 2, got "
                    + a.shape() + " and " + b.shape());
        }
        checkInner(a, b, a, b);
        if (out.rank() < 2 || out.dim(-2) != a.dim(-2) || out.dim(-1) != b.dim(-1)) {
            throw new IllegalArgumentException("matmul: out has shape " + out.shape() + ", expected (..., "
                    + a.dim(-2) + ", " + b.dim(-1) + ") for " + a.shape() + " @ " + b.shape());
        }
        Shape batch = batch(out);
        if (!batch(a).broadcastsTo(batch) || !batch(b).broadcastsTo(batch)) {
            throw new IllegalArgumentException("matmul: batch dimensions of " + a.shape() + " and " + b.shape()
                    + " do not broadcast to out's " + out.shape());
        }
        Tensor.checkOut("matmul", out, out.shape());
        run(a, b, alpha, beta, out, batch);
        return out;
    }

    private static void run(Tensor a, Tensor b, float alpha, float beta, Tensor out, Shape batch) {
        Tensor ea = a.broadcastTo(with(batch, a.dim(-2), a.dim(-1)));
        Tensor eb = b.broadcastTo(with(batch, b.dim(-2), b.dim(-1)));
        if (out.size() > 0) {
            a.backend().matmul(ea, eb, alpha, beta, out);
        }
    }

    private static void check(Tensor a, Tensor b) {
        a.requireFloat("matmul");
        b.requireFloat("matmul");
        a.sameDevice("matmul", b);
    }

    private static void checkInner(Tensor a, Tensor b, Tensor a2, Tensor b2) {
        if (a2.dim(-1) != b2.dim(-2)) {
            throw new IllegalArgumentException("matmul: shapes " + a.shape() + " and " + b.shape()
                    + " are incompatible: the first's last dimension (" + a2.dim(-1)
                    + ") must equal the second's " + (b.rank() == 1 ? "only" : "second-to-last")
                    + " dimension (" + b2.dim(-2) + ")");
        }
    }

    private static Shape batch(Tensor t) {
        return Shape.of(Arrays.copyOf(t.dims(), t.rank() - 2));
    }

    private static Shape with(Shape batch, int r, int c) {
        int[] d = Arrays.copyOf(batch.dims(), batch.rank() + 2);
        d[batch.rank()] = r;
        d[batch.rank() + 1] = c;
        return Shape.of(d);
    }
}
