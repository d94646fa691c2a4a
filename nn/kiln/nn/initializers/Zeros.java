package kiln.nn.initializers;

import java.util.Map;

/** All zeros (Keras {@code Zeros}; "zeros", "zero"). */
public final class Zeros extends Constant {
    public Zeros() {
        super(0.0);
    }

    @Override
    public String className() {
        return "Zeros";
    }

    @Override
    public Map<String, Object> getConfig() {
        return new java.util.LinkedHashMap<>();
    }
}
