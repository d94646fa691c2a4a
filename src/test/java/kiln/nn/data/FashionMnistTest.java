package kiln.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import kiln.tensor.DType;
import org.junit.jupiter.api.Test;

/** The real Fashion-MNIST; runs only where the files are installed (apt-get install dataset-fashion-mnist). */
class FashionMnistTest {
    @Test
    void loadsTheRealDataset() {
        boolean present = FashionMnist.places().stream().anyMatch(p -> ImageDatasetFiles.problem(p.path()) == null);
        String reason = "Fashion-MNIST files not found in " + FashionMnist.searchPath()
                + "; install with: apt-get install dataset-fashion-mnist";
        if (!present) {
            System.out.println("FashionMnistTest skipped: " + reason);
        }
        assumeTrue(present, reason);
        TrainTestData d = FashionMnist.load();
        assertArrayEquals(new int[] {60000, 28, 28}, d.xTrain().dims());
        assertArrayEquals(new int[] {60000}, d.yTrain().dims());
        assertArrayEquals(new int[] {10000, 28, 28}, d.xTest().dims());
        assertArrayEquals(new int[] {10000}, d.yTest().dims());
        assertEquals(DType.FLOAT32, d.xTrain().dtype());
        assertEquals(DType.INT32, d.yTrain().dtype());
        int[] train = new int[10];
        for (int y : d.yTrain().toIntArray()) {
            train[y]++;
        }
        int[] test = new int[10];
        for (int y : d.yTest().toIntArray()) {
            test[y]++;
        }
        for (int k = 0; k < 10; k++) {
            assertEquals(6000, train[k], "train count of class " + k);
            assertEquals(1000, test[k], "test count of class " + k);
        }
        assertEquals(0f, d.xTrain().min().item());
        assertEquals(255f, d.xTrain().max().item());
        assertEquals(255f, d.xTest().max().item());
        // first labels of the original files (Keras: y_train[:3] = [9, 0, 0], y_test[:3] = [9, 2, 1])
        assertArrayEquals(new int[] {9, 0, 0}, java.util.Arrays.copyOf(d.yTrain().toIntArray(), 3));
        assertArrayEquals(new int[] {9, 2, 1}, java.util.Arrays.copyOf(d.yTest().toIntArray(), 3));
        float[] x = d.xTrain().toFloatArray();
        for (float v : x) {
            if (v != Math.rint(v) || v < 0 || v > 255) {
                throw new AssertionError("pixel " + v + " is not an integer in 0..255");
            }
        }
    }
}
