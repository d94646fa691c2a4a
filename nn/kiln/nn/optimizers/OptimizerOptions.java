package kiln.nn.optimizers;

import java.util.Map;
import kiln.nn.optimizers.schedules.LearningRateSchedule;
import kiln.nn.optimizers.schedules.Schedules;
import kiln.nn.saving.Config;

/**
 * The constructor arguments every Keras optimizer shares (keras-reference §5.1), as a fluent holder:
 * learning rate (a number or a schedule; unset → the optimizer's own default), weight decay,
 * clipping, EMA, loss scaling, gradient accumulation and name. Validation happens in
 * {@link Optimizer}'s constructor, so an option object may be reused.
 *
 * <pre>{@code
 * new Adam(new OptimizerOptions().learningRate(0.01).clipnorm(1.0))
 * }</pre>
 */
public final class OptimizerOptions {
    Double learningRate;
    LearningRateSchedule schedule;
    Double weightDecay;
    boolean weightDecaySet;
    Double clipnorm;
    Double clipvalue;
    Double globalClipnorm;
    boolean useEma;
    double emaMomentum = 0.99;
    Integer emaOverwriteFrequency;
    Double lossScaleFactor;
    Integer gradientAccumulationSteps;
    String name;

    public OptimizerOptions learningRate(double lr) {
        this.learningRate = lr;
        this.schedule = null;
        return this;
    }

    public OptimizerOptions learningRate(LearningRateSchedule schedule) {
        this.schedule = schedule;
        this.learningRate = null;
        return this;
    }

    /** Decoupled weight decay {@code v ← v − v·wd·lr}; null turns it off (AdamW rejects null). */
    public OptimizerOptions weightDecay(Double weightDecay) {
        this.weightDecay = weightDecay;
        this.weightDecaySet = true;
        return this;
    }

    public OptimizerOptions clipnorm(Double clipnorm) {
        this.clipnorm = clipnorm;
        return this;
    }

    public OptimizerOptions clipvalue(Double clipvalue) {
        this.clipvalue = clipvalue;
        return this;
    }

    public OptimizerOptions globalClipnorm(Double globalClipnorm) {
        this.globalClipnorm = globalClipnorm;
        return this;
    }

    public OptimizerOptions useEma(boolean useEma) {
        this.useEma = useEma;
        return this;
    }

    public OptimizerOptions emaMomentum(double emaMomentum) {
        this.emaMomentum = emaMomentum;
        return this;
    }

    public OptimizerOptions emaOverwriteFrequency(Integer frequency) {
        this.emaOverwriteFrequency = frequency;
        return this;
    }

    public OptimizerOptions lossScaleFactor(Double lossScaleFactor) {
        this.lossScaleFactor = lossScaleFactor;
        return this;
    }

    public OptimizerOptions gradientAccumulationSteps(Integer steps) {
        this.gradientAccumulationSteps = steps;
        return this;
    }

    public OptimizerOptions name(String name) {
        this.name = name;
        return this;
    }

    /** The shared keys of a Keras optimizer config ({@code learning_rate} as a number or a serialized schedule). */
    @SuppressWarnings("unchecked")
    static OptimizerOptions fromConfig(Config c, Map<String, Object> raw) {
        OptimizerOptions o = new OptimizerOptions();
        Object lr = c.raw("learning_rate");
        if (lr instanceof Map<?, ?> m) {
            Map<String, Object> sm = (Map<String, Object>) m;
            o.learningRate(Schedules.fromConfig((String) sm.get("class_name"), (Map<String, Object>) sm.get("config")));
        } else if (lr != null) {
            o.learningRate(c.getDouble("learning_rate", 0));
        }
        if (raw != null && raw.containsKey("weight_decay")) {
            o.weightDecay(c.getDoubleOrNull("weight_decay"));
        }
        o.clipnorm = c.getDoubleOrNull("clipnorm");
        o.clipvalue = c.getDoubleOrNull("clipvalue");
        o.globalClipnorm = c.getDoubleOrNull("global_clipnorm");
        o.useEma = c.getBoolean("use_ema", false);
        o.emaMomentum = c.getDouble("ema_momentum", 0.99);
        o.emaOverwriteFrequency = c.getIntOrNull("ema_overwrite_frequency");
        o.lossScaleFactor = c.getDoubleOrNull("loss_scale_factor");
        o.gradientAccumulationSteps = c.getIntOrNull("gradient_accumulation_steps");
        o.name = c.getString("name", null);
        return o;
    }
}
