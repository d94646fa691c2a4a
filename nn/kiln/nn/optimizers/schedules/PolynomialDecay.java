package kiln.nn.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * (lr0 − end) · (1 − s/D)^power + end, with s = min(step, decay_steps) and D = decay_steps; when
 * {@code cycle}, s = step and D is the first multiple of decay_steps at or above it (1× at step 0).
 */
public final class PolynomialDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final int decaySteps;
    private final double endLearningRate;
    private final double power;
    private final boolean cycle;
    private final String name;

    public PolynomialDecay(double initialLearningRate, int decaySteps, double endLearningRate, double power,
                           boolean cycle, String name) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = DecaySteps.positive("PolynomialDecay", "decay_steps", decaySteps);
        this.endLearningRate = endLearningRate;
        this.power = power;
        this.cycle = cycle;
        this.name = name;
    }

    /** Keras defaults: end_learning_rate=0.0001, power=1.0, cycle=False. */
    public PolynomialDecay(double initialLearningRate, int decaySteps) {
        this(initialLearningRate, decaySteps, 0.0001, 1.0, false, "PolynomialDecay");
    }

    @Override
    public float apply(long step) {
        float s = (float) step;
        float d = (float) decaySteps;
        if (cycle) {
            d *= step == 0 ? 1f : (float) Math.ceil(s / decaySteps);
        } else {
            s = Math.min(s, d);
        }
        float p = s / d;
        float lr0 = (float) initialLearningRate;
        float end = (float) endLearningRate;
        return (lr0 - end) * (float) Math.pow(1f - p, (float) power) + end;
    }

    @Override
    public String className() {
        return "PolynomialDecay";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("initial_learning_rate", initialLearningRate);
        m.put("decay_steps", decaySteps);
        m.put("end_learning_rate", endLearningRate);
        m.put("power", power);
        m.put("cycle", cycle);
        m.put("name", name);
        return m;
    }
}
