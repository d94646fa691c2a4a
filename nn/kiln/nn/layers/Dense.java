package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Variable;
import kiln.nn.Weight;
import kiln.nn.activations.Activation;
import kiln.nn.activations.Activations;
import kiln.nn.constraints.Constraint;
import kiln.nn.constraints.Constraints;
import kiln.nn.initializers.Initializer;
import kiln.nn.initializers.Initializers;
import kiln.nn.regularizers.Regularizer;
import kiln.nn.regularizers.Regularizers;
import kiln.nn.saving.Serialization;
import kiln.tensor.Shape;

/**
 * {@code activation(x · kernel + bias)} (Keras {@code Dense}): kernel (in, units), bias (units);
 * inputs of rank &gt; 2 contract their last axis only. The bias add and the activation run as one
 * fused kernel where one exists.
 *
 * <pre>{@code
 * new Dense(300, "relu")
 * new Dense(10).activation("softmax").kernelInitializer("he_normal")
 * }</pre>
 */
public final class Dense extends Layer {
    private final int units;
    private Activation activation = Activations.get("linear");
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private Weight kernel;
    private Weight bias;

    public Dense(int units, String activation, String name) {
        super(name);
        if (units <= 0) {
            throw argumentError("Received an invalid value for `units`, expected a positive integer. "
                    + "Received: units=" + units);
        }
        this.units = units;
        if (activation != null) {
            this.activation = Activations.get(activation);
        }
    }

    public Dense(int units, String activation) {
        this(units, activation, null);
    }

    public Dense(int units) {
        this(units, null, null);
    }

    // ---- Keras's keyword arguments, fluent; only before the layer is built

    public Dense activation(String identifier) {
        this.activation = Activations.get(identifier);
        return this;
    }

    public Dense useBias(boolean useBias) {
        requireUnbuilt("use_bias");
        this.useBias = useBias;
        return this;
    }

    public Dense kernelInitializer(String identifier) {
        return kernelInitializer(Initializers.get(identifier));
    }

    public Dense kernelInitializer(Initializer init) {
        requireUnbuilt("kernel_initializer");
        this.kernelInitializer = init;
        return this;
    }

    public Dense biasInitializer(String identifier) {
        return biasInitializer(Initializers.get(identifier));
    }

    public Dense biasInitializer(Initializer init) {
        requireUnbuilt("bias_initializer");
        this.biasInitializer = init;
        return this;
    }

    public Dense kernelRegularizer(String identifier) {
        return kernelRegularizer(Regularizers.get(identifier));
    }

    public Dense biasRegularizer(String identifier) {
        return biasRegularizer(Regularizers.get(identifier));
    }

    public Dense kernelConstraint(String identifier) {
        return kernelConstraint(Constraints.get(identifier));
    }

    public Dense biasConstraint(String identifier) {
        return biasConstraint(Constraints.get(identifier));
    }

    public Dense kernelRegularizer(Regularizer r) {
        requireUnbuilt("kernel_regularizer");
        this.kernelRegularizer = r;
        return this;
    }

    public Dense biasRegularizer(Regularizer r) {
        requireUnbuilt("bias_regularizer");
        this.biasRegularizer = r;
        return this;
    }

    public Dense kernelConstraint(Constraint c) {
        requireUnbuilt("kernel_constraint");
        this.kernelConstraint = c;
        return this;
    }

    public Dense biasConstraint(Constraint c) {
        requireUnbuilt("bias_constraint");
        this.biasConstraint = c;
        return this;
    }

    private void requireUnbuilt(String argument) {
        if (isBuilt()) {
            throw new IllegalStateException("Dense layer \"" + name() + "\": `" + argument
                    + "` must be set before the layer is built");
        }
    }

    public int units() {
        return units;
    }

    /** The kernel weight (after build). */
    public Weight kernel() {
        return kernel;
    }

    /** The bias weight (after build), or null without bias. */
    public Weight bias() {
        return bias;
    }

    @Override
    protected void build(int[] inputShape) {
        if (inputShape.length < 2) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: "
                    + "expected min_ndim=2, found ndim=" + inputShape.length + ". Full shape received: "
                    + KerasTensor.shapeText(inputShape));
        }
        int in = inputShape[inputShape.length - 1];
        if (in < 0) {
            throw argumentError("the last dimension of the inputs to a Dense layer should be defined. Found None. "
                    + "Full input shape received: " + KerasTensor.shapeText(inputShape));
        }
        pinMinNdim(2);
        pinAxis(-1, in);
        kernel = addWeight("kernel", Shape.of(in, units), kernelInitializer, kernelRegularizer, kernelConstraint, true);
        if (useBias) {
            bias = addWeight("bias", Shape.of(units), biasInitializer, biasRegularizer, biasConstraint, true);
        }
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        Variable y = x.matmul(use(kernel));
        return bias != null ? activation.applyWithBias(y, use(bias)) : activation.apply(y);
    }

    @Override
    protected int[] computeOutputShape(int[] in) {
        int[] out = in.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("units", units);
        m.put("activation", activation.serialize());
        m.put("use_bias", useBias);
        m.put("kernel_initializer", Serialization.serialize(kernelInitializer, "keras.initializers"));
        m.put("bias_initializer", Serialization.serialize(biasInitializer, "keras.initializers"));
        m.put("kernel_regularizer", Serialization.serialize(kernelRegularizer, "keras.regularizers"));
        m.put("bias_regularizer", Serialization.serialize(biasRegularizer, "keras.regularizers"));
        m.put("kernel_constraint", Serialization.serialize(kernelConstraint, "keras.constraints"));
        m.put("bias_constraint", Serialization.serialize(biasConstraint, "keras.constraints"));
        m.put("quantization_config", null);
        return m;
    }
}
