package kiln.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

class StandardScalerTest {
    @Test
    void populationVarianceAsScikitLearn() {
        Tensor x = Tensor.of(new float[] {1, 3, 5}, 3, 1);
        StandardScaler s = new StandardScaler().fit(x);
        assertArrayEquals(new float[] {3f}, s.mean().toFloatArray());
        assertEquals(8.0 / 3, s.var().toFloatArray()[0], 1e-6);
        assertEquals(1.6329932, s.scale().toFloatArray()[0], 1e-6);
        assertArrayEquals(new float[] {-1.2247449f, 0f, 1.2247449f}, s.transform(x).toFloatArray(), 1e-6f);
    }

    @Test
    void constantColumnGetsScaleOne() {
        Tensor x = Tensor.of(new float[] {1, 7, 3, 7, 5, 7}, 3, 2);
        StandardScaler s = new StandardScaler();
        Tensor z = s.fitTransform(x);
        assertArrayEquals(new float[] {1.6329932f, 1f}, s.scale().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-1.2247449f, 0, 0, 0, 1.2247449f, 0}, z.toFloatArray(), 1e-6f);
        // a constant 0.1 (not exact in binary) is still constant
        Tensor c = Tensor.of(new float[] {0.1f, 0.1f, 0.1f}, 3, 1);
        assertArrayEquals(new float[] {1f}, new StandardScaler().fit(c).scale().toFloatArray());
    }

    @Test
    void nanIsIgnoredInFitAndPassedThrough() {
        Tensor x = Tensor.of(new float[] {1, Float.NaN, 3}, 3, 1);
        StandardScaler s = new StandardScaler().fit(x);
        assertArrayEquals(new float[] {2f}, s.mean().toFloatArray());
        float[] z = s.transform(x).toFloatArray();
        assertEquals(-1f, z[0], 1e-6);
        assertTrue(Float.isNaN(z[1]));
        assertEquals(1f, z[2], 1e-6);
    }

    @Test
    void inverseTransformRoundTrips() {
        Tensor x = Tensor.of(new float[] {1, 10, 2, 20, 4, 60}, 3, 2);
        StandardScaler s = new StandardScaler().fit(x);
        assertArrayEquals(x.toFloatArray(), s.inverseTransform(s.transform(x)).toFloatArray(), 1e-5f);
    }

    @Test
    void withMeanAndWithStdSwitches() {
        Tensor x = Tensor.of(new float[] {1, 3, 5}, 3, 1);
        assertArrayEquals(new float[] {1 / 1.6329932f, 3 / 1.6329932f, 5 / 1.6329932f},
                new StandardScaler(false, true).fitTransform(x).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-2, 0, 2}, new StandardScaler(true, false).fitTransform(x).toFloatArray());
    }

    @Test
    void errors() {
        var f = assertThrows(IllegalStateException.class,
                () -> new StandardScaler().transform(Tensor.zeros(2, 2)));
        assertTrue(f.getMessage().contains("not fitted"), f.getMessage());
        var e = assertThrows(IllegalArgumentException.class, () -> new StandardScaler().fit(Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("2-D") && e.getMessage().contains("[3]"), e.getMessage());
        StandardScaler s = new StandardScaler().fit(Tensor.zeros(3, 4));
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("5 features") && e.getMessage().contains("4 features"), e.getMessage());
    }
}
