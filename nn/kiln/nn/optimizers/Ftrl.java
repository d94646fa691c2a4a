package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import kiln.tensor.Tensor;

/**
 * FTRL-proximal. Keras: {@code Ftrl(learning_rate=0.001, learning_rate_power=-0.5,
 * initial_accumulator_value=0.1, l1_regularization_strength=0.0, l2_regularization_strength=0.0,
 * l2_shrinkage_regularization_strength=0.0, beta=0.0)}.
 * <pre>
 * p = −learning_rate_power;  l2 = l2_reg + beta/(2·lr);  g' = g + 2·l2_shrinkage·w;  n' = n + g²
 * z ← z + g' − (n'^p − n^p)/lr · w;   q = n'^p/lr + 2·l2;   w ← (clip(z, −l1, l1) − z) / q;   n ← n'
 * </pre>
 * One fused pass per weight ({@link Tensor#ftrlUpdate}), for every combination of the options: they are
 * only the scalars of the formula (the initial accumulator value is the slot's start).
 */
public final class Ftrl extends Optimizer {
    private final double learningRatePower;
    private final double initialAccumulatorValue;
    private final double l1;
    private final double l2;
    private final double l2Shrinkage;
    private final double beta;

    public Ftrl() {
        this(new OptimizerOptions());
    }

    public Ftrl(double learningRate) {
        this(new OptimizerOptions().learningRate(learningRate));
    }

    public Ftrl(OptimizerOptions options) {
        this(-0.5, 0.1, 0.0, 0.0, 0.0, 0.0, options);
    }

    /** @throws IllegalArgumentException for a negative accumulator or strength, or a positive power */
    public Ftrl(double learningRatePower, double initialAccumulatorValue, double l1RegularizationStrength,
                double l2RegularizationStrength, double l2ShrinkageRegularizationStrength, double beta,
                OptimizerOptions options) {
        super("Ftrl", 0.001, null, options);
        nonNegative("initial_accumulator_value", initialAccumulatorValue);
        if (learningRatePower > 0) {
            throw new IllegalArgumentException("`learning_rate_power` needs to be negative or zero. Received: "
                    + "learning_rate_power=" + learningRatePower + ".");
        }
        nonNegative("l1_regularization_strength", l1RegularizationStrength);
        nonNegative("l2_regularization_strength", l2RegularizationStrength);
        nonNegative("l2_shrinkage_regularization_strength", l2ShrinkageRegularizationStrength);
        this.learningRatePower = learningRatePower;
        this.initialAccumulatorValue = initialAccumulatorValue;
        this.l1 = l1RegularizationStrength;
        this.l2 = l2RegularizationStrength;
        this.l2Shrinkage = l2ShrinkageRegularizationStrength;
        this.beta = beta;
    }

    private static void nonNegative(String name, double v) {
        if (v < 0) {
            throw new IllegalArgumentException("`" + name + "` needs to be positive or zero. Received: " + name + "=" + v + ".");
        }
    }

    @Override
    protected List<List<String>> slotGroups() {
        return List.of(List.of("accumulator", "linear"));
    }

    @Override
    protected float slotInitialValue(String slot) {
        return slot.equals("accumulator") ? (float) initialAccumulatorValue : 0f;
    }

    @Override
    protected void updateStep(Tensor g, Tensor w, float lr, Slots s) {
        float l2reg = (float) l2 + (float) beta / (2f * lr);
        Tensor.ftrlUpdate(w, g, s.get(0), s.get(1), lr, (float) -learningRatePower, (float) l1, 2f * l2reg,
                (float) (2 * l2Shrinkage));
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("learning_rate_power", learningRatePower);
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("l1_regularization_strength", l1);
        c.put("l2_regularization_strength", l2);
        c.put("l2_shrinkage_regularization_strength", l2Shrinkage);
        c.put("beta", beta);
    }
}
