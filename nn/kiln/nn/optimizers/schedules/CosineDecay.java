package kiln.nn.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cosine decay from lr0 (or, after a linear warm-up of {@code warmup_steps} from lr0 to
 * {@code warmup_target}, from the target) down to alpha·that over {@code decay_steps}; held after.
 */
public final class CosineDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final int decaySteps;
    private final double alpha;
    private final String name;
    private final Double warmupTarget;
    private final int warmupSteps;

    public CosineDecay(double initialLearningRate, int decaySteps, double alpha, String name, Double warmupTarget,
                       int warmupSteps) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = DecaySteps.positive("CosineDecay", "decay_steps", decaySteps);
        this.alpha = alpha;
        this.name = name;
        this.warmupTarget = warmupTarget;
        this.warmupSteps = warmupSteps;
    }

    public CosineDecay(double initialLearningRate, int decaySteps, double alpha) {
        this(initialLearningRate, decaySteps, alpha, "CosineDecay", null, 0);
    }

    public CosineDecay(double initialLearningRate, int decaySteps) {
        this(initialLearningRate, decaySteps, 0.0);
    }

    @Override
    public float apply(long step) {
        float lr0 = (float) initialLearningRate;
        float d = decaySteps;
        float s = step;
        if (warmupTarget == null) {
            return decay(Math.min(s, d), d, lr0);
        }
        float target = warmupTarget.floatValue();
        float w = warmupSteps;
        s = Math.min(s, d + w);
        if (s < w) {
            return (target - lr0) * (s / w) + lr0;
        }
        return decay(s - w, d, target);
    }

    private float decay(float s, float d, float from) {
        float cosine = 0.5f * (1f + (float) Math.cos((float) Math.PI * (s / d)));
        float decayed = (1f - (float) alpha) * cosine + (float) alpha;
        return from * decayed;
    }

    @Override
    public String className() {
        return "CosineDecay";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("initial_learning_rate", initialLearningRate);
        m.put("decay_steps", decaySteps);
        m.put("alpha", alpha);
        m.put("name", name);
        m.put("warmup_target", warmupTarget);
        m.put("warmup_steps", warmupSteps);
        return m;
    }
}
