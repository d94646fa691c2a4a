package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.NoGrad;
import kiln.autograd.Variable;
import kiln.nn.Weight;
import kiln.nn.constraints.Constraint;
import kiln.nn.constraints.Constraints;
import kiln.nn.initializers.Initializer;
import kiln.nn.initializers.Initializers;
import kiln.nn.regularizers.Regularizer;
import kiln.nn.regularizers.Regularizers;
import kiln.nn.saving.Serialization;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Keras {@code BatchNormalization} over the feature axis {@code axis} (default -1). In training (and
 * only while the layer is trainable) it normalises with the batch mean and biased variance over all
 * other axes and moves the moving statistics {@code m ← m·momentum + μ_B·(1 − momentum)}; otherwise
 * it normalises with the moving statistics. As Keras: {@code inv = γ / sqrt(var + ε);
 * y = x·inv + (β − mean·inv)}. Weights, in order: gamma (if {@code scale}), beta (if {@code center})
 * (trainable), moving_mean, moving_variance (not trainable).
 *
 * <pre>{@code
 * new BatchNormalization()                                   // momentum 0.99, epsilon 1e-3
 * new BatchNormalization(0.9, 1e-5, null).axis(1).center(false)
 * }</pre>
 *
 * <p>Keras's {@code renorm=True} and {@code synchronized=True} are not implemented (the latter is
 * TensorFlow-only in Keras as well); {@code renorm_clipping}/{@code renorm_momentum} are kept for the
 * config only.
 */
public final class BatchNormalization extends Layer {
    private final double momentum;
    private final double epsilon;
    private int axis = -1;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.get("zeros");
    private Initializer gammaInitializer = Initializers.get("ones");
    private Initializer movingMeanInitializer = Initializers.get("zeros");
    private Initializer movingVarianceInitializer = Initializers.get("ones");
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Constraint betaConstraint;
    private Constraint gammaConstraint;
    private double renormMomentum = 0.99;
    private Weight gamma;
    private Weight beta;
    private Weight movingMean;
    private Weight movingVariance;
    private int[] reduceAxes;
    private int[] broadcastShape;

