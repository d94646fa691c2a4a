package kiln.autograd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.autograd.ops.*;

/**
 * The single list of differentiable ops. The gradient sweep ({@code OpSpecs} in the tests) must cover
 * every entry, and every op class in {@code kiln.autograd.ops} must appear here: an op missing from
 * either is not done. A class may back several entries (Gelu: exact and tanh forms).
 *
 * <pre>{@code
 * OpRegistry.get("relu").type()   // class kiln.autograd.ops.Relu
 * }</pre>
 */
public final class OpRegistry {
    /** One op kind: its registry name (snake_case, Keras-like) and the class implementing it. */
    public record Entry(String name, Class<? extends Op> type) {}

    private static final List<Entry> ALL = List.of(
            // arithmetic, broadcasting
            new Entry("add", Add.class),
            new Entry("sub", Sub.class),
            new Entry("mul", Mul.class),
            new Entry("div", Div.class),
            new Entry("pow", Pow.class),
            new Entry("maximum", Maximum.class),
            new Entry("minimum", Minimum.class),
            new Entry("where", Where.class),
            new Entry("dropout_mask", MaskMul.class),
            // elementwise
            new Entry("neg", Neg.class),
            new Entry("abs", Abs.class),
            new Entry("exp", Exp.class),
            new Entry("log", Log.class),
            new Entry("sqrt", Sqrt.class),
            new Entry("square", Square.class),
            new Entry("clip", Clip.class),
            // activations
            new Entry("tanh", Tanh.class),
            new Entry("sigmoid", Sigmoid.class),
            new Entry("relu", Relu.class),
            new Entry("leaky_relu", LeakyRelu.class),
            new Entry("elu", Elu.class),
            new Entry("selu", Selu.class),
            new Entry("softplus", Softplus.class),
            new Entry("softsign", Softsign.class),
            new Entry("gelu", Gelu.class),
            new Entry("gelu_tanh", Gelu.class),
            new Entry("silu", Silu.class),
            new Entry("mish", Mish.class),
            new Entry("hard_sigmoid", HardSigmoid.class),
            new Entry("hard_silu", HardSilu.class),
            new Entry("bias_activation", BiasActivation.class),
            // linear algebra, reductions
            new Entry("matmul", MatMul.class),
            new Entry("sum", Sum.class),
            new Entry("mean", Mean.class),
            new Entry("max", Max.class),
            new Entry("min", Min.class),
            new Entry("log_sum_exp", LogSumExp.class),
            // shapes, indexing
            new Entry("reshape", Reshape.class),
            new Entry("transpose", Transpose.class),
            new Entry("slice", Slice.class),
            new Entry("concat", Concat.class),
            new Entry("broadcast_to", BroadcastTo.class),
            new Entry("gather", Gather.class),
            // softmax and losses
            new Entry("softmax", Softmax.class),
            new Entry("log_softmax", LogSoftmax.class),
            new Entry("softmax_cross_entropy", SoftmaxCrossEntropy.class),
            new Entry("sparse_cross_entropy", SparseCrossEntropy.class));

    private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();

    static {
        for (Entry e : ALL) {
            if (BY_NAME.put(e.name(), e) != null) {
                throw new ExceptionInInitializerError("OpRegistry: duplicate op name " + e.name());
            }
        }
    }

    private OpRegistry() {}

    /** Every registered op, in a stable order. */
    public static List<Entry> all() {
        return ALL;
    }

    /**
     * The entry named {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     */
    public static Entry get(String name) {
        Entry e = BY_NAME.get(name);
        if (e == null) {
            throw new IllegalArgumentException("OpRegistry: unknown op '" + name + "'; known: " + BY_NAME.keySet());
        }
        return e;
    }
}
