package kiln.nn.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.autograd.Variable;
import kiln.tensor.Tensor;

/**
 * {@code l1·Σ|w| + l2·Σw²}, a term with a zero factor skipped (Keras {@code L1L2}, defaults
 * {@code l1=0.0, l2=0.0} — so {@code new L1L2()} is no penalty, unlike tf.keras 2's {@code l1_l2()}).
 */
public final class L1L2 implements Regularizer {
    private final double l1;
    private final double l2;

    public L1L2() {
        this(0.0, 0.0);
    }

    /** @throws IllegalArgumentException if a factor is negative, NaN or infinite */
    public L1L2(double l1, double l2) {
        this.l1 = Factors.nonNegative("l1", l1);
        this.l2 = Factors.nonNegative("l2", l2);
    }

    @Override
    public Variable penalty(Variable w) {
        Variable total = null;
        if (l1 != 0.0) {
            total = w.abs().sum().mul((float) l1);
        }
        if (l2 != 0.0) {
            Variable t = w.square().sum().mul((float) l2);
            total = total == null ? t : total.add(t);
        }
        return total != null ? total : Variable.constant(Tensor.scalar(0f));
    }

    @Override
    public String className() {
        return "L1L2";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("l1", l1);
        m.put("l2", l2);
        return m;
    }
}
