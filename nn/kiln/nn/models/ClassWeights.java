package kiln.nn.models;

import java.util.Map;
import kiln.tensor.Tensor;

/** Keras's class_weight → per-sample weights: labels (n,) or (n,1) rounded to int, one-hot (n,C) by argmax; missing classes weigh 1. */
final class ClassWeights {
    private ClassWeights() {}

    static Tensor toSampleWeights(Map<Integer, Double> classWeight, Tensor y) {
        int n = y.dim(0);
        int[] labels;
        if (y.rank() == 2 && y.dim(1) > 1) {
            labels = y.toFloat().argmax(1).toIntArray();
        } else {
            float[] v = y.toFloatArray();
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = Math.round(v[i]);
            }
        }
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = classWeight.getOrDefault(labels[i], 1.0).floatValue();
        }
        return Tensor.of(w, n);
    }
}
