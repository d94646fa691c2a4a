package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.DType;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Per-sample sparse cross-entropy of predictions (n, c), logits or probabilities, against class ids (n), int32 or
 * float32 as given. Output (n). From logits {@code −log softmax(z)_l}; from probabilities Keras's
 * {@code −log clip(p_l / Σp, ε, 1 − ε)}. A label equal to {@code ignoreClass} gives 0, any other label that is
 * not a class id gives NaN; neither passes a gradient. The backend checks the labels where they are, so labels
 * on a GPU are never read back. Fused: forward computes the loss and the gradient of its sum in one pass
 * ({@link kiln.tensor.Backend#sparseCrossEntropy} has the formulas), backward scales that by g.
 */
public final class SparseCrossEntropy extends Op {
    private final Tensor labels;
    private final boolean fromLogits;
    private final float epsilon;
    private final Integer ignoreClass;
    private Tensor grad;

    public SparseCrossEntropy(Tensor labels, boolean fromLogits, float epsilon, Integer ignoreClass) {
        this.labels = labels;
        this.fromLogits = fromLogits;
        this.epsilon = epsilon;
        this.ignoreClass = ignoreClass;
    }

    @Override protected Tensor forward(Tensor... in) {
        Tensor z = in[0];
        check(z, labels);
        Tensor loss = Tensor.uninitialized(DType.FLOAT32, Shape.of(z.dim(0)), z.device());
        grad = recording() ? Tensor.uninitialized(DType.FLOAT32, z.shape(), z.device()) : null; // every element written
        z.backend().sparseCrossEntropy(z, labels, fromLogits, epsilon, ignoreClass, loss, grad);
        return loss;
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? grad.mul(g.unsqueeze(-1)) : null};
    }

    private static void check(Tensor z, Tensor t) {
        if (z.rank() != 2 || z.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("sparseCrossEntropy: predictions must be float32 of shape (n, classes), "
                    + "got " + z.dtype() + " " + z.shape());
        }
        if (!t.shape().equals(Shape.of(z.dim(0)))) {
            throw new IllegalArgumentException("sparseCrossEntropy: labels must be int32 or float32 class ids of shape ["
                    + z.dim(0) + "] for predictions " + z.shape() + ", got " + t.dtype() + " " + t.shape());
        }
        if (!z.device().equals(t.device())) {
            throw new IllegalArgumentException("sparseCrossEntropy: predictions are on " + z.device()
                    + " but labels on " + t.device());
        }
    }
}
