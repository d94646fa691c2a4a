package kiln.nn.losses;

import kiln.autograd.Variable;

/**
 * Keras's {@code Huber} (default name "huber_loss"): mean of 0.5·d² where |d| ≤ delta, else
 * delta·|d| − 0.5·delta². As in Keras, {@code delta} is not part of the config (a round trip restores 1.0).
 */
public final class Huber extends Loss {
    private final float delta;

    public Huber() {
        this(1.0f);
    }

    public Huber(float delta) {
        this(delta, Reduction.SUM_OVER_BATCH_SIZE, "huber_loss");
    }

    public Huber(float delta, Reduction reduction, String name) {
        super(name, reduction);
        this.delta = delta;
    }

    public float delta() { return delta; }

    @Override protected PerSample call(Variable yTrue, Variable yPred) {
        return PerSample.of(Losses.huber(yTrue, yPred, delta));
    }

    @Override public String className() { return "Huber"; }
}
