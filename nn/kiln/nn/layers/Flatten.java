package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Functions;
import kiln.autograd.Variable;

/**
 * (B, d1, d2, ...) → (B, d1·d2·...), row-major; a (B,) input gives (B, 1) (Keras {@code Flatten}).
 * With {@code dataFormat("channels_first")} the channel axis 1 is first moved to the end, so the
 * result is ordered as the channels-last flattening of the same image.
 *
 * <pre>{@code
 * new Flatten().apply(Input.of(28, 28))   // shape (None, 784)
 * }</pre>
 */
public final class Flatten extends Layer {
    private String dataFormat = "channels_last";

    public Flatten(String name) {
        super(name);
    }

    public Flatten() {
        this(null);
    }

    /**
     * Keras's {@code data_format}: "channels_last" (default) or "channels_first".
     *
     * @throws IllegalArgumentException for any other string
     */
    public Flatten dataFormat(String format) {
        if (!"channels_last".equals(format) && !"channels_first".equals(format)) {
            throw argumentError("The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
                    + "Received: data_format=" + format);
        }
        this.dataFormat = format;
        return this;
    }

    public String dataFormat() {
        return dataFormat;
    }

    @Override
    protected void build(int[] inputShape) {
        pinMinNdim(1);
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        int rank = x.value().rank();
        if (dataFormat.equals("channels_first") && rank > 2) {
            int[] perm = new int[rank];
            for (int i = 1; i < rank - 1; i++) {
                perm[i] = i + 1;
            }
            perm[rank - 1] = 1;
            x = Functions.permute(x, perm);
        }
        int b = x.value().dim(0);
        int rest = b == 0 ? 0 : x.value().size() / b;
        return Functions.reshape(x, b, rest);
    }

    @Override
    protected int[] computeOutputShape(int[] in) {
        long n = 1;
        boolean unknown = false;
        for (int i = 1; i < in.length; i++) {
            unknown |= in[i] < 0;
            n *= Math.max(in[i], 0);
        }
        return new int[] {in[0], unknown ? -1 : (int) n};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("data_format", dataFormat);
        return m;
    }
}
