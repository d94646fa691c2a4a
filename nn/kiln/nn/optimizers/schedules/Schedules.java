package kiln.nn.optimizers.schedules;

import java.util.Map;
import kiln.nn.saving.Config;
import kiln.nn.saving.Registry;

/** Rebuilds schedules from their Keras class name and config ({@code keras.optimizers.schedules.deserialize}). */
public final class Schedules {
    private static final Registry<LearningRateSchedule> REGISTRY = new Registry<LearningRateSchedule>("schedule")
            .add("ExponentialDecay", null, c -> new ExponentialDecay(c.getDouble("initial_learning_rate", 0),
                    c.getInt("decay_steps", 0), c.getDouble("decay_rate", 0), c.getBoolean("staircase", false),
                    c.getString("name", "ExponentialDecay")))
            .add("InverseTimeDecay", null, c -> new InverseTimeDecay(c.getDouble("initial_learning_rate", 0),
                    c.getInt("decay_steps", 0), c.getDouble("decay_rate", 0), c.getBoolean("staircase", false),
                    c.getString("name", "InverseTimeDecay")))
            .add("PiecewiseConstantDecay", null, Schedules::piecewise)
            .add("PolynomialDecay", null, c -> new PolynomialDecay(c.getDouble("initial_learning_rate", 0),
                    c.getInt("decay_steps", 0), c.getDouble("end_learning_rate", 0.0001), c.getDouble("power", 1.0),
                    c.getBoolean("cycle", false), c.getString("name", "PolynomialDecay")))
            .add("CosineDecay", null, c -> new CosineDecay(c.getDouble("initial_learning_rate", 0),
                    c.getInt("decay_steps", 0), c.getDouble("alpha", 0.0), c.getString("name", "CosineDecay"),
                    c.getDoubleOrNull("warmup_target"), c.getInt("warmup_steps", 0)))
            .add("CosineDecayRestarts", null, c -> new CosineDecayRestarts(c.getDouble("initial_learning_rate", 0),
                    c.getInt("first_decay_steps", 0), c.getDouble("t_mul", 2.0), c.getDouble("m_mul", 1.0),
                    c.getDouble("alpha", 0.0), c.getString("name", "SGDRDecay")));

    private Schedules() {}

    private static PiecewiseConstantDecay piecewise(Config c) {
        double[] b = c.getDoubles("boundaries");
        long[] lb = new long[b.length];
        for (int i = 0; i < b.length; i++) {
            lb[i] = (long) b[i];
        }
        return new PiecewiseConstantDecay(lb, c.getDoubles("values"), c.getString("name", "PiecewiseConstant"));
    }

    /** Rebuilds a schedule from its Keras class name and config. */
    public static LearningRateSchedule fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.fromConfig(className, config);
    }
}
