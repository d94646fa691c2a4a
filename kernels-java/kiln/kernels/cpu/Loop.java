package kiln.kernels.cpu;

import kiln.tensor.MergedLayout;
import kiln.tensor.Tensor;

/**
 * An iteration plan over several strided operands of one shape, on their {@link MergedLayout}
 * (size-1 dimensions dropped, contiguous neighbours merged): kernels run on "rows" — the innermost
 * merged dimension, with one offset and one stride per operand — split across threads.
 */
final class Loop {
    /** A kernel over one row: {@code off[k]} is operand k's first element, n the row length. */
    @FunctionalInterface
    interface RowKernel {
        void row(int[] off, int n);
    }

    /** Below this many elements a loop runs on the calling thread: handing off costs more than it saves. */
    static final int PARALLEL_THRESHOLD = 1 << 16;

    final int rank;        // after merging; 0 means a single element
    final int[] dims;      // merged dimensions, outermost first
    final int[][] strides; // strides[k][axis] for operand k
    final int[] base;      // base offset of each operand
    final int size;

    private Loop(int rank, int[] dims, int[][] strides, int[] base, int size) {
        this.rank = rank;
        this.dims = dims;
        this.strides = strides;
        this.base = base;
        this.size = size;
    }

    /** A plan over operands that all have the first operand's shape (broadcast views included). */
    static Loop of(Tensor... ops) {
        MergedLayout l = MergedLayout.of(ops);
        return new Loop(l.rank(), l.dims(), l.strides(), l.base(), l.size());
    }

    /** Length of a row (the innermost merged dimension). */
    int inner() {
        return rank == 0 ? 1 : dims[rank - 1];
    }

    /** Stride of operand k along the row. */
    int innerStride(int k) {
        return rank == 0 ? 1 : strides[k][rank - 1];
    }

    /** Every operand's stride along the row, in operand order. */
    int[] innerStrides() {
        int[] st = new int[base.length];
        for (int k = 0; k < st.length; k++) {
            st[k] = innerStride(k);
        }
        return st;
    }

    /** Number of rows. */
    int rows() {
        return inner() == 0 ? 0 : size / inner();
    }

    /** Writes the offsets of row {@code r} into {@code off}. */
    void rowOffsets(int r, int[] off) {
        for (int k = 0; k < base.length; k++) {
            off[k] = base[k];
        }
        for (int a = rank - 2; a >= 0 && r > 0; a--) {
            int i = r % dims[a];
            r /= dims[a];
            for (int k = 0; k < base.length; k++) {
                off[k] += i * strides[k][a];
            }
        }
    }

    /**
     * Runs the kernel over every row, split across threads when large. A single long row is cut into
     * pieces; otherwise whole rows are distributed. Each element is written by exactly one piece, so
     * results do not depend on the thread count.
     */
    void run(RowKernel kernel) {
        if (size == 0) {
            return;
        }
        int n = inner();
        int rows = rows();
        int k = base.length;
        if (rows == 1) {
            if (size < PARALLEL_THRESHOLD) {
                kernel.row(base.clone(), n);
                return;
            }
            Parallel.forRange(n, PARALLEL_THRESHOLD / 2, (from, to) -> {
                int[] off = new int[k];
                for (int i = 0; i < k; i++) {
                    off[i] = base[i] + from * innerStride(i);
                }
                kernel.row(off, to - from);
            });
            return;
        }
        int minRows = Math.max(1, PARALLEL_THRESHOLD / Math.max(n, 1));
        Parallel.forRange(rows, minRows, (from, to) -> {
            int[] off = new int[k];
            for (int r = from; r < to; r++) {
                rowOffsets(r, off);
                kernel.row(off, n);
            }
        });
    }
}
