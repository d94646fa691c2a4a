package kiln.nn.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kiln.autograd.Functions;
import kiln.autograd.Variable;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;

/**
 * Inverted dropout (Keras {@code Dropout}): in training, each element is zeroed with probability
 * {@code rate} and the survivors scaled by 1/(1 − rate); in inference, the identity. Seeded by
 * {@code seed} or the global generator. With a {@code noiseShape} the mask has that shape (null
 * entries take the input's size) and is broadcast, e.g. {@code (null, 1, null)} drops whole
 * features across time.
 *
 * <pre>{@code
 * new Dropout(0.2)
 * new Dropout(0.5, 42, null).noiseShape(null, 1, null)
 * }</pre>
 */
public final class Dropout extends Layer {
    private final double rate;
    private final Integer seed;
    private final Generator generator;
    private Integer[] noiseShape;

    /**
     * @throws IllegalArgumentException unless 0 &lt;= rate &lt;= 1 (1 is accepted, as Keras: all zeros)
     */
    public Dropout(double rate, Integer seed, String name) {
        super(name);
        if (!(rate >= 0 && rate <= 1)) {
            throw argumentError("Invalid value received for argument `rate`. Expected a float value "
                    + "between 0 and 1. Received: rate=" + rate);
        }
        this.rate = rate;
        this.seed = seed;
        this.generator = seed == null ? null : new Generator(seed);
    }

    public Dropout(double rate) {
        this(rate, null, null);
    }

    /**
     * Keras's {@code noise_shape}, batch included; null entries take the input's size.
     *
     * @throws IllegalArgumentException for an entry &lt;= 0
     */
    public Dropout noiseShape(Integer... dims) {
        if (dims == null) {
            this.noiseShape = null;
            return this;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != null && dims[i] <= 0) {
                throw argumentError("Invalid value received for argument `noise_shape`. Expected all dimensions to be "
                        + "positive integers or None. Received negative or zero value at index " + i + ": "
                        + dims[i] + " in noise_shape=" + Arrays.toString(dims));
            }
        }
        this.noiseShape = dims.clone();
        return this;
    }

    public double rate() {
        return rate;
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        if (rate == 1) { // Keras accepts 1: everything dropped
            return x.mul(0f);
        }
        Generator g = generator != null ? generator : Generator.global();
        if (noiseShape == null) {
            return Functions.dropout(x, (float) rate, g);
        }
        int[] dims = x.value().dims();
        if (noiseShape.length != dims.length) {
            throw argumentError("`noise_shape` " + Arrays.toString(noiseShape) + " must have the rank of the input, "
                    + "received input with shape " + KerasTensor.shapeText(dims));
        }
        int[] maskDims = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            maskDims[i] = noiseShape[i] == null ? dims[i] : noiseShape[i];
        }
        Tensor mask = Tensor.bernoulli(g, (float) (1 - rate), maskDims).mul((float) (1 / (1 - rate)));
        return Functions.maskMul(x, mask.to(x.value().device()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("rate", rate);
        m.put("seed", seed);
        if (noiseShape == null) {
            m.put("noise_shape", null);
        } else {
            List<Object> ns = new ArrayList<>(Arrays.asList(noiseShape));
            m.put("noise_shape", ns);
        }
        return m;
    }
}
