package kiln.nn.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code MinMaxNorm}: moves each slice's L2 norm n (along {@code axis}) towards [min, max]:
 * w · d / (ε + n) with d = rate · clip(n, min, max) + (1 − rate) · n, ε = 1e-7. rate = 1 enforces the
 * bounds at once; a smaller rate moves part of the way at each step.
 */
public final class MinMaxNorm implements Constraint {
    private final double minValue;
    private final double maxValue;
    private final double rate;
    private final int[] axes;
    private final boolean singleAxis;

    public MinMaxNorm(double minValue, double maxValue, double rate, int... axes) {
        this(minValue, maxValue, rate, axes.length == 0 ? new int[] {0} : axes, axes.length <= 1);
    }

    MinMaxNorm(double minValue, double maxValue, double rate, int[] axes, boolean singleAxis) {
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.rate = rate;
        this.axes = axes.clone();
        this.singleAxis = singleAxis;
    }

    /** min_value=0.0, max_value=1.0, rate=1.0, axis=0. */
    public MinMaxNorm() {
        this(0.0, 1.0, 1.0, 0);
    }

    @Override
    public Tensor apply(Tensor w) {
        Tensor norms = Norms.of("MinMaxNorm", w, axes);
        // float32 as Keras: rate · clip(...) and (1 − rate) (computed in double, then float32) · n
        Tensor desired = Norms.clip(norms, minValue, maxValue).mul((float) rate).add(norms.mul((float) (1 - rate)));
        return Norms.scale(w, desired, norms);
    }

    @Override
    public String className() {
        return "MinMaxNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min_value", minValue);
        m.put("max_value", maxValue);
        m.put("rate", rate);
        m.put("axis", Norms.configAxis(axes, singleAxis));
        return m;
    }
}
