package kiln.nn.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code MaxNorm}: rescales each slice along {@code axis} whose L2 norm exceeds
 * {@code maxValue} down to it: w · clip(n, 0, max) / (ε + n), n = sqrt(Σ_axis w²), ε = 1e-7 (so
 * slices within the bound shrink by the factor n/(ε + n), as in Keras). With the default axis 0 on a
 * Dense kernel (in, out) each unit's incoming weights are bounded; for Conv2D kernels use
 * axis {0, 1, 2}.
 */
public final class MaxNorm implements Constraint {
    private final Number maxValue;
    private final int[] axes;
    private final boolean singleAxis;

    /**
     * @param maxValue kept as given for the config (Keras's default is the int 2, shown as {@code 2})
     * @param axes the axes the norm runs over (default 0)
     */
    public MaxNorm(Number maxValue, int... axes) {
        this(maxValue, axes.length == 0 ? new int[] {0} : axes, axes.length <= 1);
    }

    MaxNorm(Number maxValue, int[] axes, boolean singleAxis) {
        this.maxValue = maxValue;
        this.axes = axes.clone();
        this.singleAxis = singleAxis;
    }

    /** max_value=2, axis=0. */
    public MaxNorm() {
        this(2, 0);
    }

    @Override
    public Tensor apply(Tensor w) {
        Tensor norms = Norms.of("MaxNorm", w, axes);
        return Norms.scale(w, Norms.clip(norms, 0, maxValue.doubleValue()), norms);
    }

    @Override
    public String className() {
        return "MaxNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_value", maxValue);
        m.put("axis", Norms.configAxis(axes, singleAxis));
        return m;
    }
}
