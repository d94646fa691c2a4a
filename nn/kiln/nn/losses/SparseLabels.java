package kiln.nn.losses;

import java.util.Arrays;
import kiln.tensor.Device;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * Sparse cross-entropy's labels made ready for the loss: int32 class {@code ids} on y_pred's device, the mask of
 * the labels that {@code counted} (null without ignore_class), and the mask of {@code invalid} labels, those
 * that are not class ids (null when checked on the host, where a bad label is an error at once).
 */
record SparseLabels(Tensor ids, Tensor counted, Tensor invalid) {

    /** Host labels, read and checked here: a bad one is an error naming it and its index. */
    static SparseLabels checkedOnHost(String loss, Tensor yTrue, Shape ts, int classes, Integer ignoreClass,
                                      Device device) {
        float[] raw = Ranks.floatsOf(yTrue);
        int[] labels = new int[raw.length];
        float[] valid = ignoreClass == null ? null : new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            float v = raw[i];
            if (ignoreClass != null && v == ignoreClass) {
                labels[i] = 0;
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
                valid == null ? null : Tensor.of(valid, ts.dims()).to(device), null);
    }

    /**
     * Labels on a device, checked there with no read back: an entry that is not an integer in [0, classes) (and
     * not ignore_class) is marked invalid and gets the id 0, so no kernel sees an index out of range.
     */
    static SparseLabels onDevice(Tensor yTrue, Shape ts, int classes, Integer ignoreClass) {
        Tensor t = yTrue.toFloat().reshape(ts);
        Tensor zero = t.scalarLike(0f);
        Tensor isId = t.eq(t.unary(UnaryOp.FLOOR, 0f, 0f)).mul(t.ge(zero)).mul(t.lt(t.scalarLike(classes)));
        Tensor counted = ignoreClass == null ? null : t.ne(t.scalarLike(ignoreClass));
        Tensor notId = isId.neg().add(1f);
        return new SparseLabels(Tensor.where(isId, t, zero).toInt(), counted, counted == null ? notId : notId.mul(counted));
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
