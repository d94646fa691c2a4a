package kiln.nn.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kiln.autograd.Functions;
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

/**
 * Keras {@code LayerNormalization}: per sample, over {@code axis} (default -1; several axes are
 * normalised jointly), {@code (x − μ)/sqrt(σ² + ε)·γ + β} with the biased variance and ε = 1e-3
 * (Keras's default, not PyTorch's 1e-5); the same in training and inference. Weights: gamma (if
 * {@code scale} or {@code rms_scaling}), then beta (if {@code center} and not {@code rms_scaling}),
 * shaped as the input's dims at the axes. With {@code rmsScaling(true)}, as Keras:
 * {@code y = x / sqrt(σ² + ε)·γ} (x not centred, σ² still the centred variance).
 *
 * <pre>{@code
 * new LayerNormalization()
 * new LayerNormalization(1e-5, null).axis(1, 2).center(false)
 * }</pre>
 */
public final class LayerNormalization extends Layer {
    private final double epsilon;
    private int[] axes = {-1};
    /** Keras writes the axis as given (an int) until build, which turns it into a sorted list. */
    private boolean axisIsList;
    private boolean center = true;
    private boolean scale = true;
    private boolean rmsScaling;
    private Initializer betaInitializer = Initializers.get("zeros");
    private Initializer gammaInitializer = Initializers.get("ones");
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Constraint betaConstraint;
    private Constraint gammaConstraint;
    private Weight gamma;
    private Weight beta;
    private int[] normAxes;
    private int[] broadcastShape;

    /** @throws IllegalArgumentException unless epsilon &gt; 0 */
    public LayerNormalization(double epsilon, String name) {
        super(name);
        if (!(epsilon > 0)) {
            throw argumentError("epsilon must be > 0. Received: epsilon=" + epsilon);
        }
        this.epsilon = epsilon;
    }

    public LayerNormalization() {
        this(1e-3, null);
    }

    /** One axis (written as an int in the config, as Keras, until built). */
    public LayerNormalization axis(int axis) {
        requireUnbuilt("axis");
        this.axes = new int[] {axis};
        this.axisIsList = false;
        return this;
    }

    /**
     * Several axes, normalised jointly (written as a list).
     *
     * @throws IllegalArgumentException for duplicates (Keras's ValueError)
     */
    public LayerNormalization axis(int... axes) {
        requireUnbuilt("axis");
        if (Arrays.stream(axes).distinct().count() != axes.length) {
            throw argumentError("Duplicate axis: " + Arrays.toString(axes));
        }
        this.axes = axes.clone();
        this.axisIsList = true;
        return this;
    }

    public LayerNormalization center(boolean center) {
        requireUnbuilt("center");
        this.center = center;
        return this;
    }

    public LayerNormalization scale(boolean scale) {
        requireUnbuilt("scale");
        this.scale = scale;
        return this;
    }

    /** Keras's deprecated {@code rms_scaling} (see the class comment for what it computes). */
    public LayerNormalization rmsScaling(boolean rms) {
        requireUnbuilt("rms_scaling");
        this.rmsScaling = rms;
        return this;
    }

    public LayerNormalization betaInitializer(String id) {
        return betaInitializer(Initializers.get(id));
    }

    public LayerNormalization betaInitializer(Initializer init) {
        requireUnbuilt("beta_initializer");
        this.betaInitializer = init;
        return this;
    }

    public LayerNormalization gammaInitializer(String id) {
        return gammaInitializer(Initializers.get(id));
    }

    public LayerNormalization gammaInitializer(Initializer init) {
        requireUnbuilt("gamma_initializer");
        this.gammaInitializer = init;
        return this;
    }

    public LayerNormalization betaRegularizer(String id) {
        return betaRegularizer(Regularizers.get(id));
    }

    public LayerNormalization betaRegularizer(Regularizer r) {
        requireUnbuilt("beta_regularizer");
        this.betaRegularizer = r;
        return this;
    }

    public LayerNormalization gammaRegularizer(String id) {
        return gammaRegularizer(Regularizers.get(id));
    }

    public LayerNormalization gammaRegularizer(Regularizer r) {
        requireUnbuilt("gamma_regularizer");
        this.gammaRegularizer = r;
        return this;
    }

    public LayerNormalization betaConstraint(String id) {
        return betaConstraint(Constraints.get(id));
    }

    public LayerNormalization betaConstraint(Constraint c) {
        requireUnbuilt("beta_constraint");
        this.betaConstraint = c;
        return this;
    }

    public LayerNormalization gammaConstraint(String id) {
        return gammaConstraint(Constraints.get(id));
    }

    public LayerNormalization gammaConstraint(Constraint c) {
        requireUnbuilt("gamma_constraint");
        this.gammaConstraint = c;
        return this;
    }

    private void requireUnbuilt(String argument) {
        if (isBuilt()) {
            throw new IllegalStateException("LayerNormalization layer \"" + name() + "\": `" + argument
                    + "` must be set before the layer is built");
        }
    }

    @Override
    protected void build(int[] inputShape) {
        int rank = inputShape.length;
        int[] sorted = axes.clone();
        Arrays.sort(sorted); // Keras sorts the axes at build (as given, negative ones first)
        axes = sorted;
        axisIsList = true;
        normAxes = new int[axes.length];
        int[] paramShape = new int[axes.length];
        broadcastShape = new int[rank];
        Arrays.fill(broadcastShape, 1);
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a < 0 || a >= rank) {
                throw argumentError("Axis " + axes[i] + " is out of bounds for input shape "
                        + KerasTensor.shapeText(inputShape) + ". Received: axis=" + Arrays.toString(axes));
            }
            normAxes[i] = a;
            paramShape[i] = inputShape[a];
            broadcastShape[a] = inputShape[a];
        }
        if (scale || rmsScaling) {
            gamma = addWeight("gamma", Shape.of(paramShape), gammaInitializer, gammaRegularizer, gammaConstraint, true);
        }
        if (center && !rmsScaling) {
            beta = addWeight("beta", Shape.of(paramShape), betaInitializer, betaRegularizer, betaConstraint, true);
        }
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        Variable mean = x.mean(normAxes, true);
        Variable centred = x.sub(mean);
        Variable var = centred.square().mean(normAxes, true);
        Variable y = (rmsScaling ? x : centred).div(var.add((float) epsilon).sqrt());
        if (gamma != null) {
            y = y.mul(Functions.reshape(use(gamma), broadcastShape));
        }
        if (beta != null) {
            y = y.add(Functions.reshape(use(beta), broadcastShape));
        }
        return y;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        if (axisIsList) {
            List<Object> a = new ArrayList<>();
            for (int d : axes) {
                a.add(d);
            }
            m.put("axis", a);
        } else {
            m.put("axis", axes[0]);
        }
        m.put("epsilon", epsilon);
        m.put("center", center);
        m.put("scale", scale);
        m.put("rms_scaling", rmsScaling);
        m.put("beta_initializer", Serialization.serialize(betaInitializer, "keras.initializers"));
        m.put("gamma_initializer", Serialization.serialize(gammaInitializer, "keras.initializers"));
        m.put("beta_regularizer", Serialization.serialize(betaRegularizer, "keras.regularizers"));
        m.put("gamma_regularizer", Serialization.serialize(gammaRegularizer, "keras.regularizers"));
        m.put("beta_constraint", Serialization.serialize(betaConstraint, "keras.constraints"));
        m.put("gamma_constraint", Serialization.serialize(gammaConstraint, "keras.constraints"));
        return m;
    }
}
