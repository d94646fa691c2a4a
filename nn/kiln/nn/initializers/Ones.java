package kiln.nn.initializers;

import java.util.Map;

/** All ones (Keras {@code Ones}; "ones", "one"). */
public final class Ones extends Constant {
    public Ones() {
        super(1.0);
    }

    @Override
    public String className() {
        return "Ones";
    }

    @Override
    public Map<String, Object> getConfig() {
        return new java.util.LinkedHashMap<>();
    }
}
