package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;

/**
 * {@code a ^ b} with broadcasting; gradients g·b·a^(b−1) and g·y·log(a). The exponent's gradient is
 * NaN for a &lt; 0 (log undefined), so it is computed only when the exponent requires grad — a constant
 * exponent (the usual {@code x.pow(2)}) works for any base.
 */
public final class Pow extends Op {
    private Tensor a;
    private Tensor b;
    private Tensor y;

    @Override protected Tensor forward(Tensor... in) {
        a = in[0];
        b = in[1];
        y = a.pow(b);
        return y;
    }

    @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor ga = needs[0] ? g.mul(b).mul(a.pow(b.sub(1f))) : null;
        Tensor gb = needs[1] ? g.mul(y).mul(a.log()) : null;
        return new Tensor[] {ga, gb};
    }
}
