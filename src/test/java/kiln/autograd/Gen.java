package kiln.autograd;

import java.util.SplittableRandom;
import kiln.tensor.Tensor;

/** Seeded sample inputs for the op sweep, shaped to keep away from each op's kinks and poles. */
final class Gen {
    private final SplittableRandom rnd;

    Gen(long seed) {
        rnd = new SplittableRandom(seed);
    }

    /** Uniform on [lo, hi). */
    Tensor uniform(double lo, double hi, int... dims) {
        return away(lo, hi, new double[0], 0, dims);
    }

    /** Uniform on [lo, hi), redrawn while within {@code margin} of any kink. */
    Tensor away(double lo, double hi, double[] kinks, double margin, int... dims) {
        float[] v = new float[DArray.size(dims)];
        for (int i = 0; i < v.length; i++) {
            double x;
            boolean near;
            do {
                x = lo + (hi - lo) * rnd.nextDouble();
                near = false;
                for (double k : kinks) {
                    near |= Math.abs(x - k) < margin;
                }
            } while (near);
            v[i] = (float) x;
        }
        return Tensor.of(v, dims);
    }

    /** Magnitude in [lo, hi), random sign: a divisor safely away from 0. */
    Tensor signedMagnitude(double lo, double hi, int... dims) {
        float[] v = uniform(lo, hi, dims).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextBoolean() ? v[i] : -v[i];
        }
        return Tensor.of(v, dims);
    }

    /** Values on the grid {@code offset + 0.2·k}, |value| ≤ 1: two grids offset by 0.1 never tie. */
    Tensor grid(double offset, int... dims) {
        float[] v = new float[DArray.size(dims)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (offset + 0.2 * (rnd.nextInt(10) - 5));
        }
        return Tensor.of(v, dims);
    }

    /** Distinct values 0.1 apart in random order (max/min without ties). */
    Tensor distinct(int... dims) {
        int n = DArray.size(dims);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.1 * (i - n / 2.0) + 0.01 * rnd.nextDouble());
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.of(v, dims);
    }

    /** Random class labels in [0, classes). */
    Tensor labels(int n, int classes) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = rnd.nextInt(classes);
        }
        return Tensor.ofInts(l, n);
    }

    /** Rows that are probability distributions. */
    Tensor distributions(int n, int classes) {
        float[] v = uniform(0.05, 1, n, classes).toFloatArray();
        for (int i = 0; i < n; i++) {
            float s = 0;
            for (int j = 0; j < classes; j++) {
                s += v[i * classes + j];
            }
            for (int j = 0; j < classes; j++) {
                v[i * classes + j] /= s;
            }
        }
        return Tensor.of(v, n, classes);
    }

    /** 0/1 pattern (float). */
    Tensor bits(int... dims) {
        float[] v = new float[DArray.size(dims)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextBoolean() ? 1f : 0f;
        }
        return Tensor.of(v, dims);
    }
}
