package kiln.nn.data;

import kiln.tensor.Tensor;

/**
 * Standardizes features to zero mean and unit variance: scikit-learn's {@code StandardScaler}.
 * Works on 2-D (samples, features) float32 tensors; statistics are computed in double precision.
 *
 * <pre>{@code
 * StandardScaler s = new StandardScaler().fit(Tensor.of(new float[] {1, 3, 5}, 3, 1));
 * s.mean()                 // [3.0]
 * s.var()                  // [2.6666667]   population variance (divide by n)
 * s.transform(x)           // [[-1.2247449], [0.0], [1.2247449]]
 * }</pre>
 *
 * <p>{@code fit} ignores NaNs (the mean of {@code [1, NaN, 3]} is 2) and {@code transform} passes them
 * through. A constant column gets {@code scale = 1}, so it transforms to 0 rather than NaN. With
 * {@code withStd = false} the scale is all ones ({@link #var()} still reports the variance; scikit-learn
 * leaves both {@code None}); with {@code withMean = false} the mean is reported but not subtracted.
 */
public final class StandardScaler {
    private static final double EPS = Math.ulp(1.0);   // numpy's finfo(float64).eps

    private final boolean withMean;
    private final boolean withStd;
    private double[] mean;
    private double[] var;
    private double[] scale;

    /** Centers and scales ({@code withMean = withStd = true}). */
    public StandardScaler() {
        this(true, true);
    }

    /** A scaler that centers when {@code withMean} and scales to unit variance when {@code withStd}. */
    public StandardScaler(boolean withMean, boolean withStd) {
        this.withMean = withMean;
        this.withStd = withStd;
    }

    /**
     * Computes the per-feature mean, variance and scale of {@code x}; returns this.
     *
     * @throws IllegalArgumentException if {@code x} is not 2-D
     */
    public StandardScaler fit(Tensor x) {
        float[] v = FeatureMatrix.read("StandardScaler.fit", x, -1);
        int n = x.dim(0);
        int d = x.dim(1);
        double[] m = new double[d];
        double[] s = new double[d];
        double[] sc = new double[d];
        int[] count = new int[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float e = v[i * d + j];
                if (!Float.isNaN(e)) {
                    m[j] += e;
                    count[j]++;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] = count[j] == 0 ? Double.NaN : m[j] / count[j];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float e = v[i * d + j];
                if (!Float.isNaN(e)) {
                    double c = e - m[j];
                    s[j] += c * c;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            s[j] = count[j] == 0 ? Double.NaN : s[j] / count[j];
            // scikit-learn's _is_constant_feature: a variance within rounding error of 0 means constant
            double bound = count[j] * EPS * s[j] + Math.pow(count[j] * m[j] * EPS, 2);
            boolean constant = s[j] <= bound;
            sc[j] = !withStd ? 1 : constant ? 1 : Math.sqrt(s[j]);
            if (sc[j] < 10 * EPS) {
                sc[j] = 1;
            }
        }
        mean = m;
        var = s;
        scale = sc;
        return this;
    }

    /**
     * {@code (x - mean) / scale}, as a new float32 tensor.
     *
     * @throws IllegalStateException before {@link #fit}
     * @throws IllegalArgumentException if {@code x} is not 2-D with the fitted number of features
     */
    public Tensor transform(Tensor x) {
        requireFitted();
        float[] v = FeatureMatrix.read("StandardScaler.transform", x, mean.length);
        int d = mean.length;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            int j = i % d;
            out[i] = (float) (((double) v[i] - (withMean ? mean[j] : 0)) / scale[j]);
        }
        return Tensor.of(out, x.dims());
    }

    /** {@code fit(x).transform(x)}. */
    public Tensor fitTransform(Tensor x) {
        return fit(x).transform(x);
    }

    /**
     * {@code z * scale + mean}: undoes {@link #transform}.
     *
     * @throws IllegalStateException before {@link #fit}
     */
    public Tensor inverseTransform(Tensor z) {
        requireFitted();
        float[] v = FeatureMatrix.read("StandardScaler.inverseTransform", z, mean.length);
        int d = mean.length;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            int j = i % d;
            out[i] = (float) ((double) v[i] * scale[j] + (withMean ? mean[j] : 0));
        }
        return Tensor.of(out, z.dims());
    }

    /** The per-feature mean ({@code mean_}), shape (features,). */
    public Tensor mean() {
        requireFitted();
        return FeatureMatrix.fromDoubles(mean);
    }

    /** The per-feature population variance ({@code var_}, ddof = 0), shape (features,). */
    public Tensor var() {
        requireFitted();
        return FeatureMatrix.fromDoubles(var);
    }

    /** The per-feature divisor ({@code scale_}): the standard deviation, or 1 for a constant feature. */
    public Tensor scale() {
        requireFitted();
        return FeatureMatrix.fromDoubles(scale);
    }

    /** Whether {@link #fit} has run. */
    public boolean isFitted() {
        return mean != null;
    }

    private void requireFitted() {
        if (mean == null) {
            throw FeatureMatrix.notFitted("StandardScaler");
        }
    }
}
