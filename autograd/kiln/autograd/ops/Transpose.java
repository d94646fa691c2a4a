package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/** Reorders axes (result axis i is input axis perm[i]); the gradient is permuted by the inverse. */
public final class Transpose extends Op {
    private final int[] perm;
    private int[] inverse;

    public Transpose(int... perm) {
        this.perm = perm.clone();
    }

    @Override protected Tensor forward(Tensor... in) {
        Tensor y = in[0].permute(perm); // validates perm
        inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[in[0].shape().axis(perm[i])] = i;
        }
        return y;
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? g.permute(inverse) : null};
    }
}
