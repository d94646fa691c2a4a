package kiln.kernels.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The argument block of one kernel launch, laid out as {@code cuLaunchKernel} wants it: every argument's
 * bytes at its natural alignment in one buffer, plus the offset of each (the launch passes an array of
 * pointers to them). Pure Java, so the layout is unit-tested without a GPU; {@link CudaContext#launch}
 * copies it into native memory.
 */
final class KernelArgs {
    /** Bytes of {@code struct Plan} in kiln_common.cuh: rank, size, dims[8], strides[4][8], base[4]. */
    static final int PLAN_BYTES = 4 + 4 + 4 * StridedPlan.MAX_RANK + 4 * StridedPlan.MAX_OPS * StridedPlan.MAX_RANK
            + 4 * StridedPlan.MAX_OPS;
    /** {@code struct TensorList}: count, n[16], then (8-aligned) ptr[5][16]. */
    static final int LIST_MAX = 16;
    static final int LIST_OPS = 5;
    private static final int LIST_PTRS_OFFSET = (4 + 4 * LIST_MAX + 7) & -8;
    static final int LIST_BYTES = LIST_PTRS_OFFSET + 8 * LIST_OPS * LIST_MAX;
    static final int MAX_BYTES = 2048;
    static final int MAX_ARGS = 32;

    // most launches need under 512 bytes (a Plan is 184): grown to MAX_BYTES only when a launch needs it
    private ByteBuffer bytes = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    private final int[] offsets = new int[MAX_ARGS];
    private final int[] sizes = new int[MAX_ARGS];
    private int count;

    private int begin(int align, int size) {
        if (count == MAX_ARGS) {
            throw new IllegalStateException("kernel launch: more than " + MAX_ARGS + " arguments");
        }
        int at = (bytes.position() + align - 1) & -align;
        if (at + size > MAX_BYTES) {
            throw new IllegalStateException("kernel launch: arguments exceed " + MAX_BYTES + " bytes");
        }
        if (at + size > bytes.capacity()) {
            ByteBuffer grown = ByteBuffer.allocate(MAX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            grown.put(bytes.flip());
            bytes = grown;
        }
        bytes.position(at);
        sizes[count] = size;
        offsets[count++] = at;
        return at;
    }

    /** A device pointer ({@code T*}); 0 is nullptr. */
    KernelArgs ptr(long address) {
        begin(8, 8);
        bytes.putLong(address);
        return this;
    }

    /** {@code int}. */
    KernelArgs i32(int v) {
        begin(4, 4);
        bytes.putInt(v);
        return this;
    }

    /** {@code long long}. */
    KernelArgs i64(long v) {
        begin(8, 8);
        bytes.putLong(v);
        return this;
    }

    /** {@code float}. */
    KernelArgs f32(float v) {
        begin(4, 4);
        bytes.putFloat(v);
        return this;
    }

    /** {@code Plan}, by value. Unused slots are zero. */
    KernelArgs plan(StridedPlan p) {
        begin(4, PLAN_BYTES);
        bytes.putInt(p.rank());
        bytes.putInt(p.size());
        for (int a = 0; a < StridedPlan.MAX_RANK; a++) {
            bytes.putInt(a < p.rank() ? p.dims()[a] : 1);
        }
        for (int k = 0; k < StridedPlan.MAX_OPS; k++) {
            for (int a = 0; a < StridedPlan.MAX_RANK; a++) {
                bytes.putInt(k < p.operands() && a < p.rank() ? p.strides()[k][a] : 0);
            }
        }
        for (int k = 0; k < StridedPlan.MAX_OPS; k++) {
            bytes.putInt(k < p.operands() ? p.base()[k] : 0);
        }
        return this;
    }

    /**
     * {@code TensorList}, by value (kiln_common.cuh): {@code n.length} ≤ {@link #LIST_MAX} tensors, tensor t with
     * n[t] elements and operand k at {@code ptrs[k][t]} (0 for an absent one); unused entries are zero.
     */
    KernelArgs tensorList(int[] n, long[][] ptrs) {
        if (n.length > LIST_MAX || ptrs.length > LIST_OPS) {
            throw new IllegalArgumentException("tensorList: " + n.length + " tensors of " + ptrs.length
                    + " operands, at most " + LIST_MAX + " of " + LIST_OPS);
        }
        int at = begin(8, LIST_BYTES);
        bytes.putInt(n.length);
        for (int t = 0; t < LIST_MAX; t++) {
            bytes.putInt(t < n.length ? n[t] : 0);
        }
        bytes.position(at + LIST_PTRS_OFFSET);
        for (int k = 0; k < LIST_OPS; k++) {
            for (int t = 0; t < LIST_MAX; t++) {
                bytes.putLong(k < ptrs.length && t < n.length ? ptrs[k][t] : 0L);
            }
        }
        return this;
    }

    /** Number of arguments. */
    int count() {
        return count;
    }

    /** Byte offset of argument i in {@link #bytes()}. */
    int offset(int i) {
        return offsets[i];
    }

    /** Bytes of argument i (the C type's sizeof). */
    int size(int i) {
        return sizes[i];
    }

    /** The argument bytes (a copy, of length {@link #length()}). */
    byte[] bytes() {
        return Arrays.copyOf(bytes.array(), length());
    }

    /** Bytes used. */
    int length() {
        return bytes.position();
    }
}
