package kiln.tensor;

import static kiln.tensor.Approx.assertIae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Views share storage: writing through one is seen through the other. */
class ViewTest {

    private static Tensor t23() {
        return Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    }

    private static Tensor t234() {
        return Tensor.arange(24).reshape(2, 3, 4);
    }

    @Test
    void reshapeOfContiguousIsAView() {
        Tensor a = t23();
        Tensor r = a.reshape(3, 2);
        assertSame(a.buffer(), r.buffer());
        r.select(0, 2).select(0, 1).fill(60); // r[2,1] is a[1,2]
        assertEquals(60f, a.get(1, 2));
        a.select(0, 0).fill(-1);
        assertArrayEquals(new float[] {-1, -1, -1, 4, 5, 60}, r.toFloatArray());
        assertEquals(Shape.of(6), a.flatten().shape());
        assertEquals(Shape.of(3, 2), a.reshape(-1, 2).shape());
        assertSame(a, a.reshape(2, 3), "same shape: the tensor itself");
    }

    @Test
    void reshapeOfNonContiguousCopies() {
        Tensor a = t23();
        Tensor tr = a.t();
        assertFalse(tr.isContiguous());
        Tensor r = tr.reshape(6);
        assertNotSame(a.buffer(), r.buffer(), "a transposed view cannot be reshaped in place");
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, r.toFloatArray());
        r.fill(0);
        assertEquals(1f, a.get(0, 0), "the copy does not write back");
        assertIae(() -> a.reshape(4, 2), "reshape", "[4, 2]", "8", "6");
    }

    @Test
    void transposeAndPermuteAlias() {
        Tensor a = t234();
        Tensor p = a.permute(2, 0, 1);
        assertEquals(Shape.of(4, 2, 3), p.shape());
        assertSame(a.buffer(), p.buffer());
        assertArrayEquals(new int[] {1, 12, 4}, p.strides());
        assertEquals(a.get(1, 2, 3), p.get(3, 1, 2));
        p.select(0, 3).select(0, 1).select(0, 2).fill(-5); // p[3,1,2] is a[1,2,3]
        assertEquals(-5f, a.get(1, 2, 3));
        Tensor tr = a.transpose(0, -1);
        assertEquals(Shape.of(4, 3, 2), tr.shape());
        assertEquals(a.get(1, 0, 2), tr.get(2, 0, 1));
        Tensor m = t23();
        Tensor mt = m.t();
        assertEquals(Shape.of(3, 2), mt.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, mt.toFloatArray());
        Tensor flat = m.reshape(6);
        assertSame(flat, flat.t(), "t() of a vector is itself");
        assertIae(() -> a.permute(0, 0, 1), "permute", "repeated");
        assertIae(() -> a.permute(0, 1), "permute", "[2, 3, 4]");
        assertIae(a::t, "t:", "[2, 3, 4]");
    }

    @Test
    void narrowSliceSelectAlias() {
        Tensor a = t234();
        Tensor n = a.narrow(2, 1, 2);
        assertEquals(Shape.of(2, 3, 2), n.shape());
        assertSame(a.buffer(), n.buffer());
        assertEquals(a.get(1, 1, 2), n.get(1, 1, 1));
        n.fill(0);
        assertEquals(0f, a.get(0, 0, 1));
        assertEquals(0f, a.get(1, 2, 2));
        assertEquals(3f, a.get(0, 0, 3), "outside the narrowed range untouched");
        Tensor s = a.slice(1, -2, 3); // [1:3]
        assertEquals(Shape.of(2, 2, 4), s.shape());
        assertEquals(a.get(1, 1, 3), s.get(1, 0, 3));
        assertEquals(Shape.of(2, 3, 2), a.slice(2, 2, 100).shape(), "slice clamps the end like Python");
        Tensor sel = a.select(1, -1);
        assertEquals(Shape.of(2, 4), sel.shape());
        sel.fill(9);
        assertEquals(9f, a.get(1, 2, 0));
        assertEquals(9f, a.get(0, 2, 3));
        assertIae(() -> a.narrow(1, 2, 2), "narrow", "[2, 4)", "axis 1", "size 3", "[2, 3, 4]");
        assertIae(() -> a.narrow(1, -1, 1), "narrow", "axis 1");
        assertIae(() -> a.select(0, 2), "select", "index 2", "axis 0", "[2, 3, 4]");
        assertIae(() -> a.slice(0, 3, 4), "slice", "axis 0", "[2, 3, 4]");
    }

    @Test
    void broadcastToIsAStrideZeroView() {
        Tensor v = Tensor.of(new float[] {1, 2, 3}, 3);
        Tensor b = v.broadcastTo(Shape.of(2, 3));
        assertSame(v.buffer(), b.buffer());
        assertArrayEquals(new int[] {0, 1}, b.strides());
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, b.toFloatArray());
        v.select(0, 1).fill(20);
        assertEquals(20f, b.get(1, 1), "write through the source, read through the broadcast");
        Tensor col = Tensor.of(new float[] {1, 2}, 2, 1).expand(2, 3);
        assertArrayEquals(new float[] {1, 1, 1, 2, 2, 2}, col.toFloatArray());
        assertIae(() -> v.broadcastTo(Shape.of(2, 4)), "broadcastTo", "[3]", "[2, 4]");
    }

    @Test
    void squeezeUnsqueezeAlias() {
        Tensor a = Tensor.arange(6).reshape(1, 2, 1, 3);
        Tensor s = a.squeeze();
        assertEquals(Shape.of(2, 3), s.shape());
        assertSame(a.buffer(), s.buffer());
        assertEquals(Shape.of(2, 1, 3), a.squeeze(0).shape());
        assertEquals(Shape.of(1, 2, 3), a.squeeze(-2).shape());
        Tensor u = s.unsqueeze(1);
        assertEquals(Shape.of(2, 1, 3), u.shape());
        assertEquals(Shape.of(2, 3, 1), s.unsqueeze(-1).shape());
        assertEquals(Shape.of(1, 2, 3), s.unsqueeze(0).shape());
        u.select(0, 1).select(0, 0).select(0, 2).fill(50);
        assertEquals(50f, a.get(0, 1, 0, 2));
        assertIae(() -> a.squeeze(1), "squeeze", "axis 1", "size 2");
        assertIae(() -> s.unsqueeze(3), "unsqueeze", "axis 3");
    }

    @Test
    void contiguousCopiesOnlyWhenNeeded() {
        Tensor a = t23();
        assertTrue(a.isContiguous());
        assertSame(a, a.contiguous());
        Tensor row = a.select(0, 1);
        assertTrue(row.isContiguous(), "a row with an offset is contiguous");
        assertSame(row, row.contiguous());
        Tensor col = a.select(1, 1);
        assertFalse(col.isContiguous());
        Tensor c = col.contiguous();
        assertNotSame(a.buffer(), c.buffer());
        assertTrue(c.isContiguous());
        assertArrayEquals(new float[] {2, 5}, c.toFloatArray());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, a.t().contiguous().toFloatArray());
        Tensor copy = a.copy();
        assertNotSame(a.buffer(), copy.buffer());
        copy.fill(0);
        assertEquals(6f, a.get(1, 2));
        // A tensor with a size-1 axis of any stride is still contiguous.
        assertTrue(Tensor.zeros(3, 1).t().isContiguous());
        assertFalse(Tensor.zeros(2, 2).broadcastTo(Shape.of(3, 2, 2)).isContiguous());
    }

    @Test
    void copyFromWritesThroughAView() {
        Tensor a = Tensor.zeros(3, 4);
        a.narrow(1, 1, 2).copyFrom(Tensor.of(new float[] {1, 2}, 2));
        assertArrayEquals(new float[] {0, 1, 2, 0, 0, 1, 2, 0, 0, 1, 2, 0}, a.toFloatArray());
        Tensor ints = Tensor.ofInts(new int[] {4, 5}, 2);
        Tensor f = Tensor.zeros(2);
        f.copyFrom(ints);
        assertArrayEquals(new float[] {4, 5}, f.toFloatArray());
        assertIae(() -> a.copyFrom(Tensor.zeros(5)), "copyFrom", "[5]", "[3, 4]");
    }

    @Test
    void hostAccessOfViews() {
        Tensor a = t234();
        Tensor v = a.permute(1, 2, 0).narrow(1, 1, 2);
        float[] exp = new float[3 * 2 * 2];
        int k = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 1; j < 3; j++) {
                for (int l = 0; l < 2; l++) {
                    exp[k++] = a.get(l, i, j);
                }
            }
        }
        assertArrayEquals(exp, v.toFloatArray());
        assertArrayEquals(new int[] {5, 6}, a.select(0, 0).select(0, 1).narrow(0, 1, 2).toIntArray());
        assertEquals(12, a.select(0, 1).offset());
        assertEquals(4, a.stride(1));
        assertEquals(1, a.stride(-1));
    }
}
