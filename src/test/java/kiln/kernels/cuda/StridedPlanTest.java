package kiln.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Host-side merging of strided operands, and the offsets the kernels will compute from it. */
class StridedPlanTest {

    @Test
    void denseTensorsBecomeOneRow() {
        Tensor a = Tensor.zeros(2, 3, 4);
        StridedPlan p = StridedPlan.of(a, Tensor.zeros(2, 3, 4));
        assertEquals(1, p.rank());
        assertArrayEquals(new int[] {24}, p.dims());
        assertTrue(p.dense(0) && p.dense(1));
        assertEquals(24, p.size());
    }

    @Test
    void broadcastBiasIsAStrideZeroAxis() {
        Tensor x = Tensor.zeros(32, 10);
        Tensor bias = Tensor.zeros(10).broadcastTo(Shape.of(32, 10));
        StridedPlan p = StridedPlan.of(x, bias);
        assertArrayEquals(new int[] {32, 10}, p.dims());
        assertArrayEquals(new int[] {10, 1}, p.strides()[0]);
        assertArrayEquals(new int[] {0, 1}, p.strides()[1]);
        assertFalse(p.dense(1));
    }

    @Test
    void sizeOneDimsDropAndScalarsHaveRankZero() {
        StridedPlan p = StridedPlan.of(Tensor.zeros(1, 5, 1));
        assertArrayEquals(new int[] {5}, p.dims());
        StridedPlan s = StridedPlan.of(Tensor.zeros(1, 1));
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertTrue(s.dense(0));
    }

    @Test
    void offsetsMatchTheViewsElementByElement() {
        Tensor base = Tensor.arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5);
        Tensor scrambled = base.permute(3, 1, 0, 2).contiguous().permute(2, 1, 3, 0); // same shape, other strides
        Tensor out = Tensor.zeros(2, 2, 4, 3);
        Tensor a = base.narrow(1, 1, 2).narrow(3, 1, 3);           // strided window
        Tensor b = scrambled.narrow(1, 0, 2).narrow(3, 2, 3);        // permuted + window
        Tensor c = Tensor.zeros(4, 1).broadcastTo(Shape.of(2, 2, 4, 3));
        StridedPlan p = StridedPlan.of(out, a, b, c);
        int[] idx = new int[4];
        for (int i = 0; i < out.size(); i++) {
            int r = i;
            for (int d = 3; d >= 0; d--) {
                idx[d] = r % out.dim(d);
                r /= out.dim(d);
            }
            Tensor[] ops = {out, a, b, c};
            for (int k = 0; k < 4; k++) {
                int expect = ops[k].offset();
                for (int d = 0; d < 4; d++) {
                    expect += idx[d] * ops[k].stride(d);
                }
                assertEquals(expect, p.offset(i, k), "element " + i + " of operand " + k + " in " + p);
            }
        }
    }

    @Test
    void shiftedRebasesOneOperand() {
        StridedPlan p = StridedPlan.of(Tensor.zeros(10).narrow(0, 3, 4)).shifted(0, -3);
        assertEquals(0, p.base()[0]);
        assertEquals(2, p.offset(2, 0));
    }

    @Test
    void tooManyUnmergeableDimsIsAClearError() {
        int[] d = new int[9];
        int[] st = new int[9];
        for (int i = 0; i < 9; i++) {
            d[i] = 2;
            st[i] = 1 << (2 * (8 - i)); // gaps everywhere: nothing merges
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StridedPlan.of(d, new int[][] {st}, new int[] {0}));
        assertTrue(e.getMessage().contains("at most 8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StridedPlan.of(new int[] {2}, new int[5][1], new int[5]));
    }
}
