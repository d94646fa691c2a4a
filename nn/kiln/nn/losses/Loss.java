package kiln.nn.losses;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.autograd.Variable;
import kiln.nn.saving.KerasSerializable;
import kiln.tensor.Tensor;

/**
 * A Keras loss: per-sample values from a function ({@link #call}, given rank-matched inputs), then one
 * pipeline for all (Keras's {@code Loss.__call__}, keras-reference §3.1–3.2): rank matching of y_true to
 * y_pred, the per-sample function, masks (the caller's and the loss's own, e.g. {@code ignore_class}), sample
 * weights, and the {@link Reduction}.
 *
 * <pre>{@code
 * Loss loss = Losses.get("sparse_categorical_crossentropy");
 * Variable l = loss.apply(labels, probs);                  // a scalar: mean over the batch
 * Variable w = loss.apply(labels, probs, sampleWeight);    // weights (B,) or broadcastable to the values
 * l.backward();
 * }</pre>
 *
 * <p>y_true is data (a Tensor, int32 or float32); y_pred is a Variable so the gradient reaches the model.
 * Subclasses only bind arguments (the style of Keras's {@code LossFunctionWrapper}).
 */
public abstract class Loss implements KerasSerializable {
    private final String name;
    private final Reduction reduction;

    /** Per-sample loss values and, for losses that mask entries, a float 0/1 mask of the same shape. */
    public record PerSample(Variable values, Tensor mask) {
        public static PerSample of(Variable values) { return new PerSample(values, null); }
    }

    protected Loss(String name, Reduction reduction) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name must be a non-empty string");
        }
        if (reduction == null) {
            throw new IllegalArgumentException(name + ": reduction is null (use Reduction.NONE for Keras's None)");
        }
        this.name = name;
        this.reduction = reduction;
    }

    /** The per-sample values for y_true and y_pred, already rank-matched (Keras's {@code call}). */
    protected abstract PerSample call(Variable yTrue, Variable yPred);

    /** The loss's name ("mean_squared_error", or the identifier it was made from, e.g. "mse"). */
    public final String name() { return name; }

    public final Reduction reduction() { return reduction; }

    /** The reduced loss of predictions against targets. */
    public final Variable apply(Tensor yTrue, Variable yPred) {
        return apply(Variable.constant(yTrue), yPred, null, null);
    }

    /** As {@link #apply(Tensor, Variable)} with per-sample weights (null: none). */
    public final Variable apply(Tensor yTrue, Variable yPred, Tensor sampleWeight) {
        return apply(Variable.constant(yTrue), yPred, sampleWeight, null);
    }

    /**
     * The full pipeline. {@code sampleWeight} (null: none) is rank-matched to the per-sample values, then
     * broadcast: (B,) for values (B,); (B,T), (B,1) or a scalar for (B,T). {@code mask} (null: none) is the
     * mask carried by y_pred (e.g. from {@code mask_zero}), a float 0/1 or boolean-like tensor broadcastable to
     * the values; it is combined with the loss's own mask, and with the mean reductions the average is over
     * the valid entries only.
     *
     * @throws IllegalArgumentException naming this loss and the shapes when y_true, y_pred, the weights or the
     *     mask do not fit, or (sparse cross-entropy) when a label is out of range
     */
    public final Variable apply(Variable yTrue, Variable yPred, Tensor sampleWeight, Tensor mask) {
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException(name + ": y_true and y_pred are required (got "
                    + (yTrue == null ? "null" : yTrue.shape()) + ", " + (yPred == null ? "null" : yPred.shape()) + ")");
        }
        if (yPred.value().dtype() != kiln.tensor.DType.FLOAT32) {
            throw new IllegalArgumentException(name + ": y_pred must be float32, got " + yPred.value().dtype()
                    + " of shape " + yPred.shape());
        }
        Variable[] m = Ranks.match(yTrue, yPred);
        PerSample v = call(m[0], m[1]);
        Tensor combined = v.mask();
        if (mask != null) {
            Tensor in = mask.toFloat().ne(mask.toFloat().scalarLike(0f));
            combined = combined == null ? in : WeightedReduction.product(name, "mask", combined, in);
        }
        return WeightedReduction.reduce(name, v.values(), sampleWeight, combined, reduction);
    }

    /** Keras's {@code get_config()}: name, reduction, then the loss's own arguments in Keras's order. */
    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("reduction", reduction.kerasName());
        addConfig(c);
        return c;
    }

    /** Adds the loss's own arguments (none by default). */
    protected void addConfig(Map<String, Object> config) {}

    /** {@code MeanSquaredError{name=mse, reduction=sum_over_batch_size}}. */
    @Override
    public String toString() {
        return className() + getConfig();
    }
}
