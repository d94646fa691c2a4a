package kiln.nn.losses;

import java.util.Arrays;
import kiln.tensor.Device;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Sparse cross-entropy's labels made ready for the fused loss: class {@code ids} on y_pred's device, as the loss
 * kernel reads them (entries equal to ignore_class kept as they are), and the mask of the labels that
 * {@code counted} (null without ignore_class).
 */
record SparseLabels(Tensor ids, Tensor counted) {

    /** Host labels, read and checked here: a bad one is an error naming it and its index. */
    static SparseLabels checkedOnHost(String loss, Tensor yTrue, Shape ts, int classes, Integer ignoreClass,
                                      Device device) {
        float[] raw = Ranks.floatsOf(yTrue);
        int[] labels = new int[raw.length];
        float[] valid = ignoreClass == null ? null : new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            float v = raw[i];
            if (ignoreClass != null && v == ignoreClass) {
                labels[i] = ignoreClass;
                continue;
            }
            if (valid != null) {
                valid[i] = 1f;
            }
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new IllegalArgumentException(loss + ": label " + (v == Math.rint(v) ? String.valueOf((long) v)
                        : String.valueOf(v)) + " at index " + Arrays.toString(coordinate(ts, i)) + " is "
                        + (v != Math.rint(v) ? "not an integer" : "out of range") + "; expected class indices in [0, "
                        + classes + ") for " + classes + " classes" + (ignoreClass != null
                        ? " (or ignore_class=" + ignoreClass + ")" : ""));
            }
            labels[i] = (int) v;
        }
        return new SparseLabels(Tensor.ofInts(labels, ts.dims()).to(device),
                valid == null ? null : Tensor.of(valid, ts.dims()).to(device));
    }

    /**
     * Labels on a device, left there as they are: the loss kernel checks them without a read back (a label that
     * is not a class id gives its sample a NaN loss).
     */
    static SparseLabels onDevice(Tensor yTrue, Shape ts, Integer ignoreClass) {
        Tensor t = yTrue.reshape(ts);
        if (ignoreClass == null) {
            return new SparseLabels(t, null);
        }
        Tensor f = t.toFloat();
        return new SparseLabels(t, f.ne(f.scalarLike(ignoreClass)));
    }

    private static int[] coordinate(Shape s, int flat) {
        int[] c = new int[s.rank()];
        for (int a = s.rank() - 1; a >= 0; a--) {
            c[a] = flat % s.dim(a);
            flat /= s.dim(a);
        }
        return c;
    }
}
