package kiln.autograd;

import kiln.tensor.Tensor;

/**
 * One differentiable function: {@link #forward} computes the output from input values and keeps in
 * fields what {@link #backward} needs; {@code backward} turns the output's gradient into one
 * contribution per input, written in {@link Tensor} operations so every backend gets gradients.
 *
 * <p>Contract for {@code backward}: return {@code null} for an input that needs no gradient
 * ({@code needs[i] == false}) or has none; contributions may have the output's (broadcast) shape — the
 * engine sums them back to each input's shape; the same tensor (or a view of {@code gradOut}) may be
 * returned for several inputs — the engine never mutates what an op returns.
 *
 * <p>An instance is single-use: it is applied once and then belongs to the graph node it created.
 *
 * <pre>{@code
 * Variable y = new kiln.autograd.ops.Exp().apply(x);   // usually through Functions.exp(x) or x.exp()
 * }</pre>
 */
public abstract class Op {
    private boolean applied;
    private boolean recording;

    /** Computes the output from the input values; may save tensors in fields for backward. */
    protected abstract Tensor forward(Tensor... in);

    /** The gradient contribution for each input, given the gradient of the output. */
    protected abstract Tensor[] backward(Tensor gradOut, boolean[] needs);

    /**
     * Where the engine would like input {@code i}'s gradient, or null: a dense tensor of that input's
     * shape that {@link #backward} may overwrite and return instead of allocating a new one (a
     * weight's gradient storage from the previous step). Ops that can write in place — a GEMM with
     * {@code out=} — use it; every other op ignores it. Only valid during backward.
     */
    protected final Tensor gradientBuffer(int i) {
        return gradientBuffers == null ? null : gradientBuffers[i];
    }

    /** Set by the engine around {@link #backward}; see {@link #gradientBuffer}. */
    Tensor[] gradientBuffers;

    /** The name used in errors and in {@link OpRegistry}; the class name by default. */
    public String name() {
        return getClass().getSimpleName();
    }

    /**
     * True during {@link #forward} when the result will be recorded for backward; an op may skip
     * preparing expensive saved state (a fused gradient, a mask) when it is false.
     */
    protected final boolean recording() {
        return recording;
    }

    /**
     * Runs the op on variables. The result requires grad, and remembers this op, when some input
     * requires grad and no {@link NoGrad} scope is active.
     *
     * @throws IllegalStateException if this instance was already applied
     */
    public final Variable apply(Variable... inputs) {
        if (applied) {
            throw new IllegalStateException(name() + ": an Op instance is single-use (it holds the state its "
                    + "backward needs); create a new one for each application");
        }
        applied = true;
        boolean anyGrad = false;
        Tensor[] values = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException(name() + ": input " + i + " is null");
            }
            values[i] = inputs[i].value();
            anyGrad |= inputs[i].requiresGrad();
        }
        recording = anyGrad && !NoGrad.active();
        Tensor out = forward(values);
        if (!recording) {
            return new Variable(out, false, null);
        }
        return new Variable(out, new Node(this, inputs.clone()));
    }
}
