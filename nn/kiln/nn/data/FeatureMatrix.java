package kiln.nn.data;

import java.util.Arrays;
import kiln.tensor.Tensor;

/** Input checks shared by the scalers: a 2-D (samples, features) tensor, read to the host. */
final class FeatureMatrix {
    private FeatureMatrix() {}

    /** The elements of {@code x}, row-major, after checking it is 2-D (and has {@code features} columns when that is not -1). */
    static float[] read(String who, Tensor x, int features) {
        if (x == null) {
            throw new IllegalArgumentException(who + ": x must not be null");
        }
        if (x.rank() != 2) {
            throw new IllegalArgumentException(who + ": expected a 2-D tensor (samples, features), got shape "
                    + Arrays.toString(x.dims()) + (x.rank() == 1 ? "; reshape a single feature with x.reshape(-1, 1)"
                    + " or a single sample with x.reshape(1, -1)" : "; flatten samples with x.reshape(n, -1)"));
        }
        if (features >= 0 && x.dim(1) != features) {
            throw new IllegalArgumentException(who + ": x has " + x.dim(1) + " features, but the scaler was fitted"
                    + " on " + features + " features (shape received " + Arrays.toString(x.dims()) + ")");
        }
        return x.toFloatArray();
    }

    static Tensor fromDoubles(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return Tensor.of(f, f.length);
    }

    static IllegalStateException notFitted(String cls) {
        return new IllegalStateException("This " + cls + " instance is not fitted yet. Call fit(x) before using it.");
    }
}
