package kiln.nn.metrics;

import java.util.function.DoubleSupplier;
import kiln.tensor.Tensor;

/**
 * Keras {@code Mean}: the (weighted) running average of the values given to {@link #update}, per
 * sample: values of rank &gt; 1 are first averaged over their non-batch axes, so a smaller last
 * batch weighs less, exactly as Keras's per-sample averaging. State {@code total}, {@code count} is
 * float32; {@code result = total / count}, 0 when count is 0. The state stays on the values' device
 * ({@link RunningTotal}): an update reads nothing back, {@link #result()} does.
 *
 * <pre>{@code
 * Mean m = new Mean();
 * m.update(Tensor.of(new float[] {1, 2, 3}, 3), null);
 * m.update(Tensor.scalar(10f), Tensor.scalar(2f));
 * m.result()   // (1 + 2 + 3 + 10·2) / (3 + 2) = 5.2
 * }</pre>
 */
public class Mean extends Metric {
    private final RunningTotal total = new RunningTotal();
    private final RunningTotal count = new RunningTotal();

    public Mean(String name) {
        super(name == null ? "mean" : name);
    }

    public Mean() {
        this(null);
    }

    /**
     * Adds values with optional weights: Keras's {@code Mean.update_state(values, sample_weight)}.
     * Weights are rank-matched to the values, broadcast to them, and count once per sample.
     */
    public void update(Tensor values, Tensor sampleWeight) {
        Tensor[] vw = samplewise(this, values, sampleWeight, false);
        total.add(vw[0].sum());
        if (vw[1] != null) {
            count.add(vw[1].sum());
        } else {
            count.add(vw[0].rank() >= 1 ? vw[0].dim(0) : 1);
        }
    }

    /** Adds one value with a weight ({@code fit}'s loss tracker: the batch loss weighted by the batch size). */
    public void update(float value, float weight) {
        total.add(value * weight);
        count.add(weight);
    }

    /**
     * {@link #update(float, float)} for a value still on its device (a batch's loss): {@code value · weight} is
     * added there, rounded as on the host, and nothing is read back.
     */
    public void update(Tensor value, float weight) {
        total.add(value.mul(weight));
        count.add(weight);
    }

    /**
     * Keras's {@code reduce_to_samplewise_values}: values and weights reduced to one entry per sample
     * ({@code sum} selects Sum's reduction, else the mean). Returns {values, weights or null}.
     */
    static Tensor[] samplewise(Metric owner, Tensor values, Tensor sampleWeight, boolean sum) {
        Tensor v = values.toFloat();
        Tensor w = null;
        if (sampleWeight != null) {
            w = sampleWeight.toFloat();
            Tensor[] r = SameRank.of(v, w);
            v = r[0];
            w = r[1];
            int wn = w.rank();
            int vn = v.rank();
            if (vn > wn) {
                v = reduce(v, SameRank.range(wn, vn), sum);
            }
            if (!w.shape().broadcastsTo(v.shape())) {
                throw new IllegalArgumentException("Metric '" + owner.name() + "' (" + owner.className()
                        + "): sample_weight of shape " + sampleWeight.shape() + " cannot be broadcast to the values of shape "
                        + v.shape() + " (one value per sample, or per element)");
            }
            w = w.broadcastTo(v.shape());
            v = v.mul(w);
            if (wn > 1) {
                w = reduce(w, SameRank.range(1, wn), sum);
            }
        }
        if (v.rank() > 1) {
            v = reduce(v, SameRank.range(1, v.rank()), sum);
        }
        return new Tensor[] {v, w};
    }

    private static Tensor reduce(Tensor t, int[] axes, boolean sum) {
        return sum ? t.sum(axes, false) : t.mean(axes, false);
    }

    /**
     * A plain Mean takes values, not (y_true, y_pred): use {@link #update(Tensor, Tensor)}.
     *
     * @throws IllegalStateException always for a plain Mean (as Keras, which cannot compile one either)
     */
    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        throw new IllegalStateException("Metric '" + name() + "' (" + className()
                + ") averages values: call update(values, sampleWeight), not updateState(yTrue, yPred, ...)");
    }

    @Override
    public final float result() {
        return resultOf(total.read(), count.read());
    }

    /** The result from the two state values: {@code total / count}, 0 when count is 0. */
    protected float resultOf(float total, float count) {
        return count == 0f ? 0f : total / count;
    }

    @Override
    public DoubleSupplier deferredResult() {
        RunningTotal.Snapshot t = total.snapshot();
        RunningTotal.Snapshot c = count.snapshot();
        return () -> resultOf(t.read(), c.read());
    }

    @Override
    public void resetState() {
        total.reset();
        count.reset();
    }

    /** The weighted sum so far. */
    public float total() {
        return total.read();
    }

    /** The total weight (or sample count) so far. */
    public float count() {
        return count.read();
    }

    @Override
    public String className() {
        return "Mean";
    }
}
