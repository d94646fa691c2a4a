package kiln.nn.losses;

import kiln.autograd.Variable;

/**
 * Keras's {@code CosineSimilarity} (default name "cosine_similarity"): −Σ_axis of the l2-normalised y_true and
 * y_pred; −1 for identical directions, 0 for orthogonal ones or a zero vector. As in Keras, {@code axis} is not
 * part of the config.
 */
public final class CosineSimilarity extends Loss {
    private final int axis;

    public CosineSimilarity() {
        this(-1);
    }

    public CosineSimilarity(int axis) {
        this(axis, Reduction.SUM_OVER_BATCH_SIZE, "cosine_similarity");
    }

    public CosineSimilarity(int axis, Reduction reduction, String name) {
        super(name, reduction);
        this.axis = axis;
    }

    public int axis() { return axis; }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.cosineSimilarity(yTrue, yPred, axis));
    }

    @Override public String className() { return "CosineSimilarity"; }
}
