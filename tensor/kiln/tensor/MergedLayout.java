package kiln.tensor;

import java.util.Arrays;

/**
 * Several strided operands of one shape, with dimensions of size 1 dropped and neighbouring
 * dimensions merged wherever every operand is contiguous across them. Two dense tensors of any
 * shape become one flat dimension; a bias broadcast over a batch becomes (rows, cols) with row
 * stride 0. Every backend iterates elementwise work over this layout, so the merging is done here
 * once for all of them.
 *
 * @param rank    merged rank (0: a single element)
 * @param dims    merged dimensions, outermost first (length {@code rank})
 * @param strides {@code strides[k][a]}: operand k's element stride along merged axis a
 * @param base    each operand's element offset of its first element
 * @param size    number of elements
 */
public record MergedLayout(int rank, int[] dims, int[][] strides, int[] base, int size) {

    /** The layout of operands that all have the first one's shape (broadcast views included). */
    public static MergedLayout of(Tensor... ops) {
        int[][] st = new int[ops.length][];
        int[] base = new int[ops.length];
        for (int i = 0; i < ops.length; i++) {
            if (!ops[i].shape().equals(ops[0].shape())) {
                throw new IllegalArgumentException("strided layout: operand " + i + " has shape " + ops[i].shape()
                        + ", expected " + ops[0].shape());
            }
            st[i] = ops[i].strides();
            base[i] = ops[i].offset();
        }
        return of(ops[0].dims(), st, base);
    }

    /** The layout of raw dimensions with per-operand strides and offsets. */
    public static MergedLayout of(int[] d, int[][] st, int[] base) {
        int k = st.length;
        int r = d.length;
        int size = 1;
        for (int x : d) {
            size = Math.multiplyExact(size, x);
        }
        int[] md = new int[r];
        int[][] ms = new int[k][r];
        int m = 0;
        for (int a = 0; a < r; a++) {
            if (d[a] == 1) {
                continue;
            }
            // axis a joins the previous merged axis when, for every operand, stepping over all of
            // axis a lands exactly one step of the previous axis further
            boolean merge = m > 0;
            for (int i = 0; i < k && merge; i++) {
                merge = ms[i][m - 1] == st[i][a] * d[a];
            }
            if (merge) {
                md[m - 1] *= d[a];
                for (int i = 0; i < k; i++) {
                    ms[i][m - 1] = st[i][a];
                }
            } else {
                md[m] = d[a];
                for (int i = 0; i < k; i++) {
                    ms[i][m] = st[i][a];
                }
                m++;
            }
        }
        int[][] out = new int[k][];
        for (int i = 0; i < k; i++) {
            out[i] = Arrays.copyOf(ms[i], m);
        }
        return new MergedLayout(m, Arrays.copyOf(md, m), out, base.clone(), size);
    }
}
