package kiln.nn.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.autograd.Variable;

/** {@code l2 · Σw²} — no ½ (Keras {@code L2}, default {@code l2=0.01}); gradient {@code 2·l2·w}. */
public final class L2 implements Regularizer {
    private final double l2;

    public L2() {
        this(0.01);
    }

    /** @throws IllegalArgumentException if {@code l2} is negative, NaN or infinite */
    public L2(double l2) {
        this.l2 = Factors.nonNegative("l2", l2);
    }

    @Override
    public Variable penalty(Variable w) {
        return w.square().sum().mul((float) l2);
    }

    @Override
    public String className() {
        return "L2";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("l2", l2);
        return m;
    }
}
