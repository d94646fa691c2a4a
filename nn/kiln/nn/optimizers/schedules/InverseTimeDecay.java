package kiln.nn.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/** lr0 / (1 + decay_rate · step / decay_steps), the ratio floored when {@code staircase}. */
public final class InverseTimeDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final int decaySteps;
    private final double decayRate;
    private final boolean staircase;
    private final String name;

    public InverseTimeDecay(double initialLearningRate, int decaySteps, double decayRate, boolean staircase, String name) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = DecaySteps.positive("InverseTimeDecay", "decay_steps", decaySteps);
        this.decayRate = decayRate;
        this.staircase = staircase;
        this.name = name;
    }

    public InverseTimeDecay(double initialLearningRate, int decaySteps, double decayRate, boolean staircase) {
        this(initialLearningRate, decaySteps, decayRate, staircase, "InverseTimeDecay");
    }

    public InverseTimeDecay(double initialLearningRate, int decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    @Override
    public float apply(long step) {
        float p = (float) step / (float) decaySteps;
        if (staircase) {
            p = (float) Math.floor(p);
        }
        return (float) initialLearningRate / (1f + (float) decayRate * p);
    }

    @Override
    public String className() {
        return "InverseTimeDecay";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("initial_learning_rate", initialLearningRate);
        m.put("decay_steps", decaySteps);
        m.put("decay_rate", decayRate);
        m.put("staircase", staircase);
        m.put("name", name);
        return m;
    }
}