    /** @throws IllegalArgumentException unless 0 &lt;= momentum &lt;= 1 and epsilon &gt; 0 */
    public BatchNormalization(double momentum, double epsilon, String name) {
        super(name);
        if (!(momentum >= 0 && momentum <= 1) || !(epsilon > 0)) {
            throw argumentError("momentum must be in [0, 1] and epsilon > 0. Received: momentum=" + momentum
                    + ", epsilon=" + epsilon);
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    /** Keras defaults: momentum 0.99, epsilon 1e-3. */
    public BatchNormalization() {
        this(0.99, 1e-3, null);
    }

    // ---- Keras's keyword arguments, fluent; only before the layer is built

    /** The feature axis (-1: last). */
    public BatchNormalization axis(int axis) {
        requireUnbuilt("axis");
        this.axis = axis;
        return this;
    }

    /** Whether to add the offset beta. */
    public BatchNormalization center(boolean center) {
        requireUnbuilt("center");
        this.center = center;
        return this;
    }

    /** Whether to multiply by gamma. */
    public BatchNormalization scale(boolean scale) {
        requireUnbuilt("scale");
        this.scale = scale;
        return this;
    }

    public BatchNormalization betaInitializer(String id) {
        return betaInitializer(Initializers.get(id));
    }

    public BatchNormalization betaInitializer(Initializer init) {
        requireUnbuilt("beta_initializer");
        this.betaInitializer = init;
        return this;
    }

    public BatchNormalization gammaInitializer(String id) {
        return gammaInitializer(Initializers.get(id));
    }

    public BatchNormalization gammaInitializer(Initializer init) {
        requireUnbuilt("gamma_initializer");
        this.gammaInitializer = init;
        return this;
    }

    public BatchNormalization movingMeanInitializer(String id) {
        return movingMeanInitializer(Initializers.get(id));
    }

    public BatchNormalization movingMeanInitializer(Initializer init) {
        requireUnbuilt("moving_mean_initializer");
        this.movingMeanInitializer = init;
        return this;
    }

    public BatchNormalization movingVarianceInitializer(String id) {
        return movingVarianceInitializer(Initializers.get(id));
    }

    public BatchNormalization movingVarianceInitializer(Initializer init) {
        requireUnbuilt("moving_variance_initializer");
        this.movingVarianceInitializer = init;
        return this;
    }

    public BatchNormalization betaRegularizer(String id) {
        return betaRegularizer(Regularizers.get(id));
    }

    public BatchNormalization betaRegularizer(Regularizer r) {
        requireUnbuilt("beta_regularizer");
        this.betaRegularizer = r;
        return this;
    }

    public BatchNormalization gammaRegularizer(String id) {
        return gammaRegularizer(Regularizers.get(id));
    }

    public BatchNormalization gammaRegularizer(Regularizer r) {
        requireUnbuilt("gamma_regularizer");
        this.gammaRegularizer = r;
        return this;
    }

    public BatchNormalization betaConstraint(String id) {
        return betaConstraint(Constraints.get(id));
    }

    public BatchNormalization betaConstraint(Constraint c) {
        requireUnbuilt("beta_constraint");
        this.betaConstraint = c;
        return this;
    }

    public BatchNormalization gammaConstraint(String id) {
        return gammaConstraint(Constraints.get(id));
    }

    public BatchNormalization gammaConstraint(Constraint c) {
        requireUnbuilt("gamma_constraint");
        this.gammaConstraint = c;
        return this;
    }

    /**
     * Keras's {@code synchronized}; only false is possible.
     *
     * @throws IllegalArgumentException for true (Keras: TensorFlow backend only)
     */
    public BatchNormalization synchronizedStats(boolean sync) {
        if (sync) {
            throw argumentError("Argument synchronized=True is only supported with the TensorFlow backend.");
        }
        return this;
    }

    /**
     * Keras's {@code renorm}; only false is implemented.
     *
     * @throws IllegalArgumentException for true
     */
    public BatchNormalization renorm(boolean renorm) {
        if (renorm) {
            throw argumentError("batch renormalization (renorm=True) is not implemented in Kiln. Received: renorm=true");
        }
        return this;
    }

    /** Keras's {@code renorm_momentum}: recorded in the config; without renorm it has no effect (as Keras). */
    public BatchNormalization renormMomentum(double m) {
        this.renormMomentum = m;
        return this;
    }

    private void requireUnbuilt(String argument) {
        if (isBuilt()) {
            throw new IllegalStateException("BatchNormalization layer \"" + name() + "\": `" + argument
                    + "` must be set before the layer is built");
        }
    }

    @Override
    protected void build(int[] inputShape) {
        int rank = inputShape.length;
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank || a == 0 && rank > 1) {
            throw argumentError("Invalid axis " + axis + " for input shape " + KerasTensor.shapeText(inputShape));
        }
        int c = inputShape[a];
        if (c < 0) {
            throw argumentError("axis " + axis + " of input shape " + KerasTensor.shapeText(inputShape)
                    + " must be known");
        }
        pinAxis(axis, c);
        if (scale) {
            gamma = addWeight("gamma", Shape.of(c), gammaInitializer, gammaRegularizer, gammaConstraint, true);
        }
        if (center) {
            beta = addWeight("beta", Shape.of(c), betaInitializer, betaRegularizer, betaConstraint, true);
        }
        movingMean = addNonTrainableWeight("moving_mean", Shape.of(c), movingMeanInitializer);
        movingVariance = addNonTrainableWeight("moving_variance", Shape.of(c), movingVarianceInitializer);
        reduceAxes = new int[rank - 1];
        broadcastShape = new int[rank];
        for (int i = 0, k = 0; i < rank; i++) {
            broadcastShape[i] = i == a ? c : 1;
            if (i != a) {
                reduceAxes[k++] = i;
            }
        }
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        Variable mean;
        Variable var;
        if (training && trainable()) {
            mean = x.mean(reduceAxes, true);
            var = x.sub(mean).square().mean(reduceAxes, true);
            try (var s = NoGrad.enter()) {
                float m = (float) momentum;
                int c = movingMean.value().size();
                movingMean.value().muli(m).addi(mean.value().reshape(c).mul(1 - m));
                movingVariance.value().muli(m).addi(var.value().reshape(c).mul(1 - m));
            }
        } else {
            mean = Variable.constant(movingMean.value().reshape(broadcastShape));
            var = Variable.constant(movingVariance.value().reshape(broadcastShape));
        }
        Variable inv = var.add((float) epsilon).sqrt();
        inv = gamma != null ? broadcast(use(gamma)).div(inv) : inv.pow(-1f);
        Variable shift = mean.mul(inv);
        return beta != null ? x.mul(inv).add(broadcast(use(beta)).sub(shift)) : x.mul(inv).sub(shift);
    }

    private Variable broadcast(Variable v) {
        return kiln.autograd.Functions.reshape(v, broadcastShape);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("axis", axis);
        m.put("momentum", momentum);
        m.put("epsilon", epsilon);
        m.put("center", center);
        m.put("scale", scale);
        m.put("beta_initializer", Serialization.serialize(betaInitializer, "keras.initializers"));
        m.put("gamma_initializer", Serialization.serialize(gammaInitializer, "keras.initializers"));
        m.put("moving_mean_initializer", Serialization.serialize(movingMeanInitializer, "keras.initializers"));
        m.put("moving_variance_initializer", Serialization.serialize(movingVarianceInitializer, "keras.initializers"));
        m.put("beta_regularizer", Serialization.serialize(betaRegularizer, "keras.regularizers"));
        m.put("gamma_regularizer", Serialization.serialize(gammaRegularizer, "keras.regularizers"));
        m.put("beta_constraint", Serialization.serialize(betaConstraint, "keras.constraints"));
        m.put("gamma_constraint", Serialization.serialize(gammaConstraint, "keras.constraints"));
        m.put("synchronized", false);
        m.put("renorm", false);
        m.put("renorm_clipping", null);
        m.put("renorm_momentum", renormMomentum);
        return m;
    }

    /** The moving mean (for tests and inspection). */
    public Tensor movingMean() {
        return movingMean.value();
    }
}
