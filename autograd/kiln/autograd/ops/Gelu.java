package kiln.autograd.ops;

import kiln.tensor.Tensor;

/**
 * GELU, exact {@code x·Φ(x)} or (approximate) the tanh form {@code ½x(1 + tanh(√(2/π)(x + 0.044715x³)))}.
 * Derivatives: exact Φ(x) + x·φ(x); tanh form ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²).
 */
public final class Gelu extends Pointwise {
    private static final float INV_SQRT_2 = 0.70710678f;
    private static final float INV_SQRT_2PI = 0.39894228f;
    private static final float SQRT_2_OVER_PI = 0.7978845608f;
    private static final float K = 0.044715f;
    private final boolean approximate;

    public Gelu(boolean approximate) {
        this.approximate = approximate;
    }

    @Override public String name() { return approximate ? "GeluTanh" : "Gelu"; }
    @Override protected Tensor value(Tensor x) { return x.gelu(approximate); }

    @Override protected Tensor derivative(Tensor x, Tensor y) {
        if (!approximate) {
            Tensor cdf = x.mul(INV_SQRT_2).erf().add(1f).mul(0.5f);
            Tensor pdf = x.square().mul(-0.5f).exp().mul(INV_SQRT_2PI);
            return cdf.add(x.mul(pdf));
        }
        Tensor x2 = x.square();
        Tensor t = x.mul(x2.mul(K).add(1f)).mul(SQRT_2_OVER_PI).tanh();
        Tensor du = x2.mul(3 * K).add(1f).mul(SQRT_2_OVER_PI);
        return t.add(1f).mul(0.5f).add(x.mul(0.5f).mul(c(x, 1f).sub(t.square())).mul(du));
    }
}
