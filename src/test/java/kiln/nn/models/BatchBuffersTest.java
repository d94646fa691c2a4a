package kiln.nn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** fit's batch gathering into reused tensors: the right rows, the same storage every step, a short last batch. */
class BatchBuffersTest {

    @Test
    void gathersEachBatchIntoTheSameStorage() {
        Tensor x = Tensor.arange(10 * 3).reshape(10, 3);
        Tensor y = Tensor.ofInts(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10);
        int[] order = {9, 2, 5, 0, 7, 1, 8, 3, 6, 4};
        BatchBuffers xs = new BatchBuffers();
        BatchBuffers ys = new BatchBuffers();

        Tensor first = xs.takeAll(List.of(x), order, 0, 4).get(0);
        assertArrayEquals(new float[] {27, 28, 29, 6, 7, 8, 15, 16, 17, 0, 1, 2}, first.toFloatArray());
        assertArrayEquals(new int[] {9, 2, 5, 0}, ys.take(0, y, order, 0, 4).toIntArray());

        Tensor second = xs.takeAll(List.of(x), order, 4, 8).get(0);
        assertSame(first.buffer(), second.buffer(), "the second batch reuses the first one's storage");
        assertArrayEquals(new float[] {21, 22, 23, 3, 4, 5, 24, 25, 26, 9, 10, 11}, second.toFloatArray());

        Tensor last = xs.takeAll(List.of(x), order, 8, 10).get(0); // short: the first rows of the same storage
        assertEquals(Shape.of(2, 3), last.shape());
        assertSame(first.buffer(), last.buffer());
        assertArrayEquals(new float[] {18, 19, 20, 12, 13, 14}, last.toFloatArray());
    }

    @Test
    void anArrayOfAnotherRowShapeGetsItsOwnStorage() {
        BatchBuffers b = new BatchBuffers();
        int[] order = {1, 0, 2};
        Tensor a = b.take(0, Tensor.arange(6).reshape(3, 2), order, 0, 2);
        Tensor c = b.take(0, Tensor.arange(9).reshape(3, 3), order, 0, 2);
        assertNotSame(a.buffer(), c.buffer());
        assertArrayEquals(new float[] {3, 4, 5, 0, 1, 2}, c.toFloatArray());
        // a batch that is the whole array in order is the array itself, as before
        Tensor whole = Tensor.arange(3);
        assertSame(whole, b.take(1, whole, new int[] {0, 1, 2}, 0, 3));
    }
}
