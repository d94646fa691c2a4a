package kiln.autograd.ops;

import kiln.tensor.Tensor;

/**
 * {@code min(max(x, lo), hi)}. The gradient passes where {@code lo <= x <= hi}, bounds included, as
 * TensorFlow's {@code clip_by_value} gradient (zero only where x is strictly outside).
 */
public final class Clip extends Pointwise {
    private final float lo;
    private final float hi;

    /** @throws IllegalArgumentException unless lo &lt;= hi */
    public Clip(float lo, float hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clip: lo must be <= hi, got lo=" + lo + " hi=" + hi);
        }
        this.lo = lo;
        this.hi = hi;
    }

    @Override protected Tensor value(Tensor x) { return x.clip(lo, hi); }
    @Override protected Tensor derivative(Tensor x, Tensor y) {
        return x.ge(c(x, lo)).mul(x.le(c(x, hi)));
    }
}
