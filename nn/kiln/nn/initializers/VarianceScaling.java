package kiln.nn.initializers;

import java.util.Locale;
import java.util.Map;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Keras {@code VarianceScaling}: variance {@code scale / n}, where n is fan_in, fan_out or their mean
 * (at least 1), drawn from a truncated normal (stddev divided by 0.8796… so the truncated samples
 * have exactly that variance), a plain normal, or a uniform on ±√(3·scale/n).
 */
public class VarianceScaling extends RandomInitializer {
    /** The standard deviation of a unit normal truncated to [−2, 2]. */
    static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private final double scale;
    private final String mode;
    private final String distribution;

    public VarianceScaling(double scale, String mode, String distribution, Integer seed) {
        super(seed);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("VarianceScaling: argument `scale` must be positive float. Received: scale="
                    + scale);
        }
        if (!mode.equals("fan_in") && !mode.equals("fan_out") && !mode.equals("fan_avg")) {
            throw new IllegalArgumentException("VarianceScaling: invalid `mode` argument: expected one of "
                    + "fan_in, fan_out, fan_avg. Received: mode=" + mode);
        }
        String d = distribution.toLowerCase(Locale.ROOT);
        if (d.equals("normal")) {
            d = "truncated_normal"; // as Keras: "normal" silently means the truncated form
        }
        if (!d.equals("uniform") && !d.equals("truncated_normal") && !d.equals("untruncated_normal")) {
            throw new IllegalArgumentException("VarianceScaling: invalid `distribution` argument: expected one of "
                    + "uniform, truncated_normal, untruncated_normal. Received: distribution=" + distribution);
        }
        this.scale = scale;
        this.mode = mode;
        this.distribution = d;
    }

    public VarianceScaling() {
        this(1.0, "fan_in", "truncated_normal", null);
    }

    @Override
    public Tensor apply(Shape shape) {
        Fans f = Fans.of(shape);
        double n = switch (mode) {
            case "fan_in" -> Math.max(1, f.in());
            case "fan_out" -> Math.max(1, f.out());
            default -> Math.max(1, (f.in() + f.out()) / 2);
        };
        double s = scale / n;
        int[] dims = shape.dims();
        return switch (distribution) {
            case "truncated_normal" -> Tensor.truncatedNormal(generator(), 0f, (float) (Math.sqrt(s) / TRUNCATED_STDDEV), dims);
            case "untruncated_normal" -> Tensor.normal(generator(), 0f, (float) Math.sqrt(s), dims);
            default -> {
                float limit = (float) Math.sqrt(3 * s);
                yield Tensor.uniform(generator(), -limit, limit, dims);
            }
        };
    }

    @Override
    public String className() {
        return "VarianceScaling";
    }

    @Override
    public Map<String, Object> getConfig() {
        return configWith("scale", scale, "mode", mode, "distribution", distribution, "input_axes", null,
                "output_axes", null);
    }
}
