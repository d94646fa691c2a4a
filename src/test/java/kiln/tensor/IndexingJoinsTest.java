package kiln.tensor;

import static kiln.tensor.Approx.assertIae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class IndexingJoinsTest {

    private static Tensor t23() {
        return Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    }

    @Test
    void concat() {
        Tensor a = t23();
        Tensor b = Tensor.of(new float[] {7, 8, 9}, 1, 3);
        Tensor c = Tensor.concat(0, a, b);
        assertEquals(Shape.of(3, 3), c.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, c.toFloatArray());
        Tensor d = Tensor.concat(-1, a, Tensor.of(new float[] {10, 20}, 2, 1), a.narrow(1, 0, 0));
        assertEquals(Shape.of(2, 4), d.shape());
        assertArrayEquals(new float[] {1, 2, 3, 10, 4, 5, 6, 20}, d.toFloatArray());
        // Non-contiguous parts
        Tensor e = Tensor.concat(1, a.t().contiguous().t(), a.select(1, 2).unsqueeze(1));
        assertArrayEquals(new float[] {1, 2, 3, 3, 4, 5, 6, 6}, e.toFloatArray());
        // int tensors
        Tensor ints = Tensor.concat(0, Tensor.ofInts(new int[] {1, 2}, 2), Tensor.ofInts(new int[] {3}, 1));
        assertEquals(DType.INT32, ints.dtype());
        assertArrayEquals(new int[] {1, 2, 3}, ints.toIntArray());
        assertIae(() -> Tensor.concat(0, a, Tensor.zeros(1, 4)), "concat", "axis 0", "[1, 4]", "[2, 3]");
        assertIae(() -> Tensor.concat(0, a, Tensor.zeros(3)), "concat", "[3]", "[2, 3]");
        assertIae(() -> Tensor.concat(2, a, a), "concat", "axis 2", "[2, 3]");
        assertIae(() -> Tensor.concat(0, a, Tensor.ofInts(new int[] {1, 2, 3}, 1, 3)), "concat", "int32", "float32");
        assertIae(() -> Tensor.concat(0), "concat");
    }

    @Test
    void stack() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2);
        Tensor b = Tensor.of(new float[] {3, 4}, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, Tensor.stack(0, a, b).toFloatArray());
        Tensor s1 = Tensor.stack(1, a, b);
        assertEquals(Shape.of(2, 2), s1.shape());
        assertArrayEquals(new float[] {1, 3, 2, 4}, s1.toFloatArray());
        assertEquals(Shape.of(2, 2), Tensor.stack(-1, a, b).shape());
        assertIae(() -> Tensor.stack(0, a, Tensor.zeros(3)), "stack", "[3]", "[2]");
    }

    @Test
    void splitGivesViews() {
        Tensor a = Tensor.arange(10).reshape(2, 5);
        Tensor[] parts = a.split(1, 2, 3);
        assertEquals(2, parts.length);
        assertEquals(Shape.of(2, 2), parts[0].shape());
        assertArrayEquals(new float[] {2, 3, 4, 7, 8, 9}, parts[1].toFloatArray());
        assertSame(a.buffer(), parts[1].buffer());
        parts[0].fill(-1);
        assertEquals(-1f, a.get(1, 1));
        assertArrayEquals(a.toFloatArray(), Tensor.concat(1, parts).toFloatArray(), "concat undoes split");
        assertIae(() -> a.split(1, 2, 2), "split", "[2, 2]", "4", "axis 1", "[2, 5]");
        assertIae(() -> a.split(0, 3, -1), "split", ">= 0");
    }

    @Test
    void take() {
        Tensor a = Tensor.arange(12).reshape(3, 4);
        Tensor rows = a.take(Tensor.ofInts(new int[] {2, 0, 2}, 3), 0);
        assertEquals(Shape.of(3, 4), rows.shape());
        assertArrayEquals(new float[] {8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11}, rows.toFloatArray());
        Tensor cols = a.take(Tensor.ofInts(new int[] {3, 1, 0, 0}, 2, 2), 1);
        assertEquals(Shape.of(3, 2, 2), cols.shape());
        assertArrayEquals(new float[] {3, 1, 0, 0, 7, 5, 4, 4, 11, 9, 8, 8}, cols.toFloatArray());
        // Embedding lookup: (vocab, dim) table, (batch, seq) ids → (batch, seq, dim)
        Tensor ids = Tensor.ofInts(new int[] {1, 2, 0, 1}, 2, 2);
        Tensor emb = a.take(ids, 0);
        assertEquals(Shape.of(2, 2, 4), emb.shape());
        assertArrayEquals(new float[] {8, 9, 10, 11}, emb.select(0, 0).select(0, 1).toFloatArray());
        // a non-contiguous source and index view
        Tensor idx = Tensor.ofInts(new int[] {0, 9, 2, 9}, 2, 2).select(1, 0);
        assertArrayEquals(new float[] {0, 4, 8, 2, 6, 10}, a.t().take(idx, 0).toFloatArray());
        // int tensors can be gathered too
        assertArrayEquals(new int[] {30, 10}, Tensor.ofInts(new int[] {10, 20, 30}, 3).take(Tensor.ofInts(new int[] {2, 0}, 2), 0).toIntArray());
        assertIae(() -> a.take(Tensor.ofInts(new int[] {0, 3}, 2), 0), "index 3", "[0, 3)", "axis 0");
        assertIae(() -> a.take(Tensor.ofInts(new int[] {-1}, 1), 1), "index -1", "axis 1");
        assertIae(() -> a.take(Tensor.of(new float[] {0}, 1), 0), "take", "int32", "float32");
        assertIae(() -> a.take(Tensor.ofInts(new int[] {0}, 1), 2), "take", "axis 2", "[3, 4]");
    }

    @Test
    void takeIntoOut() {
        Tensor a = Tensor.arange(12).reshape(3, 4);
        Tensor out = Tensor.full(-1f, 4, 4);
        Tensor firstRows = out.narrow(0, 0, 2);
        assertSame(firstRows, a.take(Tensor.ofInts(new int[] {2, 0}, 2), 0, firstRows));
        assertArrayEquals(new float[] {8, 9, 10, 11, 0, 1, 2, 3, -1, -1, -1, -1, -1, -1, -1, -1}, out.toFloatArray());
        assertIae(() -> a.take(Tensor.ofInts(new int[] {0}, 1), 0, Tensor.zeros(2, 4)), "take", "[2, 4]", "[1, 4]");
        assertIae(() -> a.take(Tensor.ofInts(new int[] {0}, 1), 0, Tensor.zeros(kiln.tensor.DType.INT32, Shape.of(1, 4), a.device())), "take", "int32", "float32");
    }

    @Test
    void oneHot() {
        Tensor o = Tensor.ofInts(new int[] {2, 0, 5, -1}, 4).oneHot(3);
        assertEquals(Shape.of(4, 3), o.shape());
        assertEquals(DType.FLOAT32, o.dtype());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, o.toFloatArray(), "out of range → zeros");
        assertEquals(Shape.of(2, 2, 4), Tensor.ofInts(new int[] {0, 1, 2, 3}, 2, 2).oneHot(4).shape());
        assertIae(() -> Tensor.zeros(2).oneHot(3), "oneHot", "int32");
        assertIae(() -> Tensor.ofInts(new int[] {0}, 1).oneHot(0), "oneHot", "depth");
    }

    @Test
    void scatterAddIsTheAdjointOfGather() {
        Tensor src = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Tensor idx = Tensor.ofInts(new int[] {1, 0, 1}, 3);
        Tensor out = Tensor.zeros(2, 2);
        src.backend().scatterAdd(src, idx, 0, out);
        assertArrayEquals(new float[] {3, 4, 6, 8}, out.toFloatArray(), "repeated indices accumulate");
        // along axis 1, into a non-contiguous out that already holds values
        Tensor o2 = Tensor.ones(3, 2).t(); // (2, 3) view
        Tensor s2 = Tensor.of(new float[] {1, 2, 10, 20}, 2, 2);
        s2.backend().scatterAdd(s2, Tensor.ofInts(new int[] {2, 2}, 2), 1, o2);
        assertArrayEquals(new float[] {1, 1, 4, 1, 1, 31}, o2.toFloatArray());
        // <gather(x), y> == <x, scatterAdd(y)>
        Tensor x = Tensor.uniform(new Generator(1), -1, 1, 5, 3);
        Tensor ii = Tensor.ofInts(new int[] {4, 0, 4, 2}, 4);
        Tensor y = Tensor.uniform(new Generator(2), -1, 1, 4, 3);
        double lhs = x.take(ii, 0).mul(y).sum().item();
        Tensor sc = Tensor.zeros(5, 3);
        y.backend().scatterAdd(y, ii, 0, sc);
        assertEquals(lhs, x.mul(sc).sum().item(), 1e-5);
        assertIae(() -> src.backend().scatterAdd(src, Tensor.ofInts(new int[] {0, 2, 1}, 3), 0, Tensor.zeros(2, 2)),
                "scatterAdd", "index 2", "[0, 2)");
    }
}
