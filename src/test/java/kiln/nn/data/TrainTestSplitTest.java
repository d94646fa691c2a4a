package kiln.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TrainTestSplitTest {
    private static final TrainTestSplit DEFAULT = new TrainTestSplit();

    @Test
    void sizesFollowScikitLearnRounding() {
        assertArrayEquals(new int[] {7, 3}, DEFAULT.sizes(10));                              // ceil(2.5)
        assertArrayEquals(new int[] {6, 4}, DEFAULT.testSize(0.33).sizes(10));               // ceil(3.3)
        assertArrayEquals(new int[] {6, 4}, DEFAULT.trainSize(0.66).sizes(10));              // floor(6.6)
        assertArrayEquals(new int[] {5, 3}, DEFAULT.testSize(0.25).trainSize(0.5).sizes(10));
        assertArrayEquals(new int[] {8, 2}, DEFAULT.testSize(2).sizes(10));
        assertArrayEquals(new int[] {3, 7}, DEFAULT.trainSize(3).sizes(10));
        assertArrayEquals(new int[] {3, 2}, DEFAULT.trainSize(3).testSize(2).sizes(10));
    }

    @Test
    void sizeErrorsNameTheArgumentAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.testSize(1.0));
        assertTrue(e.getMessage().contains("testSize") && e.getMessage().contains("Got 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.trainSize(0));
        assertTrue(e.getMessage().contains("trainSize") && e.getMessage().contains("Got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.testSize(0.7).trainSize(0.5).sizes(10));
        assertTrue(e.getMessage().contains("sum of testSize and trainSize = 1.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.testSize(10).sizes(10));
        assertTrue(e.getMessage().contains("testSize=10") && e.getMessage().contains("number of samples 10"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.testSize(6).trainSize(5).sizes(10));
        assertTrue(e.getMessage().contains("= 11"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.sizes(1));     // ceil(0.25) = 1 test, 0 train
        assertTrue(e.getMessage().contains("train set will be empty"), e.getMessage());
    }

    @Test
    void seededSplitIsRepeatableAndAPartition() {
        Tensor x = Tensor.arange(20).reshape(10, 2);
        Tensor y = Tensor.arange(10);
        var a = DEFAULT.randomState(42).split(x, y);
        var b = DEFAULT.randomState(42).split(x, y);
        assertArrayEquals(a.trainIndices(), b.trainIndices());
        assertArrayEquals(a.testIndices(), b.testIndices());
        assertEquals(7, a.trainIndices().length);
        assertEquals(3, a.testIndices().length);
        int[] all = IntStream.concat(Arrays.stream(a.trainIndices()), Arrays.stream(a.testIndices())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 10).toArray(), all);
        // rows travel together: x row i is (2i, 2i+1), y is i
        int[] tr = a.trainIndices();
        float[] xt = a.xTrain().toFloatArray();
        float[] yt = a.yTrain().toFloatArray();
        for (int i = 0; i < tr.length; i++) {
            assertEquals(2f * tr[i], xt[2 * i]);
            assertEquals(tr[i], yt[i]);
        }
        assertArrayEquals(new int[] {3, 2}, a.xTest().dims());
        var c = DEFAULT.randomState(7).split(x, y);
        assertFalse(Arrays.equals(a.testIndices(), c.testIndices()) && Arrays.equals(a.trainIndices(), c.trainIndices()));
    }

    @Test
    void noShuffleTakesFirstForTrainAndLastForTest() {
        var s = DEFAULT.shuffle(false).testSize(0.25).trainSize(0.5).split(Tensor.arange(10));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, s.trainIndices());
        assertArrayEquals(new int[] {7, 8, 9}, s.testIndices());
        assertArrayEquals(new float[] {7, 8, 9}, s.xTest().toFloatArray());
    }

    @Test
    void stratifiedSplitKeepsClassProportions() {
        // 60 of class 0, 30 of class 1, 10 of class 2, in blocks
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 60 ? 0 : i < 90 ? 1 : 2;
        }
        Tensor y = Tensor.ofInts(labels, 100);
        var s = DEFAULT.testSize(0.2).randomState(3).stratify(y).split(Tensor.arange(100), y);
        assertArrayEquals(new int[] {48, 24, 8}, counts(s.yTrain().toIntArray(), 3));
        assertArrayEquals(new int[] {12, 6, 2}, counts(s.yTest().toIntArray(), 3));
        // fractional shares: 7 test samples of 60/30/10 -> 4.2, 2.1, 0.7 -> floors 4, 2, 0 and one more to class 2
        var t = DEFAULT.testSize(7).randomState(5).stratify(y).split(y);
        assertArrayEquals(new int[] {4, 2, 1}, counts(t.xTest().toIntArray(), 3));
        assertEquals(93, t.trainIndices().length);
    }

    @Test
    void stratifyOnOneHotRows() {
        Tensor y = Categorical.toCategorical(new int[] {0, 0, 0, 0, 1, 1, 1, 1}, 2);
        var s = DEFAULT.testSize(0.5).randomState(1).stratify(y).split(y);
        float[] test = s.xTest().toFloatArray();   // (4, 2)
        int ones = 0;
        for (int i = 0; i < 4; i++) {
            ones += (int) test[2 * i + 1];
        }
        assertEquals(2, ones);
    }

    @Test
    void stratifyErrors() {
        Tensor y = Tensor.ofInts(new int[] {0, 0, 0, 1}, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.stratify(y).split(y));
        assertTrue(e.getMessage().contains("only 1 member"), e.getMessage());
        Tensor y2 = Tensor.ofInts(new int[] {0, 0, 1, 1}, 4);
        e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.shuffle(false).stratify(y2).split(y2));
        assertTrue(e.getMessage().contains("shuffle=false"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.testSize(1).stratify(y2).split(y2));
        assertTrue(e.getMessage().contains("number of classes = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DEFAULT.stratify(Tensor.ofInts(new int[] {0, 1}, 2)).split(y2));
        assertTrue(e.getMessage().contains("stratify"), e.getMessage());
    }

    @Test
    void inconsistentLengthsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DEFAULT.split(Tensor.arange(10), Tensor.arange(9)));
        assertTrue(e.getMessage().contains("[10, 9]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.split());
    }

    @Test
    void unseededSplitFollowsTheGlobalSeed() {
        kiln.tensor.Generator.setGlobalSeed(11);
        int[] a = DEFAULT.split(Tensor.arange(50)).testIndices();
        kiln.tensor.Generator.setGlobalSeed(11);
        int[] b = DEFAULT.split(Tensor.arange(50)).testIndices();
        assertArrayEquals(a, b);
    }

    private static int[] counts(int[] labels, int k) {
        int[] c = new int[k];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }
}
