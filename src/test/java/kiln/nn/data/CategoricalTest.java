package kiln.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.tensor.DType;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CategoricalTest {
    @Test
    void infersNumClassesFromMax() {
        Tensor t = Categorical.toCategorical(Tensor.ofInts(new int[] {0, 2, 1}, 3));
        assertArrayEquals(new int[] {3, 3}, t.dims());
        assertEquals(DType.FLOAT32, t.dtype());
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0}, t.toFloatArray());
    }

    @Test
    void explicitNumClassesAddsColumns() {
        Tensor t = Categorical.toCategorical(new int[] {1, 0}, 4);
        assertArrayEquals(new int[] {2, 4}, t.dims());
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0, 0, 0}, t.toFloatArray());
    }

    @Test
    void trailingAxisOfOneIsReplaced() {
        Tensor t = Categorical.toCategorical(Tensor.ofInts(new int[] {2, 0}, 2, 1), 3);
        assertArrayEquals(new int[] {2, 3}, t.dims());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, t.toFloatArray());
    }

    @Test
    void otherShapesGetANewLastAxis() {
        Tensor t = Categorical.toCategorical(Tensor.ofInts(new int[] {0, 1, 1, 0}, 2, 2));
        assertArrayEquals(new int[] {2, 2, 2}, t.dims());
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, t.toFloatArray());
    }

    @Test
    void floatLabelsAreCastToInt() {
        Tensor t = Categorical.toCategorical(Tensor.of(new float[] {2f, 0f, 1f}, 3));
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, t.toFloatArray());
    }

    @Test
    void negativeLabelCountsFromTheEndAsInKeras() {
        Tensor t = Categorical.toCategorical(new int[] {-1, -3}, 3);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, t.toFloatArray());
    }

    @Test
    void labelAtOrAboveNumClassesIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Categorical.toCategorical(new int[] {0, 3}, 2));
        assertTrue(e.getMessage().contains("label 3") && e.getMessage().contains("numClasses=2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Categorical.toCategorical(new int[] {-3}, 2));
    }

    @Test
    void badArgumentsNameThemselves() {
        var e = assertThrows(IllegalArgumentException.class, () -> Categorical.toCategorical(new int[] {0}, 0));
        assertTrue(e.getMessage().contains("numClasses=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Categorical.toCategorical(Tensor.ofInts(new int[0], 0)));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Categorical.toCategorical(Tensor.of(new float[] {1, Float.NaN}, 2)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
