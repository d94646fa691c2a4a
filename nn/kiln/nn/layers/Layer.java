package kiln.nn.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.autograd.Variable;
import kiln.nn.Weight;
import kiln.nn.constraints.Constraint;
import kiln.nn.initializers.Initializer;
import kiln.nn.regularizers.Regularizer;
import kiln.nn.saving.KerasSerializable;
import kiln.nn.saving.Serialization;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * The base of every Keras layer. A subclass validates its arguments in the constructor, creates its
 * weights in {@link #build} with {@link #addWeight}, does its math in {@link #call}, and reports
 * {@link #computeOutputShape} and {@link #getConfig}. The base builds on first use, pins the input's
 * last dimension (Keras's InputSpec), names the layer, and keeps the weights in creation order.
 *
 * <p>Shapes here include the batch dimension as -1 (Keras's None): {@code {-1, 784}}.
 */
public abstract class Layer implements KerasSerializable {
    private final String name;
    private boolean trainable = true;
    private boolean built;
    private int[] builtInputShape;
    private final List<Weight> weights = new ArrayList<>();
    private String weightScope = "";
    private int symbolicCalls;
    private final Map<Integer, Integer> pinnedAxes = new LinkedHashMap<>();
    private int minNdim;
    /** Non-null only inside {@link #applyWith}: values standing in for the trainable weights. */
    private Map<Weight, Variable> substitutes;

    /** @param name the layer's name, or null for Keras's auto-name (snake_case of the class + counter) */
    protected Layer(String name) {
        if (name != null && name.contains("/")) {
            throw new IllegalArgumentException("Argument `name` must be a string and cannot contain character `/`. "
                    + "Received: name=" + name + " (of type " + getClass().getSimpleName() + ")");
        }
        this.name = name != null ? name : Naming.unique(Naming.snakeCase(className()));
    }

    /** The layer's name. */
    public final String name() {
        return name;
    }

    @Override
    public String className() {
        return getClass().getSimpleName();
    }

    // ------------------------------------------------------------------ building

    /** Creates the weights for inputs of this shape (batch dimension -1). Called once, on first use. */
    protected void build(int[] inputShape) {}

    /** Multi-input layers override this; single-input layers use {@link #build(int[])}. */
    protected void build(List<int[]> inputShapes) {
        build(single(inputShapes, "build"));
    }

    /** Builds the layer for these input shapes unless it is built already. */
    public final void ensureBuilt(List<int[]> inputShapes) {
        if (built) {
            checkInput(inputShapes);
            return;
        }
        build(inputShapes);
        builtInputShape = inputShapes.size() == 1 ? inputShapes.get(0).clone() : null;
        built = true;
    }

    /** Whether the weights exist. */
    public boolean isBuilt() {
        return built;
    }

    /** The input shape the layer was built for (single-input layers), or null. */
    public int[] builtInputShape() {
        return builtInputShape == null ? null : builtInputShape.clone();
    }

    /**
     * Keras's {@code InputSpec} check on later calls: the minimum rank and the axis sizes the layer
     * pinned in {@link #build} (Dense pins axis -1, BatchNormalization its feature axis).
     */
    private void checkInput(List<int[]> inputShapes) {
        if (inputShapes.size() != 1) {
            return;
        }
        int[] s = inputShapes.get(0);
        if (s.length < minNdim) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name + "\" is incompatible with the layer: "
                    + "expected min_ndim=" + minNdim + ", found ndim=" + s.length + ". Full shape received: "
                    + KerasTensor.shapeText(s));
        }
        for (Map.Entry<Integer, Integer> e : pinnedAxes.entrySet()) {
            int a = e.getKey() < 0 ? e.getKey() + s.length : e.getKey();
            int got = a >= 0 && a < s.length ? s[a] : -2;
            if (got != -1 && got != e.getValue()) {
                throw new IllegalArgumentException("Input 0 of layer \"" + name + "\" is incompatible with the layer: "
                        + "expected axis " + e.getKey() + " of input shape to have value " + e.getValue()
                        + ", but received input with shape " + KerasTensor.shapeText(s));
            }
        }
    }

    /** Pins an axis size for later calls (Keras's {@code InputSpec(axes={axis: size})}); call from build. */
    protected final void pinAxis(int axis, int size) {
        pinnedAxes.put(axis, size);
    }

    /** Requires inputs of at least this rank on later calls (Keras's {@code InputSpec(min_ndim=...)}). */
    protected final void pinMinNdim(int ndim) {
        minNdim = ndim;
    }

    /**
     * An argument error worded as Keras's, prefixed with the layer's class and name:
     * {@code Dense layer "dense": Received an invalid value for `units`, ...}.
     */
    protected final IllegalArgumentException argumentError(String kerasMessage) {
        return new IllegalArgumentException(className() + " layer \"" + name + "\": " + kerasMessage);
    }

    /**
     * Sets the name scope weight paths start with ("sequential/" when a Sequential builds its layers;
     * empty for functional models, as Keras). Must be called before the layer is built.
     */
    public void setWeightScope(String scope) {
        this.weightScope = scope;
    }

    /** Adds a weight ({@code path = scope + layer name + "/" + name}), initialised now. */
    protected Weight addWeight(String weightName, Shape shape, Initializer init, Regularizer regularizer,
                               Constraint constraint, boolean trainableWeight) {
        Tensor value = init.apply(shape);
        Weight w = new Weight(weightName, value, trainableWeight && trainable, regularizer, constraint);
        w.setPath(weightScope + name + "/" + weightName);
        weights.add(w);
        return w;
    }

    // ------------------------------------------------------------------ calling

    /** Eager call on one input (builds on first use). */
    public final Variable apply(Variable x, boolean training) {
        int[] d = x.value().dims();
        if (d.length > 0) {
            d[0] = -1;
        }
        rejectSingleTensor(d);
        return apply(List.of(x), training);
    }

    /** Eager call on a list of inputs (merge layers take a list; other layers a list of one). */
    public final Variable apply(List<Variable> xs, boolean training) {
        List<int[]> shapes = new ArrayList<>();
        for (Variable x : xs) {
            int[] d = x.value().dims();
            if (d.length > 0) {
                d[0] = -1;
            }
            shapes.add(d);
        }
        ensureBuilt(shapes);
        return xs.size() == 1 ? call(xs.get(0), training) : call(xs, training);
    }

    /**
     * Runs the layer with {@code trainableValues} standing in for {@link #trainableWeights()} (same
     * order and shapes), so gradients reach those values instead of the weights — Keras's
     * {@code stateless_call} for the trainable variables. Non-trainable state (BatchNormalization's
     * moving statistics) is still updated in place.
     *
     * @throws IllegalArgumentException if the count or a shape differs from the trainable weights
     */
    public final Variable applyWith(List<Variable> trainableValues, List<Variable> xs, boolean training) {
        List<int[]> shapes = new ArrayList<>();
        for (Variable x : xs) {
            int[] d = x.value().dims();
            d[0] = -1;
            shapes.add(d);
        }
        ensureBuilt(shapes);
        List<Weight> ws = trainableWeights();
        if (ws.size() != trainableValues.size()) {
            throw new IllegalArgumentException("Layer \"" + name + "\" has " + ws.size()
                    + " trainable weights, but " + trainableValues.size() + " values were given");
        }
        Map<Weight, Variable> subs = new java.util.IdentityHashMap<>();
        for (int i = 0; i < ws.size(); i++) {
            if (!ws.get(i).value().shape().equals(trainableValues.get(i).value().shape())) {
                throw new IllegalArgumentException("Layer \"" + name + "\": value " + i + " has shape "
                        + trainableValues.get(i).value().shape() + ", weight " + ws.get(i).path() + " has shape "
                        + ws.get(i).value().shape());
            }
            subs.put(ws.get(i), trainableValues.get(i));
        }
        Map<Weight, Variable> saved = substitutes;
        substitutes = subs;
        try {
            return xs.size() == 1 ? call(xs.get(0), training) : call(xs, training);
        } finally {
            substitutes = saved;
        }
    }

    /** The variable a layer computes with for this weight (its own, or a stand-in inside {@link #applyWith}). */
    protected final Variable use(Weight w) {
        Variable v = substitutes == null ? null : substitutes.get(w);
        return v != null ? v : w.variable();
    }

    /** Functional API: records this call on symbolic inputs and returns the symbolic output. */
    public KerasTensor apply(KerasTensor... inputs) {
        if (inputs.length == 1) {
            rejectSingleTensor(inputs[0].shape());
        }
        return applySymbolic(Arrays.asList(inputs));
    }

    /** Functional API on a list of symbolic inputs ({@code Add().apply(List.of(x))} is a list of one). */
    public KerasTensor apply(List<KerasTensor> inputs) {
        return applySymbolic(inputs);
    }

    private KerasTensor applySymbolic(List<KerasTensor> inputs) {
        List<int[]> shapes = new ArrayList<>();
        for (KerasTensor t : inputs) {
            shapes.add(t.shape());
        }
        ensureBuilt(shapes);
        int[] out = computeOutputShape(shapes);
        return new KerasTensor(out, this, inputs, name, symbolicCalls++);
    }

    /**
     * Hook for layers that must be called on a list (merge layers): throws when given one tensor
     * rather than a list. Nothing by default.
     */
    protected void rejectSingleTensor(int[] shape) {}

    /** The math for one input. */
    protected Variable call(Variable x, boolean training) {
        throw new IllegalArgumentException("Layer \"" + name + "\" (" + className() + ") expects a list of inputs");
    }

    /** The math for several inputs; single-input layers reject a list. */
    protected Variable call(List<Variable> xs, boolean training) {
        if (xs.size() != 1) {
            throw new IllegalArgumentException("Layer \"" + name + "\" (" + className() + ") expects 1 input, got "
                    + xs.size());
        }
        return call(xs.get(0), training);
    }

    /** The output shape for these input shapes (batch -1). */
    public int[] computeOutputShape(List<int[]> inputShapes) {
        return computeOutputShape(single(inputShapes, "computeOutputShape"));
    }

    /** The output shape for one input shape; the identity by default. */
    protected int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    private int[] single(List<int[]> shapes, String what) {
        if (shapes.size() != 1) {
            throw new IllegalArgumentException("Layer \"" + name + "\" (" + className() + ") expects 1 input, got "
                    + shapes.size());
        }
        return shapes.get(0);
    }

    // ------------------------------------------------------------------ weights

    /** All weights: trainable ones in creation order, then non-trainable ones (Keras's order). */
    public List<Weight> weights() {
        List<Weight> out = new ArrayList<>();
        for (Weight w : weights) {
            if (w.trainable() || !isCreatedNonTrainable(w)) {
                out.add(w);
            }
        }
        for (Weight w : weights) {
            if (!(w.trainable() || !isCreatedNonTrainable(w))) {
                out.add(w);
            }
        }
        return out;
    }

    private final java.util.Set<Weight> createdNonTrainable = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    private boolean isCreatedNonTrainable(Weight w) {
        return createdNonTrainable.contains(w);
    }

    /** Marks a weight as non-trainable by construction (BatchNormalization's moving statistics). */
    protected Weight addNonTrainableWeight(String weightName, Shape shape, Initializer init) {
        Weight w = addWeight(weightName, shape, init, null, null, false);
        createdNonTrainable.add(w);
        return w;
    }

    /** Weights the optimizer updates. */
    public List<Weight> trainableWeights() {
        List<Weight> out = new ArrayList<>();
        for (Weight w : weights()) {
            if (w.trainable()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Weights it does not. */
    public List<Weight> nonTrainableWeights() {
        List<Weight> out = new ArrayList<>();
        for (Weight w : weights()) {
            if (!w.trainable()) {
                out.add(w);
            }
        }
        return out;
    }

    public boolean trainable() {
        return trainable;
    }

    /** Freezes or unfreezes the layer (its weights stop or start receiving gradients). */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
        for (Weight w : weights) {
            if (!createdNonTrainable.contains(w)) {
                w.setTrainable(trainable);
            }
        }
    }

    /** Number of scalars in the weights; the layer must be built. */
    public int countParams() {
        if (!built) {
            throw new IllegalStateException("You tried to call count_params on layer '" + name
                    + "', but the layer isn't built. You can build it manually via: `" + name + ".build(batch_input_shape)`.");
        }
        int n = 0;
        for (Weight w : weights) {
            n += w.value().size();
        }
        return n;
    }

    /** Copies of the weight values in {@link #weights()} order. */
    public List<Tensor> getWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Weight w : weights()) {
            out.add(w.value().copy());
        }
        return out;
    }

    /** Sets the weight values, in {@link #weights()} order. */
    public void setWeights(List<Tensor> values) {
        List<Weight> ws = weights();
        if (values.size() != ws.size()) {
            throw new IllegalArgumentException("You called set_weights(weights) on layer '" + name
                    + "' with a weight list of length " + values.size() + ", but the layer was expecting "
                    + ws.size() + " weights.");
        }
        for (int i = 0; i < ws.size(); i++) {
            if (!values.get(i).shape().equals(ws.get(i).value().shape())) {
                throw new IllegalArgumentException("Layer " + name + " weight shape " + shapeTuple(ws.get(i).value().shape())
                        + " is not compatible with provided weight shape " + shapeTuple(values.get(i).shape()) + ".");
            }
        }
        for (int i = 0; i < ws.size(); i++) {
            ws.get(i).assign(values.get(i));
        }
    }

    private static String shapeTuple(Shape s) {
        return KerasTensor.shapeText(s.dims());
    }

    // ------------------------------------------------------------------ config

    /** The base keys every Keras layer config starts with: name, trainable, dtype. */
    protected Map<String, Object> baseConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("trainable", trainable);
        m.put("dtype", Serialization.dtypePolicy());
        return m;
    }

    @Override
    public Map<String, Object> getConfig() {
        return baseConfig();
    }

    @Override
    public String toString() {
        return "<" + className() + " name=" + name + ", built=" + built + ">";
    }
}
