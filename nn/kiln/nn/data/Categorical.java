package kiln.nn.data;

import java.util.Arrays;
import kiln.tensor.Tensor;

/**
 * One-hot encoding of integer class labels: Keras's {@code keras.utils.to_categorical}.
 *
 * <pre>{@code
 * Categorical.toCategorical(Tensor.ofInts(new int[] {0, 2, 1}, 3))
 * // [[1, 0, 0], [0, 0, 1], [0, 1, 0]]  (float32, shape [3, 3])
 * Categorical.toCategorical(Tensor.ofInts(new int[] {1, -1}, 2), 4)
 * // [[0, 1, 0, 0], [0, 0, 0, 1]]       (-1 is the last class, as in Keras)
 * }</pre>
 *
 * <p>Shapes follow Keras: a trailing axis of size 1 is dropped first ({@code (n, 1)} gives
 * {@code (n, C)}); any other shape gets a new last axis ({@code (2, 2)} gives {@code (2, 2, C)}).
 * Float labels are cast to int by truncation toward zero, as Keras's {@code astype("int64")} does, so
 * {@code 2.0} is class 2. The result is float32 with exact 0/1 values (Keras 3 returns float64 for
 * NumPy input; Keras casts it to float32 on the way into a model, so the values are the same).
 */
public final class Categorical {
    private Categorical() {}

    /**
     * One-hot encodes {@code labels} with {@code numClasses = max(labels) + 1}.
     *
     * @throws IllegalArgumentException if {@code labels} is empty, holds NaN/infinity, or its maximum
     *     is negative (then no class count can be inferred)
     */
    public static Tensor toCategorical(Tensor labels) {
        int[] values = labelValues(labels);
        if (values.length == 0) {
            throw new IllegalArgumentException("toCategorical: cannot infer numClasses from an empty labels"
                    + " tensor (shape " + Arrays.toString(labels.dims()) + "); pass numClasses explicitly");
        }
        int max = Arrays.stream(values).max().getAsInt();
        if (max < 0) {
            throw new IllegalArgumentException("toCategorical: cannot infer numClasses: the largest label is "
                    + max + ", so max(labels) + 1 = " + (max + 1) + " classes; pass numClasses explicitly");
        }
        return encode(values, labels.dims(), max + 1);
    }

    /**
     * One-hot encodes {@code labels} into {@code numClasses} classes. A label {@code k} in
     * {@code [-numClasses, -1]} counts from the end (NumPy indexing, as Keras): -1 is the last class.
     *
     * @throws IllegalArgumentException if {@code numClasses < 1} or a label is outside
     *     {@code [-numClasses, numClasses - 1]} (Keras raises IndexError)
     */
    public static Tensor toCategorical(Tensor labels, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("toCategorical: numClasses must be a positive integer. Received: numClasses="
                    + numClasses);
        }
        return encode(labelValues(labels), labels.dims(), numClasses);
    }

    /** Convenience for plain arrays: the same as {@code toCategorical(Tensor.ofInts(labels, labels.length), numClasses)}. */
    public static Tensor toCategorical(int[] labels, int numClasses) {
        return toCategorical(Tensor.ofInts(labels, labels.length), numClasses);
    }

    private static int[] labelValues(Tensor labels) {
        if (labels == null) {
            throw new IllegalArgumentException("toCategorical: labels must not be null");
        }
        return switch (labels.dtype()) {
            case INT32 -> labels.toIntArray();
            case FLOAT32 -> {
                float[] f = labels.toFloatArray();
                int[] v = new int[f.length];
                for (int i = 0; i < f.length; i++) {
                    if (!Float.isFinite(f[i]) || Math.abs(f[i]) >= Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("toCategorical: labels must be integers, got " + f[i]
                                + " at flat index " + i);
                    }
                    v[i] = (int) f[i];   // truncation toward zero, like numpy astype(int64)
                }
                yield v;
            }
        };
    }

    private static Tensor encode(int[] values, int[] dims, int numClasses) {
        int[] outDims;
        if (dims.length > 1 && dims[dims.length - 1] == 1) {
            outDims = dims.clone();                      // (n, 1) -> (n, C): the size-1 axis becomes C
        } else {
            outDims = Arrays.copyOf(dims, dims.length + 1);
        }
        outDims[outDims.length - 1] = numClasses;
        float[] out = new float[Math.multiplyExact(values.length, numClasses)];
        for (int i = 0; i < values.length; i++) {
            int k = values[i];
            if (k >= numClasses || k < -numClasses) {
                throw new IllegalArgumentException("toCategorical: label " + k + " at flat index " + i
                        + " is out of range for numClasses=" + numClasses + " (expected 0.." + (numClasses - 1)
                        + ", or -" + numClasses + "..-1 counting from the last class)");
            }
            out[i * numClasses + (k < 0 ? k + numClasses : k)] = 1f;
        }
        return Tensor.of(out, outDims);
    }
}
