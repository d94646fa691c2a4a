package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Variable;
import kiln.nn.Weight;
import kiln.nn.initializers.Initializers;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Keras {@code Normalization} over the last axis: {@code (x − mean) / max(sqrt(variance), 1e-7)},
 * with the statistics from {@link #adapt} (mean and biased variance over all other axes) or given
 * in the constructor. Weights (not trainable): mean, variance, count.
 *
 * <pre>{@code
 * Normalization norm = new Normalization();
 * norm.adapt(xTrain);                       // before training, as in Keras
 * }</pre>
 */
public final class Normalization extends Layer {
    private Tensor givenMean;
    private Tensor givenVariance;
    private Weight mean;
    private Weight variance;
    private Weight count;
    private boolean adapted;

    public Normalization(String name) {
        super(name);
    }

    public Normalization() {
        this((String) null);
    }

    /** With fixed statistics (both required, as Keras). */
    public Normalization(float[] mean, float[] variance) {
        this((String) null);
        if (mean == null || variance == null || mean.length != variance.length) {
            throw new IllegalArgumentException("Normalization: when setting values directly, both `mean` and `variance` "
                    + "are required, of the same length");
        }
        this.givenMean = Tensor.of(mean, mean.length);
        this.givenVariance = Tensor.of(variance, variance.length);
        this.adapted = true;
    }

    @Override
    protected void build(int[] inputShape) {
        int c = inputShape[inputShape.length - 1];
        mean = addNonTrainableWeight("mean", Shape.of(c), Initializers.get("zeros"));
        variance = addNonTrainableWeight("variance", Shape.of(c), Initializers.get("ones"));
        count = addNonTrainableWeight("count", Shape.of(), Initializers.get("zeros"));
        if (givenMean != null) {
            mean.assign(givenMean);
            variance.assign(givenVariance);
        }
    }

    /** Computes the mean and (biased) variance of {@code data} over every axis but the last. */
    public void adapt(Tensor data) {
        if (data.rank() < 1 || data.dim(0) == 0) {
            throw new IllegalArgumentException("Normalization \"" + name() + "\": adapt needs non-empty data, got shape "
                    + data.shape());
        }
        int[] d = data.dims();
        d[0] = -1;
        ensureBuilt(java.util.List.of(d));
        int[] axes = new int[data.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        mean.assign(data.mean(axes, false));
        variance.assign(data.var(axes, false));
        count.assign(Tensor.scalar(data.size() / Math.max(1, data.dim(-1))));
        adapted = true;
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        if (!adapted) {
            throw new IllegalStateException("Normalization \"" + name() + "\": you must call `adapt(data)` (or pass mean "
                    + "and variance) before using the layer");
        }
        Tensor std = variance.value().sqrt().maximum(variance.value().scalarLike(1e-7f));
        return x.sub(Variable.constant(mean.value())).div(Variable.constant(std));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("axis", java.util.List.of(-1));
        m.put("invert", false);
        m.put("mean", null);
        m.put("variance", null);
        return m;
    }
}
