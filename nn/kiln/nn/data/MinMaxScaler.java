package kiln.nn.data;

import java.util.Arrays;
import kiln.tensor.Tensor;

/**
 * Scales each feature to a range, by default [0, 1]: scikit-learn's {@code MinMaxScaler}.
 * Works on 2-D (samples, features) float32 tensors; parameters are computed in double precision.
 *
 * <pre>{@code
 * MinMaxScaler s = new MinMaxScaler().fit(Tensor.of(new float[] {2, 4, 9}, 3, 1));
 * s.transform(x)                                   // [[0.0], [0.2857143], [1.0]]
 * s.transform(Tensor.of(new float[] {16}, 1, 1))   // [[2.0]]   not clipped
 * }</pre>
 *
 * <p>{@code fit} records {@code dataMin}, {@code dataMax}; {@code dataRange = max - min} with 0 replaced
 * by 1; {@code scale = (hi - lo) / dataRange}; {@code min = lo - dataMin * scale}. {@code transform(x) =
 * x * scale + min} in that order, as scikit-learn computes it. Constant features map to {@code lo}. Values
 * outside the fitted range are not clipped unless the scaler was made with {@code clip = true}. NaNs
 * are ignored in {@code fit} and passed through by {@code transform}.
 */
public final class MinMaxScaler {
    private final double lo;
    private final double hi;
    private final boolean clip;
    private double[] dataMin;
    private double[] dataMax;
    private double[] scale;
    private double[] min;

    /** Scales to [0, 1], no clipping. */
    public MinMaxScaler() {
        this(0, 1, false);
    }

    /**
     * Scales to {@code [lo, hi]} ({@code feature_range}), no clipping.
     *
     * @throws IllegalArgumentException unless {@code lo < hi}
     */
    public MinMaxScaler(double lo, double hi) {
        this(lo, hi, false);
    }

    /**
     * Scales to {@code [lo, hi]} ({@code feature_range}); with {@code clip}, transformed values are
     * clamped into that range.
     *
     * @throws IllegalArgumentException unless {@code lo < hi}
     */
    public MinMaxScaler(double lo, double hi, boolean clip) {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("MinMaxScaler: minimum of desired feature range must be smaller than"
                    + " maximum. Got featureRange=(" + lo + ", " + hi + ").");
        }
        this.lo = lo;
        this.hi = hi;
        this.clip = clip;
    }

    /**
     * Records the per-feature minimum and maximum of {@code x}; returns this.
     *
     * @throws IllegalArgumentException if {@code x} is not 2-D
     */
    public MinMaxScaler fit(Tensor x) {
        float[] v = FeatureMatrix.read("MinMaxScaler.fit", x, -1);
        int n = x.dim(0);
        int d = x.dim(1);
        double[] mn = new double[d];
        double[] mx = new double[d];
        Arrays.fill(mn, Double.NaN);
        Arrays.fill(mx, Double.NaN);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float e = v[i * d + j];
                if (!Float.isNaN(e)) {
                    mn[j] = Double.isNaN(mn[j]) ? e : Math.min(mn[j], e);
                    mx[j] = Double.isNaN(mx[j]) ? e : Math.max(mx[j], e);
                }
            }
        }
        double[] sc = new double[d];
        double[] m = new double[d];
        for (int j = 0; j < d; j++) {
            double range = mx[j] - mn[j];
            if (range == 0) {
                range = 1;
            }
            sc[j] = (hi - lo) / range;
            m[j] = lo - mn[j] * sc[j];
        }
        dataMin = mn;
        dataMax = mx;
        scale = sc;
        min = m;
        return this;
    }

    /**
     * {@code x * scale + min}, as a new float32 tensor.
     *
     * @throws IllegalStateException before {@link #fit}
     * @throws IllegalArgumentException if {@code x} is not 2-D with the fitted number of features
     */
    public Tensor transform(Tensor x) {
        requireFitted();
        float[] v = FeatureMatrix.read("MinMaxScaler.transform", x, scale.length);
        int d = scale.length;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            int j = i % d;
            double t = v[i] * scale[j] + min[j];
            if (clip) {
                t = Math.min(Math.max(t, lo), hi);
            }
            out[i] = (float) t;
        }
        return Tensor.of(out, x.dims());
    }

    /** {@code fit(x).transform(x)}. */
    public Tensor fitTransform(Tensor x) {
        return fit(x).transform(x);
    }

    /**
     * {@code (z - min) / scale}: undoes {@link #transform} (for values that were not clipped).
     *
     * @throws IllegalStateException before {@link #fit}
     */
    public Tensor inverseTransform(Tensor z) {
        requireFitted();
        float[] v = FeatureMatrix.read("MinMaxScaler.inverseTransform", z, scale.length);
        int d = scale.length;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            int j = i % d;
            out[i] = (float) ((v[i] - min[j]) / scale[j]);
        }
        return Tensor.of(out, z.dims());
    }

    /** The per-feature minimum seen in {@link #fit} ({@code data_min_}). */
    public Tensor dataMin() {
        requireFitted();
        return FeatureMatrix.fromDoubles(dataMin);
    }

    /** The per-feature maximum seen in {@link #fit} ({@code data_max_}). */
    public Tensor dataMax() {
        requireFitted();
        return FeatureMatrix.fromDoubles(dataMax);
    }

    /** The per-feature multiplier ({@code scale_}). */
    public Tensor scale() {
        requireFitted();
        return FeatureMatrix.fromDoubles(scale);
    }

    /** The per-feature offset ({@code min_}). */
    public Tensor min() {
        requireFitted();
        return FeatureMatrix.fromDoubles(min);
    }

    /** Whether {@link #fit} has run. */
    public boolean isFitted() {
        return scale != null;
    }

    private void requireFitted() {
        if (scale == null) {
            throw FeatureMatrix.notFitted("MinMaxScaler");
        }
    }
}
