package kiln.nn.optimizers;

/**
 * Adam with decoupled weight decay: {@link Adam}'s rule after the shared decay step
 * {@code w ← w − w·wd·lr}. Keras: {@code AdamW(learning_rate=0.001, weight_decay=0.004, beta_1=0.9,
 * beta_2=0.999, epsilon=1e-7, amsgrad=False)}; {@code weight_decay} may not be None.
 */
public final class AdamW extends Adam {
    static final double DEFAULT_WEIGHT_DECAY = 0.004;

    public AdamW() {
        this(new OptimizerOptions());
    }

    public AdamW(double learningRate) {
        this(new OptimizerOptions().learningRate(learningRate));
    }

    public AdamW(double learningRate, double weightDecay) {
        this(new OptimizerOptions().learningRate(learningRate).weightDecay(weightDecay));
    }

    public AdamW(OptimizerOptions options) {
        this(0.9, 0.999, 1e-7, false, options);
    }

    /** @throws IllegalArgumentException if the options set {@code weightDecay(null)} */
    public AdamW(double beta1, double beta2, double epsilon, boolean amsgrad, OptimizerOptions options) {
        super("AdamW", DEFAULT_WEIGHT_DECAY, beta1, beta2, epsilon, amsgrad, options);
        if (weightDecay() == null) {
            throw new IllegalArgumentException("Argument `weight_decay` must be a float. Received: weight_decay=None");
        }
    }
}
