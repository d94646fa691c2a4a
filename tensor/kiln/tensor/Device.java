package kiln.tensor;

/**
 * Where a tensor's storage lives. {@link #CPU} is always available; CUDA devices exist when the
 * CUDA backend is on the class path and a GPU is present ({@link #cudaAvailable()}).
 */
public record Device(Type type, int index) {
    /** Kinds of device. */
    public enum Type { CPU, CUDA }

    /** The host. */
    public static final Device CPU = new Device(Type.CPU, 0);

    private static volatile Device defaultDevice = CPU;

    public Device {
        if (type == null) {
            throw new IllegalArgumentException("Device: type must not be null");
        }
        if (index < 0) {
            throw new IllegalArgumentException("Device: index must be >= 0, got " + index);
        }
    }

    /** The CUDA device with this ordinal. */
    public static Device cuda(int index) {
        return new Device(Type.CUDA, index);
    }

    /** True for the host, where reading a tensor's values costs no transfer and no synchronisation. */
    public boolean isCpu() {
        return type == Type.CPU;
    }

    /** True when a CUDA backend is loaded and reports a usable GPU. */
    public static boolean cudaAvailable() {
        return Backends.isAvailable(cuda(0));
    }

    /** The device new tensors are created on when none is named (CPU unless changed). */
    public static Device defaultDevice() {
        return defaultDevice;
    }

    /** Sets the device new tensors are created on; fails if no backend serves it. */
    public static void setDefaultDevice(Device device) {
        Backends.get(device); // throws with the reason when unavailable
        defaultDevice = device;
    }

    /** Parses "cpu", "cuda", "cuda:1". */
    public static Device parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("cuda") || t.equals("gpu")) {
            return cuda(0);
        }
        if (t.startsWith("cuda:")) {
            try {
                return cuda(Integer.parseInt(t.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("Device: expected 'cpu', 'cuda' or 'cuda:N', got '" + s + "'");
    }

    @Override
    public String toString() {
        return type == Type.CPU ? "cpu" : "cuda:" + index;
    }
}
