package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/**
 * Matrix product with NumPy semantics (1-D operands, broadcast batch dimensions). Gradients
 * {@code dA = g·Bᵀ} and {@code dB = Aᵀ·g}, read through transposed views (no copies); a frozen operand
 * ({@code needs[i] == false}) costs no GEMM. Batch broadcasting is undone by the engine's sum. A
 * weight's gradient is written into the engine's {@link #gradientBuffer} when it offers one.
 */
public final class MatMul extends Op {
    private Tensor a;
    private Tensor b;

    @Override protected Tensor forward(Tensor... in) {
        a = in[0];
        b = in[1];
        return a.matmul(b);
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        // Work on the 2-D (or batched) forms NumPy gives 1-D operands, then drop the added axis again.
        Tensor a2 = a.rank() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.rank() == 1 ? b.unsqueeze(-1) : b;
        Tensor g2 = g;
        if (a.rank() == 1) {
            g2 = g2.unsqueeze(b.rank() == 1 ? 0 : -2);
        }
        if (b.rank() == 1) {
            g2 = g2.unsqueeze(-1);
        }
        Tensor ga = null;
        Tensor gb = null;
        if (needs[0]) {
            ga = product(g2, b2.transpose(-1, -2), gradientBuffer(0));
            ga = a.rank() == 1 ? ga.squeeze(-2) : ga;
        }
        if (needs[1]) {
            gb = product(a2.transpose(-1, -2), g2, gradientBuffer(1));
            gb = b.rank() == 1 ? gb.squeeze(-1) : gb;
        }
        return new Tensor[] {ga, gb};
    }

    /** x·y, written into the engine's buffer when there is one of the product's shape (a weight's gradient). */
    private static Tensor product(Tensor x, Tensor y, Tensor into) {
        if (into != null && x.rank() == 2 && y.rank() == 2 && into.rank() == 2
                && into.dim(0) == x.dim(0) && into.dim(1) == y.dim(1)) {
            return Tensor.matmul(x, y, 1f, 0f, into);
        }
        return x.matmul(y);
    }
}
