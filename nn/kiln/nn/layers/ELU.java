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
        // Keras's ELU puts alpha right after the name
        Map<String, Object> base = baseConfig();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", base.remove("name"));
        m.put("alpha", alpha);
        m.putAll(base);
        return m;
    }
}
