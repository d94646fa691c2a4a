package kiln.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.autograd.Variable;
import kiln.nn.Weight;
import kiln.nn.initializers.Initializers;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Keras {@code Normalization} over the feature axis {@code axis} (default -1):
 * {@code (x − mean) / max(sqrt(variance), 1e-7)}, or with {@code invert(true)} the inverse
 * {@code mean + x·max(sqrt(variance), 1e-7)}. The statistics come from {@link #adapt} (mean and
 * biased variance over all other axes; weights mean, variance, count, not trainable) or are given
 * in the constructor (then, as Keras, the layer has no weights and the values are in its config).
 *
 * <pre>{@code
 * Normalization norm = new Normalization();
 * norm.adapt(xTrain);                       // before training, as in Keras
 * new Normalization(new float[] {1, 2}, new float[] {4, 9})
 * }</pre>
 */
public final class Normalization extends Layer {
    private int axis = -1;
    private boolean invert;
    private float[] givenMean;
    private float[] givenVariance;
    private Weight mean;
    private Weight variance;
    private Weight count;
    private boolean adapted;
    private int[] broadcastShape;

    public Normalization(String name) {
        super(name);
    }

    public Normalization() {
        this((String) null);
    }

    /**
     * With fixed statistics (both required, as Keras), one value per feature.
     *
     * @throws IllegalArgumentException if either is null or their lengths differ
     */
    public Normalization(float[] mean, float[] variance, String name) {
        this(name);
        if (mean == null || variance == null || mean.length != variance.length) {
            throw argumentError("When setting values directly, both `mean` and `variance` are required, of the same "
                    + "length. Received: mean=" + java.util.Arrays.toString(mean) + ", variance="
                    + java.util.Arrays.toString(variance));
        }
        this.givenMean = mean.clone();
        this.givenVariance = variance.clone();
        this.adapted = true;
    }

    public Normalization(float[] mean, float[] variance) {
        this(mean, variance, null);
    }

    /** The feature axis (Keras's {@code axis}; Kiln supports one axis). */
    public Normalization axis(int axis) {
        if (isBuilt()) {
            throw new IllegalStateException("Normalization layer \"" + name() + "\": `axis` must be set before the layer "
                    + "is built");
        }
        this.axis = axis;
        return this;
    }

    /** Keras's {@code invert}: undo the normalisation instead of applying it. */
    public Normalization invert(boolean invert) {
        this.invert = invert;
        return this;
    }

    @Override
    protected void build(int[] inputShape) {
        int rank = inputShape.length;
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw argumentError("All `axis` values must be in the range [-" + rank + ", " + rank + "). Received inputs "
                    + "with ndim=" + rank + ", while axis=" + axis);
        }
        int c = inputShape[a];
        broadcastShape = new int[rank];
        java.util.Arrays.fill(broadcastShape, 1);
        broadcastShape[a] = c;
        if (givenMean != null) {
            if (givenMean.length != c && givenMean.length != 1) {
                throw argumentError("`mean` has " + givenMean.length + " values, but axis " + axis + " of input shape "
                        + KerasTensor.shapeText(inputShape) + " has size " + c);
            }
            return; // Keras: fixed statistics are constants, not weights
        }
        pinAxis(axis, c);
        mean = addNonTrainableWeight("mean", Shape.of(c), Initializers.get("zeros"));
        variance = addNonTrainableWeight("variance", Shape.of(c), Initializers.get("ones"));
        count = addNonTrainableWeight("count", Shape.of(), Initializers.get("zeros"));
    }

    /**
     * Computes the mean and (biased) variance of {@code data} over every axis but {@code axis}.
     *
     * @throws IllegalArgumentException for empty data
     */
    public void adapt(Tensor data) {
        if (data.rank() < 1 || data.dim(0) == 0) {
            throw argumentError("adapt needs non-empty data, got shape " + data.shape());
        }
        if (givenMean != null) {
            throw new IllegalStateException("Normalization layer \"" + name() + "\": cannot adapt a layer built with "
                    + "fixed `mean` and `variance`");
        }
        int[] d = data.dims();
        d[0] = -1;
        ensureBuilt(List.of(d));
        int a = axis < 0 ? axis + data.rank() : axis;
        int[] axes = new int[data.rank() - 1];
        for (int i = 0, k = 0; i < data.rank(); i++) {
            if (i != a) {
                axes[k++] = i;
            }
        }
        mean.assign(data.mean(axes, false));
        variance.assign(data.var(axes, false));
        count.assign(Tensor.scalar(data.size() / Math.max(1, data.dim(a))));
        adapted = true;
    }

    /** Loading weights (from a file or another layer) counts as adapting, as Keras's finalize_state. */
    @Override
    public void setWeights(List<Tensor> values) {
        super.setWeights(values);
        adapted = true;
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        if (!adapted) {
            throw new IllegalStateException("Normalization layer \"" + name() + "\": you must call `adapt(data)` (or "
                    + "pass mean and variance) before using the layer");
        }
        Tensor m;
        Tensor v;
        if (givenMean != null) {
            int c = broadcastShape.length == 0 ? 1 : java.util.Arrays.stream(broadcastShape).reduce(1, (p, q) -> p * q);
            m = expand(givenMean, c);
            v = expand(givenVariance, c);
        } else {
            m = mean.value().reshape(broadcastShape);
            v = variance.value().reshape(broadcastShape);
        }
        Tensor std = v.sqrt().maximum(v.scalarLike(1e-7f));
        m = m.to(x.value().device());
        std = std.to(x.value().device());
        if (invert) {
            return x.mul(Variable.constant(std)).add(Variable.constant(m));
        }
        return x.sub(Variable.constant(m)).div(Variable.constant(std));
    }

    private Tensor expand(float[] values, int c) {
        float[] out = new float[c];
        for (int i = 0; i < c; i++) {
            out[i] = values.length == 1 ? values[0] : values[i];
        }
        return Tensor.of(out, broadcastShape);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("axis", List.of(axis));
        m.put("invert", invert);
        m.put("mean", givenMean == null ? null : list(givenMean));
        m.put("variance", givenVariance == null ? null : list(givenVariance));
        return m;
    }

    private static List<Object> list(float[] values) {
        List<Object> out = new ArrayList<>();
        for (float f : values) {
            out.add((double) f);
        }
        return out;
    }
}
