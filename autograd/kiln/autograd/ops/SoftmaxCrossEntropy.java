package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.DType;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Per-sample softmax cross-entropy of logits (n, c) against targets: int32 class indices (n) or float32
 * distributions (n, c). Output (n): {@code −Σ_j t_j log softmax(z)_j}. Fused for stability and speed:
 * the backend computes the loss and {@code softmax(z) − t} in one pass, and backward only scales that
 * by g. Targets are data, not differentiable. For dense targets the gradient is {@code softmax − t},
 * exact when each row of t sums to 1 (TensorFlow's softmax_cross_entropy_with_logits makes the same
 * assumption).
 */
public final class SoftmaxCrossEntropy extends Op {
    private final Tensor targets;
    private Tensor grad;

    public SoftmaxCrossEntropy(Tensor targets) {
        this.targets = targets;
    }

    @Override protected Tensor forward(Tensor... in) {
        Tensor z = in[0];
        check(z, targets);
        Tensor loss = Tensor.uninitialized(DType.FLOAT32, Shape.of(z.dim(0)), z.device());
        grad = recording() ? z.zerosLike() : null; // no gradient pass at all in inference
        z.backend().softmaxCrossEntropy(z, targets, loss, grad);
        return loss;
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? grad.mul(g.unsqueeze(-1)) : null};
    }

    private static void check(Tensor z, Tensor t) {
        if (z.rank() != 2 || z.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("softmaxCrossEntropy: logits must be float32 of shape (n, classes), got "
                    + z.dtype() + " " + z.shape());
        }
        boolean sparse = t.dtype() == DType.INT32 && t.shape().equals(Shape.of(z.dim(0)));
        boolean dense = t.dtype() == DType.FLOAT32 && t.shape().equals(z.shape());
        if (!sparse && !dense) {
            throw new IllegalArgumentException("softmaxCrossEntropy: targets must be int32 labels of shape ["
                    + z.dim(0) + "] or float32 distributions of shape " + z.shape() + " for logits " + z.shape()
                    + ", got " + t.dtype() + " " + t.shape());
        }
        if (!z.device().equals(t.device())) {
            throw new IllegalArgumentException("softmaxCrossEntropy: logits are on " + z.device() + " but targets on "
                    + t.device());
        }
    }
}
