package kiln.kernels.cpu;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * Whether the CPU kernels use the Vector API, and at which width.
 *
 * <p>The Vector API lives in the incubator module {@code jdk.incubator.vector}; without
 * {@code --add-modules jdk.incubator.vector} the kernels fall back to their scalar twins and one
 * warning is logged. {@code -Dkiln.simd=off|256|512} overrides the choice ({@code false} means off).
 * Classes that touch {@code jdk.incubator.vector} are only loaded when {@link #enabled()} is true,
 * so this class itself must never reference the Vector API.
 */
public final class Simd {
    private static final Logger LOG = Logger.getLogger("kiln");

    /** Requested width in bits: 0 = off, -1 = the preferred species of this CPU. */
    private static final int REQUESTED = parse(System.getProperty("kiln.simd", "auto"));
    private static final boolean MODULE_PRESENT =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final boolean ENABLED = MODULE_PRESENT && REQUESTED != 0;

    static {
        if (!MODULE_PRESENT && REQUESTED != 0) {
            LOG.warning("kiln: jdk.incubator.vector is not loaded; CPU kernels run scalar loops "
                    + "(add --add-modules=jdk.incubator.vector to the JVM flags for SIMD)");
        }
    }

    private Simd() {}

    /** True when the Vector API kernels are in use. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** The requested vector width in bits, or -1 for the CPU's preferred width (only meaningful when enabled). */
    public static int requestedBits() {
        return REQUESTED;
    }

    /** A one-line description of the active path, e.g. {@code "Vector API, 256-bit (8 float lanes)"}. */
    public static String describe() {
        if (!ENABLED) {
            return MODULE_PRESENT ? "scalar (kiln.simd=off)" : "scalar (jdk.incubator.vector not loaded)";
        }
        int bits = VectorWidth.bits();
        return "Vector API, " + bits + "-bit (" + bits / 32 + " float lanes)";
    }

    private static int parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "off", "false", "scalar", "0" -> 0;
            case "auto", "on", "true", "" -> -1;
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException(
                    "kiln.simd: expected one of off|auto|128|256|512, got '" + s + "'");
        };
    }
}
