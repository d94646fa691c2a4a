package kiln.nn.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.autograd.Variable;

/**
 * {@code l1 · Σ|w|} (Keras {@code L1}, default {@code l1=0.01}); gradient {@code l1·sign(w)}.
 * Keras keeps l1 as a float32 tensor, so its config reports the float32 value (0.01 → 0.009999999776482582).
 */
public final class L1 implements Regularizer {
    private final float l1;

    public L1() {
        this(0.01);
    }

    /** @throws IllegalArgumentException if {@code l1} is negative, NaN or infinite */
    public L1(double l1) {
        this.l1 = (float) Factors.nonNegative("l1", l1);
    }

    @Override
    public Variable penalty(Variable w) {
        return w.abs().sum().mul(l1);
    }

    @Override
    public String className() {
        return "L1";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("l1", (double) l1);
        return m;
    }
}
