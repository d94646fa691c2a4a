package kiln.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kiln.tensor.DType;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LabelEncoderTest {
    @Test
    void stringsAreSortedAndEncoded() {
        LabelEncoder<String> e = new LabelEncoder<>();
        Tensor t = e.fitTransform(List.of("paris", "tokyo", "amsterdam", "paris"));
        assertEquals(List.of("amsterdam", "paris", "tokyo"), e.classes());
        assertEquals(DType.INT32, t.dtype());
        assertArrayEquals(new int[] {1, 2, 0, 1}, t.toIntArray());
        assertEquals(List.of("tokyo", "amsterdam"), e.inverseTransform(Tensor.ofInts(new int[] {2, 0}, 2)));
    }

    @Test
    void numbersSortNumerically() {
        LabelEncoder<Integer> e = new LabelEncoder<Integer>().fit(List.of(10, 2, 10, 7));
        assertEquals(List.of(2, 7, 10), e.classes());
        assertArrayEquals(new int[] {2, 0, 2, 1}, e.transform(List.of(10, 2, 10, 7)).toIntArray());
    }

    @Test
    void unseenLabelsAreNamed() {
        LabelEncoder<String> e = new LabelEncoder<String>().fit(List.of("paris", "tokyo"));
        var x = assertThrows(IllegalArgumentException.class, () -> e.transform(List.of("paris", "rome")));
        assertTrue(x.getMessage().contains("previously unseen labels: ['rome']"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> e.inverseTransform(Tensor.ofInts(new int[] {5}, 1)));
        assertTrue(x.getMessage().contains("[5.0]") && x.getMessage().contains("0..1"), x.getMessage());
        var s = assertThrows(IllegalStateException.class, () -> new LabelEncoder<String>().transform(List.of("a")));
        assertTrue(s.getMessage().contains("not fitted"), s.getMessage());
    }
}
