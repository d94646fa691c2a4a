package kiln.nn.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGDR (Loshchilov &amp; Hutter): cosine decay over {@code first_decay_steps}, then warm restarts,
 * each period {@code t_mul} times longer and starting {@code m_mul} times lower.
 */
public final class CosineDecayRestarts implements LearningRateSchedule {
    private final double initialLearningRate;
    private final int firstDecaySteps;
    private final double tMul;
    private final double mMul;
    private final double alpha;
    private final String name;

    public CosineDecayRestarts(double initialLearningRate, int firstDecaySteps, double tMul, double mMul, double alpha,
                               String name) {
        this.initialLearningRate = initialLearningRate;
        this.firstDecaySteps = DecaySteps.positive("CosineDecayRestarts", "first_decay_steps", firstDecaySteps);
        this.tMul = tMul;
        this.mMul = mMul;
        this.alpha = alpha;
        this.name = name;
    }

    /** Keras defaults: t_mul=2.0, m_mul=1.0, alpha=0.0. */
    public CosineDecayRestarts(double initialLearningRate, int firstDecaySteps) {
        this(initialLearningRate, firstDecaySteps, 2.0, 1.0, 0.0, "SGDRDecay");
    }

    @Override
    public float apply(long step) {
        float f = (float) step / (float) firstDecaySteps;
        float t = (float) tMul;
        float i;
        if (t == 1f) {
            i = (float) Math.floor(f);
            f -= i;
        } else {
            i = (float) Math.floor((float) Math.log(1f - f * (1f - t)) / (float) Math.log(t));
            float sum = (1f - (float) Math.pow(t, i)) / (1f - t);
            f = (f - sum) / (float) Math.pow(t, i);
        }
        float mFac = (float) Math.pow((float) mMul, i);
        float cosine = 0.5f * mFac * (1f + (float) Math.cos((float) Math.PI * f));
        float decayed = (1f - (float) alpha) * cosine + (float) alpha;
        return (float) initialLearningRate * decayed;
    }

    @Override
    public String className() {
        return "CosineDecayRestarts";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("initial_learning_rate", initialLearningRate);
        m.put("first_decay_steps", firstDecaySteps);
        m.put("t_mul", tMul);
        m.put("m_mul", mMul);
        m.put("alpha", alpha);
        m.put("name", name);
        return m;
    }
}
