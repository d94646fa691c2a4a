package kiln.nn.activations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kiln.autograd.Functions;
import kiln.autograd.Variable;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * Keras's activation functions ({@code keras.activations}), as static functions on Variables and as named
 * {@link Activation} objects, with {@link #get(String)} resolving Keras's string identifiers.
 *
 * <pre>{@code
 * Activations.get("swish").name()                        // "silu"
 * Activations.relu(x, 0.1f, 6f, 0f)                      // keras.activations.relu(x, 0.1, 6.0, 0.0)
 * Activations.get("Relu")                                // IllegalArgumentException listing the valid names
 * }</pre>
 *
 * <p>Formulas and kink conventions are Keras 3's (keras-reference §1): relu'(0) = 0, hard_sigmoid with slope
 * 1/6, {@code "gelu"} the exact erf form, {@code "leaky_relu"} slope 0.2, softmax and log_softmax along the
 * last axis (rank 1 included; Keras 3 has no special rule for it).
 */
public final class Activations {
    private Activations() {}

    // ------------------------------------------------------------------ the functions

    /** Identity. */
    public static Variable linear(Variable x) { return x; }

    /** max(x, 0); relu'(0) = 0. */
    public static Variable relu(Variable x) { return Functions.relu(x); }

    /**
     * Keras's {@code relu(x, negative_slope, max_value, threshold)} with its exact order of operations
     * (keras-reference §1.3): {@code min(x, max_value)} above the threshold, {@code negative_slope·(x −
     * threshold)} at or below it. {@code maxValue} null means no cap.
     */
    public static Variable relu(Variable x, float negativeSlope, Float maxValue, float threshold) {
        if (negativeSlope == 0f && maxValue == null && threshold == 0f) {
            return Functions.relu(x);
        }
        if (negativeSlope != 0f && maxValue == null && threshold == 0f) {
            return Functions.leakyRelu(x, negativeSlope);
        }
        Variable negativePart = null;
        if (negativeSlope != 0f) {
            negativePart = Functions.relu(threshold != 0f ? Functions.add(Functions.neg(x), threshold) : Functions.neg(x));
        }
        boolean clipMax = maxValue != null;
        Variable pos;
        if (threshold != 0f) {
            Tensor above = x.value().gt(x.value().scalarLike(threshold));
            pos = Functions.where(above, x, Variable.constant(x.value().scalarLike(0f)));
        } else if (maxValue != null && maxValue == 6f) {
            pos = relu6(x);
            clipMax = false;
        } else {
            pos = Functions.relu(x);
        }
        if (clipMax) {
            pos = Functions.clip(pos, 0f, maxValue);
        }
        return negativePart == null ? pos : Functions.sub(pos, Functions.mul(negativePart, negativeSlope));
    }

    /** min(max(x, 0), 6); the derivative is 1 on 0 &lt; x &lt; 6 and 0 elsewhere, both kinks included. */
    public static Variable relu6(Variable x) {
        Tensor below6 = x.value().lt(x.value().scalarLike(6f));
        return Functions.where(below6, Functions.relu(x), Variable.constant(x.value().scalarLike(6f)));
    }

    /** max(x, slope·x) ({@code keras.activations.leaky_relu}; its default slope is 0.2). */
    public static Variable leakyRelu(Variable x, float negativeSlope) { return Functions.leakyRelu(x, negativeSlope); }

    /** x for x &gt; 0, alpha·(exp(x) − 1) otherwise. */
    public static Variable elu(Variable x, float alpha) { return Functions.elu(x, alpha); }

    /** scale·elu(x, alpha) with Keras's fixed constants. */
    public static Variable selu(Variable x) { return Functions.selu(x); }

    /** log(1 + exp(x)), stable. */
    public static Variable softplus(Variable x) { return Functions.softplus(x); }

    /** x / (1 + |x|). */
    public static Variable softsign(Variable x) { return Functions.softsign(x); }

    /** 1 / (1 + exp(−x)). */
    public static Variable sigmoid(Variable x) { return Functions.sigmoid(x); }

    /** Keras 3's hard sigmoid: relu6(x + 3) / 6 (breakpoints ±3). */
    public static Variable hardSigmoid(Variable x) { return Functions.hardSigmoid(x); }

    /** x · hard_sigmoid(x) (also {@code "hard_swish"}). */
    public static Variable hardSilu(Variable x) { return Functions.hardSilu(x); }

    /** x · sigmoid(x) (also {@code "swish"}). */
    public static Variable silu(Variable x) { return Functions.silu(x); }

    /** GELU: the exact x·Φ(x), or with {@code approximate} the tanh form. */
    public static Variable gelu(Variable x, boolean approximate) { return Functions.gelu(x, approximate); }

    /** x · tanh(softplus(x)). */
    public static Variable mish(Variable x) { return Functions.mish(x); }

    /** exp(x). */
    public static Variable exponential(Variable x) { return Functions.exp(x); }

    /** tanh(x). */
    public static Variable tanh(Variable x) { return Functions.tanh(x); }

    /** softmax along {@code axis} (max-subtracted). An axis of size 1 gives ones, as Keras (which only warns). */
    public static Variable softmax(Variable x, int axis) { return Functions.softmax(x, axis); }

    /** log_softmax along {@code axis}. */
    public static Variable logSoftmax(Variable x, int axis) { return Functions.logSoftmax(x, axis); }

    // ------------------------------------------------------------------ named activations (Keras defaults)

    public static final Activation LINEAR = Activation.fused("linear", "", Activations::linear, null, 0f);
    public static final Activation RELU = Activation.fused("relu", "", Activations::relu, UnaryOp.RELU, 0f);
    public static final Activation RELU6 = Activation.of("relu6", "", Activations::relu6);
    public static final Activation LEAKY_RELU = leakyRelu(0.2f);
    public static final Activation ELU = elu(1f);
    public static final Activation SELU = Activation.fused("selu", "", Activations::selu, UnaryOp.SELU, 0f);
    public static final Activation SOFTPLUS =
            Activation.fused("softplus", "", Activations::softplus, UnaryOp.SOFTPLUS, 0f);
    public static final Activation SOFTSIGN =
            Activation.fused("softsign", "", Activations::softsign, UnaryOp.SOFTSIGN, 0f);
    public static final Activation SIGMOID = Activation.fused("sigmoid", "", Activations::sigmoid, UnaryOp.SIGMOID, 0f);
    public static final Activation HARD_SIGMOID =
            Activation.fused("hard_sigmoid", "", Activations::hardSigmoid, UnaryOp.HARD_SIGMOID, 0f);
    public static final Activation HARD_SILU =
            Activation.fused("hard_silu", "", Activations::hardSilu, UnaryOp.HARD_SILU, 0f);
    public static final Activation SILU = Activation.fused("silu", "", Activations::silu, UnaryOp.SILU, 0f);
    public static final Activation GELU = gelu(false);
    public static final Activation MISH = Activation.fused("mish", "", Activations::mish, UnaryOp.MISH, 0f);
    public static final Activation EXPONENTIAL =
            Activation.fused("exponential", "", Activations::exponential, UnaryOp.EXP, 0f);
    public static final Activation TANH = Activation.fused("tanh", "", Activations::tanh, UnaryOp.TANH, 0f);
    public static final Activation SOFTMAX = softmax(-1);
    public static final Activation LOG_SOFTMAX = logSoftmax(-1);

    /** relu with arguments (the {@code ReLU} layer's function); fused only with the defaults or as a leaky relu. */
    public static Activation relu(float negativeSlope, Float maxValue, float threshold) {
        if (maxValue != null && !(maxValue >= 0)) {
            throw new IllegalArgumentException("relu: max_value must be >= 0 or null, got " + maxValue);
        }
        if (negativeSlope == 0f && maxValue == null && threshold == 0f) {
            return RELU;
        }
        String params = "negative_slope=" + negativeSlope + ", max_value=" + maxValue + ", threshold=" + threshold;
        if (maxValue == null && threshold == 0f) {
            return Activation.fused("relu", params, x -> relu(x, negativeSlope, null, 0f), UnaryOp.LEAKY_RELU,
                    negativeSlope);
        }
        return Activation.of("relu", params, x -> relu(x, negativeSlope, maxValue, threshold));
    }

    public static Activation leakyRelu(float negativeSlope) {
        return Activation.fused("leaky_relu", negativeSlope == 0.2f ? "" : "negative_slope=" + negativeSlope,
                x -> leakyRelu(x, negativeSlope), UnaryOp.LEAKY_RELU, negativeSlope);
    }

    public static Activation elu(float alpha) {
        return Activation.fused("elu", alpha == 1f ? "" : "alpha=" + alpha, x -> elu(x, alpha), UnaryOp.ELU, alpha);
    }

    /** {@code "gelu"} is the exact form; {@code approximate} selects the tanh form (serialized as "gelu" too). */
    public static Activation gelu(boolean approximate) {
        return Activation.fused("gelu", approximate ? "approximate=True" : "", x -> gelu(x, approximate),
                approximate ? UnaryOp.GELU_TANH : UnaryOp.GELU, 0f);
    }

    public static Activation softmax(int axis) {
        return Activation.of("softmax", axis == -1 ? "" : "axis=" + axis, x -> softmax(x, axis));
    }

    public static Activation logSoftmax(int axis) {
        return Activation.of("log_softmax", axis == -1 ? "" : "axis=" + axis, x -> logSoftmax(x, axis));
    }

    // ------------------------------------------------------------------ identifiers

    private static final Map<String, Activation> BY_NAME = new LinkedHashMap<>();

    static {
        for (Activation a : List.of(LINEAR, RELU, RELU6, LEAKY_RELU, ELU, SELU, SOFTPLUS, SOFTSIGN, SIGMOID,
                HARD_SIGMOID, HARD_SILU, SILU, GELU, MISH, EXPONENTIAL, TANH, SOFTMAX, LOG_SOFTMAX)) {
            BY_NAME.put(a.name(), a);
        }
        BY_NAME.put("swish", SILU);
        BY_NAME.put("hard_swish", HARD_SILU);
    }

    /** Keras 3 activation names Kiln does not implement (a clearer error than "unknown"). */
    private static final Set<String> KERAS_ONLY = Set.of("celu", "glu", "hard_shrink", "hard_tanh", "log_sigmoid",
            "soft_shrink", "sparse_plus", "sparse_sigmoid", "sparsemax", "squareplus", "tanh_shrink", "threshold");

    /**
     * The activation a Keras identifier names, with Keras's default arguments; null gives {@code linear}, as
     * Keras. Case-sensitive, as Keras ("Relu" is not valid).
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Activation get(String identifier) {
        if (identifier == null) {
            return LINEAR;
        }
        Activation a = BY_NAME.get(identifier);
        if (a == null) {
            String why = KERAS_ONLY.contains(identifier)
                    ? "Keras activation '" + identifier + "' is not implemented in Kiln"
                    : "Could not interpret activation function identifier: '" + identifier + "'";
            throw new IllegalArgumentException(why + ". Valid identifiers: " + String.join(", ", names()));
        }
        return a;
    }

    /** Every identifier {@link #get} accepts, sorted. */
    public static List<String> names() {
        return List.copyOf(new TreeSet<>(BY_NAME.keySet()));
    }
}
