package kiln.tensor;

import java.util.Locale;

/**
 * How a backend may compute float32 matrix products — PyTorch's {@code torch.set_float32_matmul_precision}.
 * One process-wide setting, read at each {@link Backend#matmul}: {@code -Dkiln.matmul.precision=highest|high|medium}
 * at start-up, {@link #setFloat32} later.
 *
 * <p>Only tensor-core GPUs use the lower settings; the CPU backend always computes in float32. Inputs are
 * rounded, products are accumulated in float32, results are float32 either way. The rounding error of one
 * product term grows from 2⁻²⁴ (float32) to about 2⁻¹¹ (TF32) and 2⁻⁸ (BF16) relative, so a dot product of
 * length k is within {@code ~2u·Σ|a||b|} of the exact value, u being the input format's unit roundoff.
 */
public enum MatmulPrecision {
    /** Float32 inputs and arithmetic: the default. */
    HIGHEST("highest"),
    /** TF32 tensor cores: inputs rounded to 10 mantissa bits (u = 2⁻¹¹), float32 accumulation. */
    HIGH("high"),
    /** BF16 tensor cores: inputs rounded to bfloat16, 7 mantissa bits (u = 2⁻⁸), float32 accumulation. */
    MEDIUM("medium");

    private static volatile MatmulPrecision float32 = parse(System.getProperty("kiln.matmul.precision", "highest"));

    private final String torchName;

    MatmulPrecision(String torchName) {
        this.torchName = torchName;
    }

    /** The precision float32 matmuls use now. */
    public static MatmulPrecision float32() {
        return float32;
    }

    /** Sets the precision of every later float32 matmul, on every device. */
    public static void setFloat32(MatmulPrecision precision) {
        if (precision == null) {
            throw new IllegalArgumentException("setFloat32: precision must not be null (HIGHEST, HIGH or MEDIUM)");
        }
        float32 = precision;
    }

    /** "highest", "high" or "medium" (PyTorch's names; case ignored). */
    public static MatmulPrecision parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (MatmulPrecision p : values()) {
            if (p.torchName.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("float32 matmul precision must be 'highest', 'high' or 'medium', got '" + name + "'");
    }

    /** PyTorch's name for it. */
    @Override
    public String toString() {
        return torchName;
    }
}
