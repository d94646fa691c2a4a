package kiln.nn.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/** lr0 · decay_rate^(step / decay_steps), the exponent floored when {@code staircase}. */
public final class ExponentialDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final int decaySteps;
    private final double decayRate;
    private final boolean staircase;
    private final String name;

    public ExponentialDecay(double initialLearningRate, int decaySteps, double decayRate, boolean staircase, String name) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = DecaySteps.positive("ExponentialDecay", "decay_steps", decaySteps);
        this.decayRate = decayRate;
        this.staircase = staircase;
        this.name = name;
    }

    public ExponentialDecay(double initialLearningRate, int decaySteps, double decayRate, boolean staircase) {
        this(initialLearningRate, decaySteps, decayRate, staircase, "ExponentialDecay");
    }

    public ExponentialDecay(double initialLearningRate, int decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    @Override
    public float apply(long step) {
        float p = (float) step / (float) decaySteps;
        if (staircase) {
            p = (float) Math.floor(p);
        }
        return (float) initialLearningRate * (float) Math.pow((float) decayRate, p);
    }

    @Override
    public String className() {
        return "ExponentialDecay";
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
