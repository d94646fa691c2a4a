package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Functions;
import kiln.autograd.Variable;

/** (B, d1, d2, ...) → (B, d1·d2·...), row-major; a (B,) input gives (B, 1) (Keras {@code Flatten}). */
public final class Flatten extends Layer {
    public Flatten(String name) {
        super(name);
    }

    public Flatten() {
        this(null);
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        int b = x.value().dim(0);
        int rest = b == 0 ? 0 : x.value().size() / b;
        return Functions.reshape(x, b, rest);
    }

    @Override
    protected int[] computeOutputShape(int[] in) {
        long n = 1;
        boolean unknown = false;
        for (int i = 1; i < in.length; i++) {
            unknown |= in[i] < 0;
            n *= Math.max(in[i], 0);
        }
        return new int[] {in[0], unknown ? -1 : (int) n};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("data_format", "channels_last");
        return m;
    }
}
