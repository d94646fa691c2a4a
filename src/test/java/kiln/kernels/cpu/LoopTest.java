package kiln.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The strided iteration plan: dimension merging, row offsets, and coverage of every element exactly once. */
class LoopTest {

    @Test
    void denseTensorsMergeIntoOneRow() {
        Loop p = Loop.of(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 3, 4));
        assertEquals(1, p.rank);
        assertEquals(24, p.inner());
        assertEquals(1, p.rows());
        assertEquals(1, p.innerStride(0));
    }

    @Test
    void sizeOneDimensionsAreDropped() {
        Loop p = Loop.of(Tensor.zeros(1, 5, 1));
        assertEquals(1, p.rank);
        assertEquals(5, p.inner());
        Loop s = Loop.of(Tensor.scalar(3));
        assertEquals(0, s.rank);
        assertEquals(1, s.inner());
        assertEquals(1, s.rows());
    }

    @Test
    void broadcastBiasBecomesRowsWithStrideZero() {
        Tensor out = Tensor.zeros(4, 6);
        Tensor bias = Tensor.zeros(6).broadcastTo(Shape.of(4, 6));
        Loop p = Loop.of(out, bias);
        assertEquals(2, p.rank);
        assertEquals(6, p.inner());
        assertEquals(4, p.rows());
        assertEquals(0, p.strides[1][0], "bias repeats along the batch");
        int[] off = new int[2];
        p.rowOffsets(3, off);
        assertArrayEquals(new int[] {18, 0}, off);
    }

    @Test
    void transposedOperandKeepsTwoAxes() {
        Tensor a = Tensor.zeros(3, 4);
        Loop p = Loop.of(a, Tensor.zeros(4, 3).t());
        assertEquals(2, p.rank);
        assertEquals(4, p.inner());
        assertEquals(1, p.innerStride(0));
        assertEquals(3, p.innerStride(1));
    }

    @Test
    void visitsEveryElementOnceForViews() {
        // A permuted, narrowed view with an offset: collect the visited offsets and compare with index math.
        Tensor base = Tensor.zeros(4, 5, 6);
        Tensor v = base.permute(2, 0, 1).narrow(0, 1, 4).narrow(2, 2, 3); // (4, 4, 3)
        Loop p = Loop.of(v);
        List<Integer> seen = new ArrayList<>();
        p.run((off, n) -> {
            for (int i = 0; i < n; i++) {
                seen.add(off[0] + i * p.innerStride(0));
            }
        });
        List<Integer> expect = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 3; k++) {
                    expect.add(v.offset() + i * v.stride(0) + j * v.stride(1) + k * v.stride(2));
                }
            }
        }
        assertEquals(expect, seen);
    }

    @Test
    void largeLoopsSplitAcrossThreadsCoverEverythingOnce() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            for (int[] dims : new int[][] {{1 << 18}, {300, 700}, {3, 1 << 17}}) {
                Tensor t = Tensor.zeros(dims);
                Loop p = Loop.of(t);
                int[] hits = new int[t.size()];
                p.run((off, n) -> {
                    for (int i = 0; i < n; i++) {
                        synchronized (hits) {
                            hits[off[0] + i * p.innerStride(0)]++;
                        }
                    }
                });
                for (int i = 0; i < hits.length; i++) {
                    assertEquals(1, hits[i], "element " + i + " of " + java.util.Arrays.toString(dims));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void emptyPlansRunNothing() {
        Loop p = Loop.of(Tensor.zeros(3, 0));
        p.run((off, n) -> {
            throw new AssertionError("ran on an empty tensor");
        });
        assertEquals(0, p.rows());
    }
}
