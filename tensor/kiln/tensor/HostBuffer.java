package kiln.tensor;

/**
 * A buffer in the Java heap: a {@code float[]} or an {@code int[]}, managed by the garbage collector.
 * Exactly one of {@link #floats} and {@link #ints} is non-null, matching {@link #dtype()}.
 */
public final class HostBuffer implements Buffer {
    /** The elements of a float32 buffer, else null. */
    public final float[] floats;
    /** The elements of an int32 buffer, else null. */
    public final int[] ints;

    private HostBuffer(float[] floats, int[] ints) {
        this.floats = floats;
        this.ints = ints;
    }

    /** Wraps (does not copy) a float array. */
    public static HostBuffer of(float[] data) {
        return new HostBuffer(data, null);
    }

    /** Wraps (does not copy) an int array. */
    public static HostBuffer of(int[] data) {
        return new HostBuffer(null, data);
    }

    /** A zero-filled buffer. */
    public static HostBuffer allocate(DType dtype, int length) {
        return switch (dtype) {
            case FLOAT32 -> of(new float[length]);
            case INT32 -> of(new int[length]);
        };
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public DType dtype() {
        return floats != null ? DType.FLOAT32 : DType.INT32;
    }

    @Override
    public int length() {
        return floats != null ? floats.length : ints.length;
    }
}
