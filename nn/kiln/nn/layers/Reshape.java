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

    public Reshape(int[] targetShape, String name) {
        super(name);
        int unknown = 0;
        for (int d : targetShape) {
            if (d < -1) {
                throw new IllegalArgumentException("Reshape: invalid dimension " + d + " in target_shape "
                        + Arrays.toString(targetShape) + " (each must be >= 0, or -1 once)");
            }
            unknown += d == -1 ? 1 : 0;
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("There must be at most one unknown dimension (-1) in the target shape. "
                    + "Received: target_shape=" + Arrays.toString(targetShape));
        }
        this.targetShape = targetShape.clone();
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
                throw new IllegalArgumentException("Reshape \"" + name() + "\": the total size of the tensor must be "
                        + "unchanged. Received: input_shape=" + KerasTensor.shapeText(Arrays.copyOfRange(in, 1, in.length))
                        + ", target_shape=" + KerasTensor.shapeText(targetShape));
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
