package kiln.nn.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * Keras {@code UnitNorm}: w / (ε + n), n = sqrt(Σ_axis w²), ε = 1e-7: each slice along {@code axis}
 * gets (almost exactly) unit L2 norm; an all-zero slice stays zero.
 */
public final class UnitNorm implements Constraint {
    private final int[] axes;
    private final boolean singleAxis;

    public UnitNorm(int... axes) {
        this(axes.length == 0 ? new int[] {0} : axes, axes.length <= 1);
    }

    UnitNorm(int[] axes, boolean singleAxis) {
        this.axes = axes.clone();
        this.singleAxis = singleAxis;
    }

    /** axis=0. */
    public UnitNorm() {
        this(0);
    }

    @Override
    public Tensor apply(Tensor w) {
        Tensor norms = Norms.of("UnitNorm", w, axes);
        return w.toFloat().div(norms.add(Norms.EPSILON));
    }

    @Override
    public String className() {
        return "UnitNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("axis", Norms.configAxis(axes, singleAxis));
        return m;
    }
}
