package kiln.kernels.cuda;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Copies between the host arrays tensors are read into and written from (float[] or int[]) and native memory. */
final class HostArrays {
    private HostArrays() {}

    /** The first {@code n} elements of {@code array} (float[] or int[]) to {@code dst}. */
    static void put(Object array, MemorySegment dst, int n) {
        if (array instanceof float[] f) {
            MemorySegment.copy(f, 0, dst, ValueLayout.JAVA_FLOAT, 0, n);
        } else {
            MemorySegment.copy((int[]) array, 0, dst, ValueLayout.JAVA_INT, 0, n);
        }
    }

    /** {@code n} elements of {@code src} into {@code array} (float[] or int[]). */
    static void get(MemorySegment src, Object array, int n) {
        if (array instanceof float[] f) {
            MemorySegment.copy(src, ValueLayout.JAVA_FLOAT, 0, f, 0, n);
        } else {
            MemorySegment.copy(src, ValueLayout.JAVA_INT, 0, (int[]) array, 0, n);
        }
    }
}
