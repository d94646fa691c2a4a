package kiln.tensor;

import static kiln.tensor.Approx.assertIae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void sizeRankAndStrides() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(3, s.rank());
        assertEquals(24, s.size());
        assertArrayEquals(new int[] {12, 4, 1}, s.contiguousStrides());
        assertEquals(4, s.last());
        assertEquals(Shape.of(), Shape.of());
        assertEquals(0, Shape.of().rank());
        assertEquals(1, Shape.of().size(), "a scalar has one element");
        assertEquals(0, Shape.of(3, 0, 2).size());
        assertArrayEquals(new int[0], Shape.of().contiguousStrides());
        assertEquals("[2, 3, 4]", s.toString());
        assertEquals("[]", Shape.of().toString());
    }

    @Test
    void dimsAreCopied() {
        int[] d = {2, 3};
        Shape s = Shape.of(d);
        d[0] = 99;
        assertEquals(2, s.dim(0));
        s.dims()[1] = 99;
        assertEquals(3, s.dim(1));
        assertEquals(Shape.of(2, 3).hashCode(), s.hashCode());
        assertNotEquals(Shape.of(3, 2), s);
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(2, s.axis(-1));
        assertEquals(0, s.axis(-3));
        assertEquals(4, s.dim(-1));
        assertEquals(2, s.dim(-3));
        assertEquals(Shape.of(2, 7, 4), s.with(-2, 7));
    }

    @Test
    void badAxisNamesAxisAndShape() {
        Shape s = Shape.of(2, 3);
        assertIae(() -> s.axis(2), "axis 2", "[2, 3]");
        assertIae(() -> s.axis(-3), "axis -3", "[2, 3]");
        assertIae(() -> Shape.of().axis(0), "axis 0", "[]");
    }

    @Test
    void negativeDimensionRejected() {
        assertIae(() -> Shape.of(2, -1), "Shape", "-1");
        assertIae(() -> Shape.of(1 << 16, 1 << 16), "2^31-1");
    }

    @Test
    void broadcastRules() {
        assertEquals(Shape.of(2, 3), Shape.broadcast("t", Shape.of(2, 3), Shape.of(3)));
        assertEquals(Shape.of(2, 4), Shape.broadcast("t", Shape.of(2, 1), Shape.of(1, 4)));
        assertEquals(Shape.of(2, 3), Shape.broadcast("t", Shape.of(), Shape.of(2, 3)));
        assertEquals(Shape.of(3, 1, 2), Shape.broadcast("t", Shape.of(3, 1, 2), Shape.of(2)));
        assertEquals(Shape.of(5, 3, 4), Shape.broadcast("t", Shape.of(5, 1, 4), Shape.of(3, 1)));
        assertEquals(Shape.of(0, 3), Shape.broadcast("t", Shape.of(0, 1), Shape.of(3)), "size 0 broadcasts like NumPy");
        assertTrue(Shape.of(3).broadcastsTo(Shape.of(2, 3)));
        assertTrue(Shape.of(1, 3).broadcastsTo(Shape.of(2, 3)));
        assertTrue(Shape.of().broadcastsTo(Shape.of(2, 3)));
        assertFalse(Shape.of(2).broadcastsTo(Shape.of(2, 3)));
        assertFalse(Shape.of(2, 3).broadcastsTo(Shape.of(3)), "broadcasting never removes axes");
    }

    @Test
    void broadcastErrorNamesOpShapesAndDimension() {
        assertIae(() -> Shape.broadcast("add", Shape.of(2, 3), Shape.of(4)),
                "add", "[2, 3]", "[4]", "dimension -1", "3 vs 4");
        assertIae(() -> Shape.broadcast("mul", Shape.of(2, 3, 4), Shape.of(5, 1)),
                "mul", "[2, 3, 4]", "[5, 1]", "dimension -2");
    }
}
