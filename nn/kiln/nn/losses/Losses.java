package kiln.nn.losses;

import static kiln.autograd.Functions.abs;
import static kiln.autograd.Functions.add;
import static kiln.autograd.Functions.clip;
import static kiln.autograd.Functions.div;
import static kiln.autograd.Functions.log;
import static kiln.autograd.Functions.max;
import static kiln.autograd.Functions.maximum;
import static kiln.autograd.Functions.mean;
import static kiln.autograd.Functions.minimum;
import static kiln.autograd.Functions.mul;
import static kiln.autograd.Functions.neg;
import static kiln.autograd.Functions.pow;
import static kiln.autograd.Functions.softplus;
import static kiln.autograd.Functions.square;
import static kiln.autograd.Functions.sub;
import static kiln.autograd.Functions.sum;
import static kiln.nn.losses.Ranks.c;

import java.util.List;
import java.util.Map;
import kiln.autograd.Functions;
import kiln.autograd.Variable;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Keras's loss functions ({@code keras.losses.mean_squared_error}, ...): per-sample values reducing the last
 * axis, written with autograd ops so the gradient reaches y_pred. Formulas, epsilons and clipping are Keras
 * 3's (keras-reference §3.3–3.6, JAX backend): {@code EPSILON = 1e-7}.
 *
 * <pre>{@code
 * Variable perSample = Losses.meanSquaredError(yTrue, yPred);     // shape (B,) for (B, d) inputs
 * Loss loss = Losses.get("mse");                                  // the wrapper: reduction, sample weights
 * }</pre>
 *
 * <p>Each function rank-matches y_true to y_pred as Keras does and then requires compatible shapes, failing
 * with the loss's name and both shapes. String identifiers resolve in {@link #get}; configs in
 * {@link #fromConfig}.
 */
public final class Losses {
    private Losses() {}

    /** Keras's {@code backend.epsilon()}. */
    public static final float EPSILON = 1e-7f;
    /** The upper clip bound of probabilities, float32(1 − 1e-7) as Keras computes it. */
    static final float ONE_MINUS_EPSILON = (float) (1.0 - 1e-7);
    private static final int[] LAST = {-1};

    private static Variable meanLast(Variable x) { return mean(x, LAST, false); }

    /** 1 − x. */
    private static Variable oneMinus(Variable x) { return add(neg(x), 1f); }

    // ------------------------------------------------------------------ regression

    /** mean((y_true − y_pred)²) over the last axis. */
    public static Variable meanSquaredError(Variable yTrue, Variable yPred) {
        Variable[] m = Ranks.elementwise("mean_squared_error", yTrue, yPred);
        return meanLast(square(sub(m[0], m[1])));
    }

    /** mean(|y_true − y_pred|) over the last axis. */
    public static Variable meanAbsoluteError(Variable yTrue, Variable yPred) {
        Variable[] m = Ranks.elementwise("mean_absolute_error", yTrue, yPred);
        return meanLast(abs(sub(m[0], m[1])));
    }

    /** 100 · mean(|(y_true − y_pred) / max(|y_true|, eps)|). */
    public static Variable meanAbsolutePercentageError(Variable yTrue, Variable yPred) {
        Variable[] m = Ranks.elementwise("mean_absolute_percentage_error", yTrue, yPred);
        Variable diff = abs(div(sub(m[0], m[1]), maximum(abs(m[0]), c(m[0], EPSILON))));
        return mul(meanLast(diff), 100f);
    }

    /** mean((log(max(y_pred, eps) + 1) − log(max(y_true, eps) + 1))²). */
    public static Variable meanSquaredLogarithmicError(Variable yTrue, Variable yPred) {
        Variable[] m = Ranks.elementwise("mean_squared_logarithmic_error", yTrue, yPred);
        Variable first = log(add(maximum(m[1], c(m[1], EPSILON)), 1f));
        Variable second = log(add(maximum(m[0], c(m[0], EPSILON)), 1f));
        return meanLast(square(sub(first, second)));
    }

    /** Huber: mean of 0.5·d² where |d| ≤ delta, else delta·|d| − 0.5·delta², d = y_pred − y_true. */
    public static Variable huber(Variable yTrue, Variable yPred, float delta) {
        Variable[] m = Ranks.elementwise("huber", yTrue, yPred);
        Variable error = sub(m[1], m[0]);
        Variable absError = abs(error);
        Tensor small = absError.value().le(absError.value().scalarLike(delta));
        Variable quadratic = mul(square(error), 0.5f);
        Variable linear = sub(mul(absError, delta), 0.5f * (delta * delta));
        return meanLast(Functions.where(small, quadratic, linear));
    }

    /** mean(log(cosh(d))), computed stably as d + softplus(−2d) − log 2. */
    public static Variable logCosh(Variable yTrue, Variable yPred) {
        Variable[] m = Ranks.elementwise("log_cosh", yTrue, yPred);
        Variable x = sub(m[1], m[0]);
        return meanLast(sub(add(x, softplus(mul(x, -2f))), (float) Math.log(2.0)));
    }

    /** −Σ_axis(l2_normalize(y_true) · l2_normalize(y_pred)); 0 when either is a zero vector. */
    public static Variable cosineSimilarity(Variable yTrue, Variable yPred, int axis) {
        Variable[] m = Ranks.elementwise("cosine_similarity", yTrue, yPred);
        int[] ax = {axis};
        return neg(sum(mul(l2Normalize(m[0], ax), l2Normalize(m[1], ax)), ax, false));
    }

    /** Keras's normalize: x · min(rsqrt(Σx²), 1/eps). */
    private static Variable l2Normalize(Variable x, int[] axis) {
        Variable invNorm = pow(sum(square(x), axis, true), -0.5f);
        return mul(x, minimum(invNorm, c(x, 1f / EPSILON)));
    }

    // ------------------------------------------------------------------ probabilistic

    /** Σ a·log(a/b) over the last axis, a = clip(y_true, eps, 1), b = clip(y_pred, eps, 1). */
    public static Variable klDivergence(Variable yTrue, Variable yPred) {
        Variable[] m = Ranks.elementwise("kl_divergence", yTrue, yPred);
        Variable a = clip(m[0], EPSILON, 1f);
        Variable b = clip(m[1], EPSILON, 1f);
        return sum(mul(a, log(div(a, b))), LAST, false);
    }

    /** mean(y_pred − y_true·log(y_pred + eps)). */
    public static Variable poisson(Variable yTrue, Variable yPred) {
        Variable[] m = Ranks.elementwise("poisson", yTrue, yPred);
        return meanLast(sub(m[1], mul(m[0], log(add(m[1], EPSILON)))));
    }

    // ------------------------------------------------------------------ hinge

    /** mean(max(1 − y·y_pred, 0)); labels all in {0, 1} are first mapped to −1/1, as Keras. */
    public static Variable hinge(Variable yTrue, Variable yPred) {
        Variable[] m = Ranks.elementwise("hinge", yTrue, yPred);
        Variable margin = oneMinus(mul(hingeLabels(m[0]), m[1]));
        return meanLast(maximum(margin, c(margin, 0f)));
    }

    /** mean(max(1 − y·y_pred, 0)²), labels mapped as in {@link #hinge}. */
    public static Variable squaredHinge(Variable yTrue, Variable yPred) {
        Variable[] m = Ranks.elementwise("squared_hinge", yTrue, yPred);
        Variable margin = oneMinus(mul(hingeLabels(m[0]), m[1]));
        return meanLast(square(maximum(margin, c(margin, 0f))));
    }

    /** max(max((1 − y)·y_pred) − Σ y·y_pred + 1, 0) over the last axis (no label conversion). */
    public static Variable categoricalHinge(Variable yTrue, Variable yPred) {
        Variable[] m = Ranks.elementwise("categorical_hinge", yTrue, yPred);
        Variable pos = sum(mul(m[0], m[1]), LAST, false);
        Variable negative = max(mul(oneMinus(m[0]), m[1]), LAST, false);
        Variable margin = add(sub(negative, pos), 1f);
        return maximum(margin, c(margin, 0f));
    }

    /** 2y − 1 when every label is 0 or 1, else y unchanged (Keras's convert_binary_labels_to_hinge). */
    private static Variable hingeLabels(Variable y) {
        for (float v : Ranks.floatsOf(y.value())) {
            if (v != 0f && v != 1f) {
                return y;
            }
        }
        return sub(mul(y, 2f), 1f);
    }

    // ------------------------------------------------------------------ cross-entropies

    /**
     * Binary cross-entropy averaged over {@code axis}; y_true smoothed to y·(1 − ls) + ls/2. From logits x:
     * y·softplus(−x) + (1 − y)·softplus(x), exact; from probabilities: −(y·log p + (1 − y)·log(1 − p)) with
     * p = clip(y_pred, eps, 1 − eps). Shapes must be equal after rank matching.
     */
    public static Variable binaryCrossentropy(Variable yTrue, Variable yPred, boolean fromLogits,
            double labelSmoothing, int axis) {
        return Crossentropy.binary(yTrue, yPred, fromLogits, labelSmoothing, axis);
    }

    /**
     * Binary focal cross-entropy: the clipped BCE of p (sigmoid(y_pred) with {@code fromLogits}) scaled by
     * (1 − p_t)^gamma, p_t = y·p + (1 − y)·(1 − p), and with class balancing by y·alpha + (1 − y)·(1 − alpha).
     */
    public static Variable binaryFocalCrossentropy(Variable yTrue, Variable yPred, boolean applyClassBalancing,
            double alpha, double gamma, boolean fromLogits, double labelSmoothing, int axis) {
        return Crossentropy.binaryFocal(yTrue, yPred, applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing,
                axis);
    }

    /**
     * Categorical cross-entropy of one-hot / probability targets (same shape as y_pred), smoothed to
     * y·(1 − ls) + ls/C. From logits: −Σ y·log_softmax(x) (fused when the axis is last and target rows sum to 1);
     * from probabilities: −Σ y·log(clip(p / Σp, eps, 1 − eps)).
     */
    public static Variable categoricalCrossentropy(Variable yTrue, Variable yPred, boolean fromLogits,
            double labelSmoothing, int axis) {
        return Crossentropy.categorical(yTrue, yPred, fromLogits, labelSmoothing, axis);
    }

    /**
     * Sparse categorical cross-entropy of integer labels (int32 or integral float32, shape (...) or (..., 1))
     * against (..., classes) predictions; entries whose label is {@code ignoreClass} (null: none) give 0.
     * From logits the fused softmax cross-entropy; from probabilities −log(clip(p / Σp, eps, 1 − eps)[label]).
     *
     * @throws IllegalArgumentException for labels out of [0, C) or not integral (Keras is silent), or labels
     *     whose shape is not y_pred's without the class axis
     */
    public static Variable sparseCategoricalCrossentropy(Variable yTrue, Variable yPred, boolean fromLogits,
            Integer ignoreClass) {
        return Crossentropy.sparse("sparse_categorical_crossentropy", yTrue, yPred, fromLogits, ignoreClass).values();
    }

    // ------------------------------------------------------------------ total loss

    /**
     * The training loss Keras minimises (keras-reference §3.8): the reduced data loss plus every penalty (weight
     * regularizers, {@code add_loss} terms), each summed to a scalar. Penalties are not divided by the batch size.
     */
    public static Variable total(Variable dataLoss, List<Variable> penalties) {
        Variable t = dataLoss;
        for (Variable p : penalties) {
            t = add(t, p.shape().rank() == 0 ? p : sum(p));
        }
        return t;
    }

    // ------------------------------------------------------------------ identifiers

    /**
     * The loss a Keras string identifier names, with Keras's defaults: a class name ("MeanSquaredError",
     * "SparseCategoricalCrossentropy") gives that class with its default name; a function name or alias
     * ("mse", "mean_squared_error", "bce", "sparse_categorical_crossentropy", "kld") gives the same class named
     * by the identifier, as {@code compile} wraps a function under the string it was given. Case-sensitive.
     *
     * @throws IllegalArgumentException for an unknown identifier, listing the valid ones
     */
    public static Loss get(String identifier) {
        return LossRegistry.get(identifier);
    }

    /**
     * {@code compile}'s resolution (keras-reference §3.7): as {@link #get(String)}, except that
     * {@code "crossentropy"} / {@code "ce"} (any case) choose from the shapes of the first batch — binary when
     * y_pred's last dimension is 1, sparse categorical when y_true has lower rank or ends in 1 while y_pred does
     * not, categorical otherwise — named by the identifier as written.
     */
    public static Loss get(String identifier, Shape yTrue, Shape yPred) {
        if (identifier == null || !(identifier.equalsIgnoreCase("crossentropy") || identifier.equalsIgnoreCase("ce"))) {
            return get(identifier);
        }
        Reduction r = Reduction.SUM_OVER_BATCH_SIZE;
        int pLast = yPred.rank() == 0 ? 1 : yPred.last();
        int tLast = yTrue.rank() == 0 ? 1 : yTrue.last();
        if (pLast == 1) {
            return new BinaryCrossentropy(false, 0.0, -1, r, identifier);
        }
        if (yTrue.rank() < yPred.rank() || tLast == 1) {
            return new SparseCategoricalCrossentropy(false, null, r, identifier);
        }
        return new CategoricalCrossentropy(false, 0.0, -1, r, identifier);
    }

    /** Rebuilds a loss from its Keras class name and config (Keras's {@code from_config}). */
    public static Loss fromConfig(String className, Map<String, Object> config) {
        return LossRegistry.fromConfig(className, config);
    }

    /** Every string identifier {@link #get} accepts, sorted. */
    public static List<String> names() {
        return LossRegistry.names();
    }
}
