package kiln.nn.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.tensor.Tensor;

/** Keras's base {@code Constraint} ("constraint"), which leaves the weight unchanged. */
final class IdentityConstraint implements Constraint {
    @Override
    public Tensor apply(Tensor w) {
        return w.toFloat().copy();
    }

    @Override
    public String className() {
        return "Constraint";
    }

    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }
}
