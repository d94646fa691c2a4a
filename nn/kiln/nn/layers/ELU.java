package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Variable;

/** Keras {@code ELU(alpha=1.0)}: x for x &gt; 0, alpha·(exp(x) − 1) otherwise. */
public final class ELU extends Layer {
    private final double alpha;

    public ELU(double alpha, String name) {
        super(name);
        this.alpha = alpha;
    }

    public ELU() {
        this(1.0, null);
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        return x.elu((float) alpha);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("alpha", alpha);
        return m;
    }
}
