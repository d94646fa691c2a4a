package kiln.kernels.cuda;

import java.util.Arrays;
import kiln.tensor.MergedLayout;
import kiln.tensor.Tensor;

/**
 * The host half of a strided kernel launch: up to {@link #MAX_OPS} operands of one shape, with size-1
 * dimensions dropped and neighbouring dimensions merged where every operand is contiguous across them
 * ({@link MergedLayout}, shared with the CPU backend). Two dense tensors of any shape become one flat
 * dimension; a bias broadcast over a batch becomes (rows, cols) with row stride 0. The kernel side is
 * {@code struct Plan} in {@code kiln_common.cuh}, written by {@link KernelArgs#plan}.
 *
 * @param rank    merged rank (0: a single element)
 * @param dims    merged dimensions, outermost first (length {@code rank})
 * @param strides {@code strides[k][a]}: operand k's element stride along merged axis a
 * @param base    each operand's element offset of its first element
 * @param size    number of elements
 */
record StridedPlan(int rank, int[] dims, int[][] strides, int[] base, int size) {
    /** Merged dimensions a kernel accepts ({@code KILN_MAX_RANK}). */
    static final int MAX_RANK = 8;
    /** Operands a plan carries ({@code KILN_MAX_OPS}). */
    static final int MAX_OPS = 4;

    /** A plan over tensors that all have the first one's shape (broadcast views included). */
    static StridedPlan of(Tensor... ops) {
        return checked(MergedLayout.of(ops), ops[0].dims());
    }

    /** A plan over raw dims and per-operand strides and offsets. */
    static StridedPlan of(int[] d, int[][] st, int[] base) {
        return checked(MergedLayout.of(d, st, base), d);
    }

    private static StridedPlan checked(MergedLayout l, int[] d) {
        int k = l.base().length;
        if (k == 0 || k > MAX_OPS) {
            throw new IllegalArgumentException("CUDA plan: 1 to " + MAX_OPS + " operands, got " + k);
        }
        if (l.rank() > MAX_RANK) {
            throw new IllegalArgumentException("CUDA kernels take at most " + MAX_RANK
                    + " dimensions that cannot be merged, got " + l.rank() + " for shape " + Arrays.toString(d)
                    + " (make the tensor contiguous first)");
        }
        return new StridedPlan(l.rank(), l.dims(), l.strides(), l.base(), l.size());
    }

    /** Number of operands. */
    int operands() {
        return base.length;
    }

    /** True when operand k walks memory densely in element order (one merged dim of stride 1, or a scalar). */
    boolean dense(int k) {
        return rank == 0 || (rank == 1 && strides[k][0] == 1);
    }

    /** This plan with operand k's base shifted by {@code delta} (e.g. made relative to a tensor's offset). */
    StridedPlan shifted(int k, int delta) {
        int[] b = base.clone();
        b[k] += delta;
        return new StridedPlan(rank, dims, strides, b, size);
    }

    /** The element offset of element {@code i} (row-major) for operand k: the kernels' plan_offset, for tests. */
    int offset(int i, int k) {
        int off = base[k];
        for (int a = rank - 1; a >= 0; a--) {
            off += (i % dims[a]) * strides[k][a];
            i /= dims[a];
        }
        return off;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StridedPlan[dims=").append(Arrays.toString(dims));
        for (int k = 0; k < base.length; k++) {
            sb.append(", op").append(k).append("=").append(base[k]).append(Arrays.toString(strides[k]));
        }
        return sb.append(']').toString();
    }
}
