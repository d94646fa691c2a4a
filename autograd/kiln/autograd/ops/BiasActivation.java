package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * Dense's tail {@code act(x + bias)} in one fused pass (bias of shape (units) broadcast over the leading
 * axes); {@code act} null is linear. Backward reuses the activation's own derivative ({@link Pointwise}):
 * from the saved output for relu, sigmoid, tanh, exp; from the pre-activation, recomputed as x + bias,
 * for the others. The bias gradient is the same tensor, summed over the leading axes by the engine.
 */
public final class BiasActivation extends Op {
    private final UnaryOp act;
    private final float alpha;
    private Tensor x;
    private Tensor bias;
    private Tensor y;

    public BiasActivation(UnaryOp act, float alpha) {
        if (act != null) {
            Pointwise.of(act, alpha); // fail now, not at backward, for an activation with no derivative
        }
        this.act = act;
        this.alpha = alpha;
    }

    @Override public String name() { return "BiasActivation(" + (act == null ? "linear" : act) + ")"; }

    @Override protected Tensor forward(Tensor... in) {
        x = in[0];
        bias = in[1];
        if (act == null && (x.rank() < 1 || bias.rank() != 1 || bias.size() != x.shape().last())) {
            throw new IllegalArgumentException("biasActivation: bias of shape " + bias.shape()
                    + " does not match the last dimension of " + x.shape());
        }
        y = act == null ? x.add(bias) : x.biasActivation(bias, act, alpha);
        return y;
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor d = g;
        if (act != null) {
            Pointwise f = Pointwise.of(act, alpha);
            d = f.grad(g, f.usesInput() ? x.add(bias) : null, y);
        }
        return new Tensor[] {needs[0] ? d : null, needs[1] ? d : null};
    }
}
