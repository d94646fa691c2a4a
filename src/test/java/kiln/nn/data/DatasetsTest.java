package kiln.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import kiln.tensor.DType;
import org.junit.jupiter.api.Test;

class DatasetsTest {
    @Test
    void iris() {
        Dataset d = Datasets.iris();
        assertArrayEquals(new int[] {150, 4}, d.x().dims());
        assertArrayEquals(new int[] {150}, d.y().dims());
        assertEquals(DType.FLOAT32, d.x().dtype());
        assertEquals(DType.INT32, d.y().dtype());
        float[] x = d.x().toFloatArray();
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, java.util.Arrays.copyOf(x, 4));
        assertArrayEquals(new float[] {5.9f, 3.0f, 5.1f, 1.8f}, java.util.Arrays.copyOfRange(x, 596, 600));
        assertEquals(0, d.y().toIntArray()[0]);
        assertArrayEquals(new int[] {50, 50, 50}, counts(d.y().toIntArray(), 3));
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertEquals("sepal length (cm)", d.featureNames().get(0));
        assertEquals(3, d.numClasses());
    }

    @Test
    void wine() {
        Dataset d = Datasets.wine();
        assertArrayEquals(new int[] {178, 13}, d.x().dims());
        assertEquals(14.23f, d.x().get(0, 0));
        assertEquals(1065f, d.x().get(0, 12));
        assertArrayEquals(new int[] {59, 71, 48}, counts(d.y().toIntArray(), 3));
        assertEquals(List.of("class_0", "class_1", "class_2"), d.classNames());
        assertEquals(13, d.featureNames().size());
    }

    @Test
    void breastCancer() {
        Dataset d = Datasets.breastCancer();
        assertArrayEquals(new int[] {569, 30}, d.x().dims());
        assertEquals(17.99f, d.x().get(0, 0));
        assertEquals(0.1189f, d.x().get(0, 29));
        assertArrayEquals(new int[] {212, 357}, counts(d.y().toIntArray(), 2));
        assertEquals(List.of("malignant", "benign"), d.classNames());
        assertEquals("mean radius", d.featureNames().get(0));
        assertEquals("radius error", d.featureNames().get(10));
        assertEquals("worst fractal dimension", d.featureNames().get(29));
    }

    @Test
    void digits() {
        Dataset d = Datasets.digits();
        assertArrayEquals(new int[] {1797, 64}, d.x().dims());
        assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1, 0, 0}, java.util.Arrays.copyOf(d.x().toFloatArray(), 8));
        assertEquals(0, d.y().toIntArray()[0]);
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts(d.y().toIntArray(), 10));
        assertEquals(0f, d.x().min().item());
        assertEquals(16f, d.x().max().item());
        assertEquals("pixel_7_7", d.featureNames().get(63));
    }

    @Test
    void diabetesScaledAsScikitLearn() {
        Dataset d = Datasets.diabetes();
        assertArrayEquals(new int[] {442, 10}, d.x().dims());
        assertEquals(DType.FLOAT32, d.y().dtype());
        // sklearn.datasets.load_diabetes().data[0]
        double[] row0 = {0.038075906433423026, 0.05068011873981862, 0.061696206518683294, 0.0218723855140367,
            -0.04422349842444599, -0.03482076283769895, -0.04340084565202491, -0.002592261998183278,
            0.019907486170462722, -0.01764612515980379};
        float[] x = d.x().toFloatArray();
        for (int j = 0; j < 10; j++) {
            assertEquals(row0[j], x[j], 1e-6, "feature " + j);
        }
        assertArrayEquals(new float[] {151, 75, 141}, java.util.Arrays.copyOf(d.y().toFloatArray(), 3));
        assertEquals(0, d.numClasses());
        Dataset raw = Datasets.diabetes(false);
        assertArrayEquals(new float[] {59, 2, 32.1f, 101, 157, 93.2f, 38, 4, 4.8598f, 87},
                java.util.Arrays.copyOf(raw.x().toFloatArray(), 10));
    }

    private static int[] counts(int[] labels, int k) {
        int[] c = new int[k];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }
}
