package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.NoGrad;
import kiln.autograd.Variable;
import kiln.nn.Weight;
import kiln.nn.initializers.Initializers;
import kiln.nn.saving.Serialization;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Keras {@code BatchNormalization} over the last axis. In training (and only while the layer is
 * trainable) it normalises with the batch mean and biased variance and moves the moving statistics
 * {@code m ← m·momentum + μ_B·(1 − momentum)}; otherwise it normalises with the moving statistics.
 * As Keras: {@code inv = γ / sqrt(var + ε); y = x·inv + (β − mean·inv)}. Weights, in order:
 * gamma, beta (trainable), moving_mean, moving_variance (not trainable).
 */
public final class BatchNormalization extends Layer {
    private final double momentum;
    private final double epsilon;
    private Weight gamma;
    private Weight beta;
    private Weight movingMean;
    private Weight movingVariance;
    private int[] reduceAxes;

    public BatchNormalization(double momentum, double epsilon, String name) {
        super(name);
        if (!(momentum >= 0 && momentum <= 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("BatchNormalization: momentum must be in [0, 1] and epsilon > 0, "
                    + "received: momentum=" + momentum + ", epsilon=" + epsilon);
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    /** Keras defaults: momentum 0.99, epsilon 1e-3. */
    public BatchNormalization() {
        this(0.99, 1e-3, null);
    }

    @Override
    protected void build(int[] inputShape) {
        int c = inputShape[inputShape.length - 1];
        if (c < 0) {
            throw new IllegalArgumentException("BatchNormalization \"" + name() + "\": axis -1 of input shape "
                    + KerasTensor.shapeText(inputShape) + " must be known");
        }
        gamma = addWeight("gamma", Shape.of(c), Initializers.get("ones"), null, null, true);
        beta = addWeight("beta", Shape.of(c), Initializers.get("zeros"), null, null, true);
        movingMean = addNonTrainableWeight("moving_mean", Shape.of(c), Initializers.get("zeros"));
        movingVariance = addNonTrainableWeight("moving_variance", Shape.of(c), Initializers.get("ones"));
        reduceAxes = new int[inputShape.length - 1];
        for (int i = 0; i < reduceAxes.length; i++) {
            reduceAxes[i] = i;
        }
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        Variable mean;
        Variable var;
        if (training && trainable()) {
            mean = x.mean(reduceAxes, false);
            var = x.sub(mean).square().mean(reduceAxes, false);
            try (var s = NoGrad.enter()) {
                float m = (float) momentum;
                movingMean.value().muli(m).addi(mean.value().mul(1 - m));
                movingVariance.value().muli(m).addi(var.value().mul(1 - m));
            }
        } else {
            mean = Variable.constant(movingMean.value());
            var = Variable.constant(movingVariance.value());
        }
        Variable inv = gamma.variable().div(var.add((float) epsilon).sqrt());
        return x.mul(inv).add(beta.variable().sub(mean.mul(inv)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("axis", -1);
        m.put("momentum", momentum);
        m.put("epsilon", epsilon);
        m.put("center", true);
        m.put("scale", true);
        m.put("beta_initializer", Serialization.serialize(Initializers.get("zeros"), "keras.initializers"));
        m.put("gamma_initializer", Serialization.serialize(Initializers.get("ones"), "keras.initializers"));
        m.put("moving_mean_initializer", Serialization.serialize(Initializers.get("zeros"), "keras.initializers"));
        m.put("moving_variance_initializer", Serialization.serialize(Initializers.get("ones"), "keras.initializers"));
        m.put("beta_regularizer", null);
        m.put("gamma_regularizer", null);
        m.put("beta_constraint", null);
        m.put("gamma_constraint", null);
        m.put("synchronized", false);
        return m;
    }

    /** The moving mean (for tests and inspection). */
    public Tensor movingMean() {
        return movingMean.value();
    }
}
