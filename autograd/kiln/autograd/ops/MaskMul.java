package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/**
 * {@code x · mask} for a fixed mask (dropout: 0 or 1/(1 − rate), drawn once per step); the gradient is
 * g · mask. The mask may broadcast against x (Keras's {@code noise_shape}).
 */
public final class MaskMul extends Op {
    private final Tensor mask;

    public MaskMul(Tensor mask) {
        this.mask = mask;
    }

    @Override protected Tensor forward(Tensor... in) { return in[0].mul(mask); }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? g.mul(mask) : null};
    }
}
