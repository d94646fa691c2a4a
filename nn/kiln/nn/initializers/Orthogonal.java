package kiln.nn.initializers;

import java.util.Map;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Keras {@code Orthogonal} (alias {@code OrthogonalInitializer}): rows = product of all but the last
 * dimension, cols = the last; A ~ N(0, 1) of shape (max, min); A = QR; Q's columns flipped by
 * sign(diag R) so the result is unique; transposed when rows &lt; cols; times gain.
 */
public final class Orthogonal extends RandomInitializer {
    private final double gain;

    public Orthogonal(double gain, Integer seed) {
        super(seed);
        this.gain = gain;
    }

    public Orthogonal() {
        this(1.0, null);
    }

    @Override
    public Tensor apply(Shape shape) {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("Orthogonal: the tensor to initialize must be at least two-dimensional. "
                    + "Received: shape=" + shape + " of rank " + shape.rank());
        }
        int cols = shape.dim(-1);
        int rows = shape.size() / Math.max(1, cols);
        int m = Math.max(rows, cols);
        int n = Math.min(rows, cols);
        float[] a = Tensor.normal(generator(), 0f, 1f, m, n).toFloatArray();
        double[][] q = householderQ(a, m, n);
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = rows >= cols ? q[i][j] : q[j][i];
                out[i * cols + j] = (float) (gain * v);
            }
        }
        return Tensor.of(out, shape.dims());
    }

    /**
     * The m×n Q of a Householder QR of A (m ≥ n, row-major floats), in double, with each column
     * multiplied by the sign of R's diagonal entry (NumPy/Keras's convention for a unique Q).
     */
    static double[][] householderQ(float[] a, int m, int n) {
        double[][] r = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                r[i][j] = a[i * n + j];
            }
        }
        double[][] vs = new double[n][];
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm += r[i][k] * r[i][k];
            }
            norm = Math.sqrt(norm);
            double alpha = r[k][k] > 0 ? -norm : norm;
            double[] v = new double[m];
            for (int i = k; i < m; i++) {
                v[i] = r[i][k];
            }
            v[k] -= alpha;
            double vv = 0;
            for (int i = k; i < m; i++) {
                vv += v[i] * v[i];
            }
            vs[k] = v;
            if (vv == 0) {
                continue;
            }
            for (int j = k; j < n; j++) { // R ← (I − 2vvᵀ/vᵀv) R
                double dot = 0;
                for (int i = k; i < m; i++) {
                    dot += v[i] * r[i][j];
                }
                double f = 2 * dot / vv;
                for (int i = k; i < m; i++) {
                    r[i][j] -= f * v[i];
                }
            }
        }
        // Q = H0 H1 ... H(n-1) applied to the first n columns of the identity.
        double[][] q = new double[m][n];
        for (int j = 0; j < n; j++) {
            q[j][j] = 1;
        }
        for (int k = n - 1; k >= 0; k--) {
            double[] v = vs[k];
            double vv = 0;
            for (int i = k; i < m; i++) {
                vv += v[i] * v[i];
            }
            if (vv == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int i = k; i < m; i++) {
                    dot += v[i] * q[i][j];
                }
                double f = 2 * dot / vv;
                for (int i = k; i < m; i++) {
                    q[i][j] -= f * v[i];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            if (r[j][j] < 0) {
                for (int i = 0; i < m; i++) {
                    q[i][j] = -q[i][j];
                }
            }
        }
        return q;
    }

    @Override
    public String className() {
        return "Orthogonal";
    }

    @Override
    public Map<String, Object> getConfig() {
        return configWith("gain", gain);
    }
}
