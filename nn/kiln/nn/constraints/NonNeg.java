package kiln.nn.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.tensor.Tensor;

/** Keras {@code NonNeg}: max(w, 0). Its config is empty. */
public final class NonNeg implements Constraint {
    @Override
    public Tensor apply(Tensor w) {
        Tensor f = w.toFloat();
        return f.maximum(f.scalarLike(0f));
    }

    @Override
    public String className() {
        return "NonNeg";
    }

    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }
}
