package kiln.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MinMaxScalerTest {
    @Test
    void scalesToUnitRangeInScikitLearnOrder() {
        Tensor x = Tensor.of(new float[] {2, 4, 9}, 3, 1);
        MinMaxScaler s = new MinMaxScaler().fit(x);
        assertArrayEquals(new float[] {2}, s.dataMin().toFloatArray());
        assertArrayEquals(new float[] {9}, s.dataMax().toFloatArray());
        assertArrayEquals(new float[] {(float) (1.0 / 7)}, s.scale().toFloatArray());
        assertArrayEquals(new float[] {(float) (-2.0 / 7)}, s.min().toFloatArray());
        // scikit-learn: [0, 0.2857142857142857, 0.9999999999999999] in float64; 1.0 in float32
        assertArrayEquals(new float[] {0f, 0.2857142857142857f, 1f}, s.transform(x).toFloatArray());
    }

    @Test
    void featureRangeConstantColumnsAndNoClipping() {
        Tensor x = Tensor.of(new float[] {1, 5, 5, 5}, 2, 2);   // column 0: 1..5, column 1 constant
        MinMaxScaler s = new MinMaxScaler(-1, 1).fit(x);
        assertArrayEquals(new float[] {-1, -1, 1, -1}, s.transform(x).toFloatArray());
        MinMaxScaler u = new MinMaxScaler().fit(Tensor.of(new float[] {1, 5}, 2, 1));
        assertArrayEquals(new float[] {1.5f}, u.transform(Tensor.of(new float[] {7}, 1, 1)).toFloatArray());
        MinMaxScaler clipped = new MinMaxScaler(0, 1, true).fit(Tensor.of(new float[] {1, 5}, 2, 1));
        assertArrayEquals(new float[] {1f, 0f}, clipped.transform(Tensor.of(new float[] {7, -3}, 2, 1)).toFloatArray());
    }

    @Test
    void inverseTransformRoundTrips() {
        Tensor x = Tensor.of(new float[] {1, -10, 2, 20, 4, 60}, 3, 2);
        MinMaxScaler s = new MinMaxScaler(-2, 3).fit(x);
        assertArrayEquals(x.toFloatArray(), s.inverseTransform(s.transform(x)).toFloatArray(), 1e-5f);
    }

    @Test
    void errors() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(1, 0));
        assertTrue(e.getMessage().contains("featureRange=(1.0, 0.0)"), e.getMessage());
        var f = assertThrows(IllegalStateException.class, () -> new MinMaxScaler().transform(Tensor.zeros(1, 1)));
        assertTrue(f.getMessage().contains("not fitted"), f.getMessage());
        MinMaxScaler s = new MinMaxScaler().fit(Tensor.zeros(3, 2));
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(Tensor.zeros(3, 3)));
        assertTrue(e.getMessage().contains("3 features") && e.getMessage().contains("2 features"), e.getMessage());
    }
}
