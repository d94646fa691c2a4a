package kiln.nn.optimizers.schedules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * values[0] while step ≤ boundaries[0], values[i] while boundaries[i−1] &lt; step ≤ boundaries[i],
 * values[last] after: a step equal to a boundary still gets the earlier value, as Keras.
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
    private final long[] boundaries;
    private final double[] values;
    private final String name;

    public PiecewiseConstantDecay(long[] boundaries, double[] values, String name) {
        if (boundaries.length != values.length - 1) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: the length of boundaries should be 1 less than "
                    + "the length of values. Received: boundaries=" + Arrays.toString(boundaries) + " of length "
                    + boundaries.length + ", and values=" + Arrays.toString(values) + " of length " + values.length + ".");
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
        this.name = name;
    }

    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        this(boundaries, values, "PiecewiseConstant");
    }

    @Override
    public float apply(long step) {
        for (int i = 0; i < boundaries.length; i++) {
            if (step <= boundaries[i]) {
                return (float) values[i];
            }
        }
        return (float) values[values.length - 1];
    }

    @Override
    public String className() {
        return "PiecewiseConstantDecay";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> b = new ArrayList<>();
        for (long x : boundaries) {
            b.add(x);
        }
        List<Object> v = new ArrayList<>();
        for (double x : values) {
            v.add(x);
        }
        m.put("boundaries", b);
        m.put("values", v);
        m.put("name", name);
        return m;
    }
}
