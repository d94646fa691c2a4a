package kiln.nn.activations;

import java.util.function.UnaryOperator;
import kiln.autograd.Functions;
import kiln.autograd.Variable;
import kiln.tensor.UnaryOp;

/**
 * An activation function with its Keras name: {@link #apply} maps a Variable elementwise (or along the last
 * axis, for softmax), and {@link #name()} is the string a layer config stores ({@code "relu"}, {@code "silu"}
 * for {@code "swish"}), as Keras serializes activations by name.
 *
 * <p>Where a fused kernel exists, {@link #hasFusedOp()} is true and {@link #fusedOp()} / {@link #fusedAlpha()}
 * give what {@link Functions#biasActivation} takes, so a Dense layer computes {@code act(x·W + b)} in one pass:
 * <pre>{@code
 * Activation act = Activations.get("relu");
 * Variable y = act.applyWithBias(x.matmul(kernel), bias);   // fused when act.hasFusedOp()
 * }</pre>
 * {@code linear} has a fused form whose op is null (identity: the bias add alone); softmax, log_softmax,
 * relu6 and relu with non-default arguments have none and fall back to {@code apply(x + bias)}.
 *
 * <p>Instances are immutable and compare by name and parameters.
 */
public final class Activation {
    private final String name;
    private final String params;
    private final UnaryOperator<Variable> fn;
    private final boolean fused;
    private final UnaryOp op;
    private final float alpha;

    private Activation(String name, String params, UnaryOperator<Variable> fn, boolean fused, UnaryOp op,
            float alpha) {
        this.name = name;
        this.params = params;
        this.fn = fn;
        this.fused = fused;
        this.op = op;
        this.alpha = alpha;
    }

    /** An activation with no fused kernel. {@code params} describes non-default arguments ("" for none). */
    static Activation of(String name, String params, UnaryOperator<Variable> fn) {
        return new Activation(name, params, fn, false, null, 0f);
    }

    /** An activation whose fused form is {@code op} with parameter {@code alpha} (op null: identity). */
    static Activation fused(String name, String params, UnaryOperator<Variable> fn, UnaryOp op, float alpha) {
        return new Activation(name, params, fn, true, op, alpha);
    }

    /** The Keras identifier, as stored in a layer's config ({@code "relu"}, {@code "silu"}, {@code "linear"}). */
    public String name() { return name; }

    /** The function itself. */
    public Variable apply(Variable x) { return fn.apply(x); }

    /** True when {@link Functions#biasActivation} can compute {@code apply(x + bias)} in one fused pass. */
    public boolean hasFusedOp() { return fused; }

    /** The fused kernel's op; null for {@code linear} (identity) and for activations with none. */
    public UnaryOp fusedOp() { return op; }

    /** The fused kernel's parameter (leaky_relu's slope, elu's alpha), 0 where unused. */
    public float fusedAlpha() { return alpha; }

    /** True for the identity. */
    public boolean isLinear() { return fused && op == null; }

    /**
     * {@code apply(x + bias)}, bias of shape (units) broadcast over the leading axes: one fused pass when
     * {@link #hasFusedOp()}, else the add then the activation.
     */
    public Variable applyWithBias(Variable x, Variable bias) {
        if (fused) {
            return Functions.biasActivation(x, bias, op, alpha);
        }
        return fn.apply(Functions.add(x, bias));
    }

    /** The Keras serialization: the name (non-default arguments, e.g. relu's max_value, are not kept, as Keras). */
    public String serialize() { return name; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activation a && a.name.equals(name) && a.params.equals(params);
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + params.hashCode(); }

    /** {@code relu} or {@code relu(max_value=6.0)}. */
    @Override
    public String toString() { return params.isEmpty() ? name : name + "(" + params + ")"; }
}
