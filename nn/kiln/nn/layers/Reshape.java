package kiln.nn.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kiln.autograd.Functions;
import kiln.autograd.Variable;

/** Reshapes every sample to {@code targetShape} (batch kept; at most one -1), Keras {@code Reshape}. */
public final class Reshape extends Layer {
    private final int[] targetShape;

    /**
     * @param targetShape the shape of each sample (batch excluded): entries &gt;= 0, at most one -1
     * @throws IllegalArgumentException for an entry below -1 or two -1 entries (Keras's wording)
     */
    public Reshape(int[] targetShape, String name) {
        super(name);
        int unknown = 0;
        for (int d : targetShape) {
            if (d < -1) {
                throw argumentError("Each dimension in `target_shape` must be a non-negative integer, or `-1` for a "
                        + "single unknown dimension. Received: target_shape=" + tuple(targetShape) + ".");
            }
            unknown += d == -1 ? 1 : 0;
        }
        if (unknown > 1) {
            throw argumentError("There must be at most one unknown dimension (-1) in `target_shape`. "
                    + "Received: target_shape=" + tuple(targetShape) + ".");
        }
        this.targetShape = targetShape.clone();
    }

    /** Python's tuple text, -1 kept: {@code (2, -1)}, {@code (4,)}. */
    static String tuple(int[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i > 0 ? ", " : "").append(dims[i]);
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }

    /** The target shape (batch excluded). */
    public int[] targetShape() {
        return targetShape.clone();
    }

    public Reshape(int... targetShape) {
        this(targetShape, null);
    }

    @Override
    protected int[] computeOutputShape(int[] in) {
        long n = 1;
        for (int i = 1; i < in.length; i++) {
            if (in[i] < 0) {
                n = -1;
                break;
            }
            n *= in[i];
        }
        int[] out = new int[targetShape.length + 1];
        out[0] = in[0];
        long known = 1;
        int at = -1;
        for (int i = 0; i < targetShape.length; i++) {
            out[i + 1] = targetShape[i];
            if (targetShape[i] == -1) {
                at = i + 1;
            } else {
                known *= targetShape[i];
            }
        }
        if (n >= 0) {
            if ((at < 0 && known != n) || (at >= 0 && (known == 0 || n % known != 0))) {
                throw argumentError("The total size of the tensor must be unchanged. Received: input_shape="
                        + KerasTensor.shapeText(Arrays.copyOfRange(in, 1, in.length)) + ", target_shape="
                        + tuple(targetShape));
            }
            if (at >= 0) {
                out[at] = (int) (n / known);
            }
        }
        return out;
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        int[] in = x.value().dims();
        in[0] = -1;
        int[] out = computeOutputShape(in);
        out[0] = x.value().dim(0);
        return Functions.reshape(x, out);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        List<Object> t = new ArrayList<>();
        for (int d : targetShape) {
            t.add(d);
        }
        m.put("target_shape", t);
        return m;
    }
}
