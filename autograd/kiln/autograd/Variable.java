package kiln.autograd;

import kiln.tensor.AllocationScope;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * A tensor in a differentiable computation: its value, its gradient (null until a backward pass
 * contributes one), whether it requires a gradient, an optional name, and — for results of ops —
 * the graph node that produced it. Leaves (parameters, inputs) have no node.
 *
 * <pre>{@code
 * Variable w = new Variable(Tensor.of(new float[] {1, 2, 3}, 3), true, "w");
 * Variable loss = w.mul(w).sum();     // Σ w²
 * loss.backward();
 * w.grad()                            // [2. 4. 6.]
 * }</pre>
 *
 * <p>Values are not copied: mutating a value in place between forward and backward (other than a
 * leaf's optimizer update after backward) gives wrong gradients.
 */
public final class Variable {
    private final Tensor value;
    private Tensor grad;
    /** A released gradient's storage, which the next backward may write this variable's gradient into. */
    private Tensor spareGrad;
    private boolean requiresGrad;
    private final String name;
    private boolean retainGrad;
    Node node;

    /** A leaf that requires no gradient (a constant input). */
    public Variable(Tensor value) {
        this(value, false, null);
    }

    /** A leaf. */
    public Variable(Tensor value, boolean requiresGrad) {
        this(value, requiresGrad, null);
    }

    /** A named leaf; the name appears in error messages. */
    public Variable(Tensor value, boolean requiresGrad, String name) {
        if (value == null) {
            throw new IllegalArgumentException("Variable" + (name == null ? "" : " '" + name + "'")
                    + ": value is null");
        }
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.name = name;
    }

    /** The result of an op, recorded in the graph. */
    Variable(Tensor value, Node node) {
        this.value = value;
        this.requiresGrad = true;
        this.name = null;
        this.node = node;
    }

    /** A constant (requires no gradient). */
    public static Variable constant(Tensor value) {
        return new Variable(value, false, null);
    }

    /** A leaf that requires a gradient (a trainable parameter). */
    public static Variable parameter(Tensor value, String name) {
        return new Variable(value, true, name);
    }

    // ------------------------------------------------------------------ state

    public Tensor value() { return value; }

    /** The accumulated gradient, or null when no backward pass has reached this variable. */
    public Tensor grad() { return grad; }

    public boolean requiresGrad() { return requiresGrad; }

    /** The name given at construction, or null. */
    public String name() { return name; }

    public Shape shape() { return value.shape(); }

    /** True for variables not produced by a recorded op. */
    public boolean isLeaf() { return node == null; }

    /** The op that produced this variable, or null for a leaf or after backward freed it. */
    Op creator() { return node == null ? null : node.op; }

    /** Name of the op that produced this variable ("leaf" for leaves). */
    public String creatorName() { return node == null ? "leaf" : node.opName; }

    /**
     * Turns gradient tracking on or off for a leaf (a frozen layer's weights).
     *
     * @throws IllegalStateException on a non-leaf, whose requirement follows from its inputs
     */
    public void setRequiresGrad(boolean requiresGrad) {
        if (node != null) {
            throw new IllegalStateException("setRequiresGrad: " + this + " is the result of " + node.opName
                    + "; only leaves can change it (use detach() for a constant copy)");
        }
        this.requiresGrad = requiresGrad;
    }

    /** Keeps this non-leaf's gradient after backward (leaves always keep theirs). Returns this. */
    public Variable retainGrad() {
        retainGrad = true;
        return this;
    }

    boolean keepsGrad() {
        return node == null || retainGrad;
    }

    void setGrad(Tensor g) {
        grad = g;
    }

    /** Forgets the gradient (sets it to null), so the next backward starts from nothing. */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Like {@link #zeroGrad}, but the next backward may write the new gradient into the old one's
     * storage instead of allocating (a GEMM's output, say): the caller promises it keeps no reference
     * to the old gradient tensor. A training loop does this after each optimizer step, so a weight's
     * gradient lives in the same warm memory from step to step.
     */
    public void releaseGrad() {
        if (grad != null && grad.isContiguous() && grad.offset() == 0 && grad.buffer().length() == grad.size()
                && grad.shape().equals(value.shape())) {
            if (spareGrad != null && spareGrad.buffer() != grad.buffer()) {
                // the last spare went unused (this gradient's op allocates its own): nobody else holds it
                spareGrad.backend().release(spareGrad.buffer());
            }
            spareGrad = AllocationScope.escape(grad); // lives on into the next step
        }
        grad = null;
    }

    /** The storage {@link #releaseGrad} left for the next gradient, handed out once; null when none. */
    Tensor takeSpareGrad() {
        Tensor t = spareGrad;
        spareGrad = null;
        return t;
    }

    /** Gives back a spare taken by the engine that the op did not use. */
    void keepSpareGrad(Tensor t) {
        spareGrad = t;
    }

    /** The same value as a constant leaf: no gradient flows through it. The value is shared, not copied. */
    public Variable detach() {
        return new Variable(value, false, name);
    }

    // ------------------------------------------------------------------ backward

    /**
     * Backpropagates from this scalar (any one-element variable): every leaf that requires grad and
     * that this depends on gets {@code d this / d leaf} added to its gradient. Frees the graph's saved
     * tensors.
     *
     * @throws IllegalArgumentException if this variable has more than one element
     * @throws IllegalStateException if this variable does not require grad, or the graph was freed
     */
    public void backward() {
        Graph.backward(this, null, false);
    }

    /** Backpropagates a given gradient of this variable (same shape), i.e. of {@code Σ this · gradOutput}. */
    public void backward(Tensor gradOutput) {
        Graph.backward(this, gradOutput, false);
    }

    /** As {@link #backward(Tensor)}; with {@code retainGraph} the graph can be walked again. */
    public void backward(Tensor gradOutput, boolean retainGraph) {
        Graph.backward(this, gradOutput, retainGraph);
    }

    // ------------------------------------------------------------------ fluent ops (see Functions)

    public Variable add(Variable o) { return Functions.add(this, o); }
    public Variable add(float s) { return Functions.add(this, s); }
    public Variable sub(Variable o) { return Functions.sub(this, o); }
    public Variable sub(float s) { return Functions.sub(this, s); }
    public Variable mul(Variable o) { return Functions.mul(this, o); }
    public Variable mul(float s) { return Functions.mul(this, s); }
    public Variable div(Variable o) { return Functions.div(this, o); }
    public Variable div(float s) { return Functions.div(this, s); }
    public Variable pow(Variable o) { return Functions.pow(this, o); }
    public Variable pow(float s) { return Functions.pow(this, s); }
    public Variable maximum(Variable o) { return Functions.maximum(this, o); }
    public Variable minimum(Variable o) { return Functions.minimum(this, o); }
    public Variable neg() { return Functions.neg(this); }
    public Variable abs() { return Functions.abs(this); }
    public Variable exp() { return Functions.exp(this); }
    public Variable log() { return Functions.log(this); }
    public Variable sqrt() { return Functions.sqrt(this); }
    public Variable square() { return Functions.square(this); }
    public Variable tanh() { return Functions.tanh(this); }
    public Variable sigmoid() { return Functions.sigmoid(this); }
    public Variable relu() { return Functions.relu(this); }
    public Variable leakyRelu(float alpha) { return Functions.leakyRelu(this, alpha); }
    public Variable elu(float alpha) { return Functions.elu(this, alpha); }
    public Variable selu() { return Functions.selu(this); }
    public Variable softplus() { return Functions.softplus(this); }
    public Variable softsign() { return Functions.softsign(this); }
    public Variable gelu(boolean approximate) { return Functions.gelu(this, approximate); }
    public Variable silu() { return Functions.silu(this); }
    public Variable mish() { return Functions.mish(this); }
    public Variable hardSigmoid() { return Functions.hardSigmoid(this); }
    public Variable hardSilu() { return Functions.hardSilu(this); }
    public Variable clip(float lo, float hi) { return Functions.clip(this, lo, hi); }
    public Variable matmul(Variable o) { return Functions.matmul(this, o); }
    public Variable sum() { return Functions.sum(this); }
    public Variable sum(int[] axes, boolean keepdims) { return Functions.sum(this, axes, keepdims); }
    public Variable mean() { return Functions.mean(this); }
    public Variable mean(int[] axes, boolean keepdims) { return Functions.mean(this, axes, keepdims); }
    public Variable max(int[] axes, boolean keepdims) { return Functions.max(this, axes, keepdims); }
    public Variable min(int[] axes, boolean keepdims) { return Functions.min(this, axes, keepdims); }
    public Variable reshape(int... dims) { return Functions.reshape(this, dims); }
    public Variable transpose(int axis0, int axis1) { return Functions.transpose(this, axis0, axis1); }
    public Variable permute(int... perm) { return Functions.permute(this, perm); }
    public Variable slice(int axis, int start, int end) { return Functions.slice(this, axis, start, end); }
    public Variable broadcastTo(Shape shape) { return Functions.broadcastTo(this, shape); }
    public Variable softmax(int axis) { return Functions.softmax(this, axis); }
    public Variable logSoftmax(int axis) { return Functions.logSoftmax(this, axis); }
    public Variable take(Tensor indices, int axis) { return Functions.gather(this, indices, axis); }

    /** {@code Variable 'w' [2, 3] (leaf)} or {@code Variable [2, 3] (MatMul)}. */
    @Override
    public String toString() {
        return "Variable" + (name == null ? "" : " '" + name + "'") + " " + value.shape() + " ("
                + creatorName() + (requiresGrad ? "" : ", no grad") + ")";
    }
}
