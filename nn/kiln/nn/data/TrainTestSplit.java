package kiln.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;

/**
 * Splits arrays into random train and test subsets: scikit-learn's
 * {@code model_selection.train_test_split}. Immutable; each setter returns a changed copy.
 *
 * <pre>{@code
 * Split s = new TrainTestSplit().testSize(0.2).randomState(42).stratify(y).split(x, y);
 * s.xTrain(); s.yTrain(); s.xTest(); s.yTest();
 * }</pre>
 *
 * <p><b>Sizes</b> as in scikit-learn. {@code testSize(double)}/{@code trainSize(double)} are fractions
 * in (0, 1); {@code testSize(int)}/{@code trainSize(int)} are absolute counts in [1, n-1] (so, as in
 * Python, {@code testSize(1)} is one sample and {@code testSize(1.0)} is an error). A fraction gives
 * {@code nTest = ceil(testSize * n)} and {@code nTrain = floor(trainSize * n)}; when only one is given
 * the other part is the rest; when both are given the leftover samples are dropped; when neither is
 * given the test part is 25%. On n = 10: default 7/3, {@code testSize(0.33)} 6/4, {@code trainSize(0.66)}
 * 6/4, {@code testSize(0.25).trainSize(0.5)} 5 train / 3 test.
 *
 * <p><b>Order.</b> With {@code shuffle} (the default) one permutation {@code p} of the samples is drawn;
 * the test part is {@code p[0..nTest)} and the train part the next {@code nTrain} entries. Without
 * shuffling the train part is the first {@code nTrain} samples and the test part the last
 * {@code nTest}. {@code stratify(labels)} keeps each class's proportion in both parts (scikit-learn's
 * {@code StratifiedShuffleSplit} allocation: floor of the exact share, the remainder to the classes
 * with the largest fractional parts, ties broken at random).
 *
 * <p><b>Determinism.</b> A {@code randomState} seed makes the split repeatable, on any machine, but
 * the permutation comes from {@link SplittableRandom}, not NumPy's Mersenne Twister: the same seed
 * gives a different (equally random) split from scikit-learn's. Without a seed, the seed is drawn from
 * {@link Generator#global()}, so {@code Generator.setGlobalSeed} makes whole programs repeatable.
 */
public final class TrainTestSplit {
    private final Number testSize;    // null, Integer (count) or Double (fraction)
    private final Number trainSize;
    private final Long randomState;
    private final boolean shuffle;
    private final Tensor stratify;

    /** The defaults: test 25%, shuffled, seed from the global generator, not stratified. */
    public TrainTestSplit() {
        this(null, null, null, true, null);
    }

    private TrainTestSplit(Number testSize, Number trainSize, Long randomState, boolean shuffle, Tensor stratify) {
        this.testSize = testSize;
        this.trainSize = trainSize;
        this.randomState = randomState;
        this.shuffle = shuffle;
        this.stratify = stratify;
    }

    /** The test part as a fraction of the samples, in (0, 1). */
    public TrainTestSplit testSize(double fraction) {
        return new TrainTestSplit(checkFraction("testSize", fraction), trainSize, randomState, shuffle, stratify);
    }

    /** The test part as a number of samples, at least 1 (and below n, checked at {@link #split}). */
    public TrainTestSplit testSize(int count) {
        return new TrainTestSplit(checkCount("testSize", count), trainSize, randomState, shuffle, stratify);
    }

    /** The train part as a fraction of the samples, in (0, 1). */
    public TrainTestSplit trainSize(double fraction) {
        return new TrainTestSplit(testSize, checkFraction("trainSize", fraction), randomState, shuffle, stratify);
    }

    /** The train part as a number of samples, at least 1 (and below n, checked at {@link #split}). */
    public TrainTestSplit trainSize(int count) {
        return new TrainTestSplit(testSize, checkCount("trainSize", count), randomState, shuffle, stratify);
    }

    /** The seed of the shuffle (scikit-learn's {@code random_state}). */
    public TrainTestSplit randomState(long seed) {
        return new TrainTestSplit(testSize, trainSize, seed, shuffle, stratify);
    }

    /** Whether to shuffle before splitting (default true). */
    public TrainTestSplit shuffle(boolean shuffle) {
        return new TrainTestSplit(testSize, trainSize, randomState, shuffle, stratify);
    }

    /**
     * Class labels to stratify by: one label per sample along axis 0; a sample with more than one
     * value (a one-hot row) is one class per distinct row. {@code null} turns stratification off.
     */
    public TrainTestSplit stratify(Tensor labels) {
        return new TrainTestSplit(testSize, trainSize, randomState, shuffle, labels);
    }

    /**
     * Splits every array along axis 0 with the same indices.
     *
     * @return the train and test parts in argument order
     * @throws IllegalArgumentException if no array is given, the arrays (and stratify labels) differ in
     *     sample count, the sizes do not fit the sample count, stratification is asked for without
     *     shuffling, or a class is too small to stratify
     */
    public Split split(Tensor... arrays) {
        if (arrays == null || arrays.length == 0) {
            throw new IllegalArgumentException("split: at least one array required as input");
        }
        int n = samples(arrays);
        int[] sizes = sizes(n);
        int nTrain = sizes[0];
        int nTest = sizes[1];
        int[] train;
        int[] test;
        if (!shuffle) {
            if (stratify != null) {
                throw new IllegalArgumentException("split: stratified train/test split is not implemented for"
                        + " shuffle=false; set shuffle(true) or drop stratify");
            }
            train = range(0, nTrain);
            test = range(n - nTest, n);
        } else {
            SplittableRandom rng = new SplittableRandom(randomState != null ? randomState : globalSeed());
            if (stratify == null) {
                int[] p = permutation(n, rng);
                test = Arrays.copyOfRange(p, 0, nTest);
                train = Arrays.copyOfRange(p, nTest, nTest + nTrain);
            } else {
                int[][] parts = Stratification.split(classIds(stratify, n), nTrain, nTest, rng);
                train = parts[0];
                test = parts[1];
            }
        }
        Tensor trainIdx = Tensor.ofInts(train, train.length);
        Tensor testIdx = Tensor.ofInts(test, test.length);
        List<Tensor> trainParts = new ArrayList<>(arrays.length);
        List<Tensor> testParts = new ArrayList<>(arrays.length);
        for (Tensor a : arrays) {
            trainParts.add(a.take(trainIdx, 0));
            testParts.add(a.take(testIdx, 0));
        }
        return new Split(trainParts, testParts, train, test);
    }

    /**
     * The sample counts {@code {nTrain, nTest}} this split gives for {@code n} samples (scikit-learn's
     * {@code _validate_shuffle_split}).
     *
     * @throws IllegalArgumentException when the sizes do not fit {@code n}, with scikit-learn's message
     */
    public int[] sizes(int n) {
        Number test = testSize;
        Number train = trainSize;
        if (test == null && train == null) {
            test = 0.25;
        }
        if (test instanceof Integer c && c >= n) {
            throw new IllegalArgumentException("split: testSize=" + c + " should be either positive and smaller than"
                    + " the number of samples " + n + " or a float in the (0, 1) range");
        }
        if (train instanceof Integer c && c >= n) {
            throw new IllegalArgumentException("split: trainSize=" + c + " should be either positive and smaller than"
                    + " the number of samples " + n + " or a float in the (0, 1) range");
        }
        if (test instanceof Double t && train instanceof Double r && t + r > 1) {
            throw new IllegalArgumentException("split: the sum of testSize and trainSize = " + (t + r)
                    + ", should be in the (0, 1) range. Reduce testSize and/or trainSize.");
        }
        long nTest = test == null ? -1 : test instanceof Double t ? (long) Math.ceil(t * n) : test.longValue();
        long nTrain = train == null ? -1 : train instanceof Double r ? (long) Math.floor(r * n) : train.longValue();
        if (train == null) {
            nTrain = n - nTest;
        } else if (test == null) {
            nTest = n - nTrain;
        }
        if (nTrain + nTest > n) {
            throw new IllegalArgumentException("split: the sum of trainSize and testSize = " + (nTrain + nTest)
                    + ", should be smaller than the number of samples " + n + ". Reduce testSize and/or trainSize.");
        }
        if (nTrain <= 0) {
            throw new IllegalArgumentException("split: with n_samples=" + n + ", testSize=" + testSize
                    + " and trainSize=" + trainSize + ", the resulting train set will be empty."
                    + " Adjust any of the aforementioned parameters.");
        }
        return new int[] {(int) nTrain, (int) nTest};
    }

    private static Double checkFraction(String name, double f) {
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException(name + " must be a float in the range (0.0, 1.0) or an int in the"
                    + " range [1, inf). Got " + f + " instead.");
        }
        return f;
    }

    private static Integer checkCount(String name, int c) {
        if (c < 1) {
            throw new IllegalArgumentException(name + " must be a float in the range (0.0, 1.0) or an int in the"
                    + " range [1, inf). Got " + c + " instead.");
        }
        return c;
    }

    private int samples(Tensor[] arrays) {
        int[] counts = new int[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            Objects.requireNonNull(arrays[i], "split: array " + i + " is null");
            if (arrays[i].rank() == 0) {
                throw new IllegalArgumentException("split: array " + i + " is a scalar; expected at least one axis"
                        + " (samples first)");
            }
            counts[i] = arrays[i].dim(0);
        }
        if (Arrays.stream(counts).distinct().count() > 1) {
            throw new IllegalArgumentException("split: found input variables with inconsistent numbers of samples: "
                    + Arrays.toString(counts));
        }
        if (stratify != null && (stratify.rank() == 0 || stratify.dim(0) != counts[0])) {
            throw new IllegalArgumentException("split: stratify labels have shape "
                    + Arrays.toString(stratify.dims()) + " but the arrays have " + counts[0] + " samples");
        }
        return counts[0];
    }

    /** Each sample's class as an index into the sorted distinct rows of {@code labels}. */
    private static int[] classIds(Tensor labels, int n) {
        float[] v = labels.toFloatArray();
        int width = n == 0 ? 0 : v.length / n;
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(v, i * width, (i + 1) * width);
        }
        float[][] sorted = rows.clone();
        Arrays.sort(sorted, Arrays::compare);
        List<float[]> unique = new ArrayList<>();
        for (float[] r : sorted) {
            if (unique.isEmpty() || Arrays.compare(unique.get(unique.size() - 1), r) != 0) {
                unique.add(r);
            }
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = binarySearch(unique, rows[i]);
        }
        return ids;
    }

    private static int binarySearch(List<float[]> sorted, float[] key) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compare(sorted.get(mid), key);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        throw new AssertionError("label row not found");
    }

    private static long globalSeed() {
        Generator g = Generator.global();
        return g.seed() * 0x9E3779B97F4A7C15L + g.advance(1);
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = range(0, n);
        for (int i = n - 1; i > 0; i--) {          // Fisher-Yates
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /**
     * The parts of a split, in the order the arrays were given, and the sample indices chosen.
     *
     * @param train the train part of each array
     * @param test the test part of each array
     * @param trainIndices the samples in the train part, in their order there
     * @param testIndices the samples in the test part, in their order there
     */
    public record Split(List<Tensor> train, List<Tensor> test, int[] trainIndices, int[] testIndices) {
        public Split {
            train = List.copyOf(train);
            test = List.copyOf(test);
            trainIndices = trainIndices.clone();
            testIndices = testIndices.clone();
        }

        /** The train part of the first array. */
        public Tensor xTrain() {
            return train.get(0);
        }

        /** The test part of the first array. */
        public Tensor xTest() {
            return test.get(0);
        }

        /** The train part of the second array. */
        public Tensor yTrain() {
            return second(train);
        }

        /** The test part of the second array. */
        public Tensor yTest() {
            return second(test);
        }

        @Override
        public int[] trainIndices() {
            return trainIndices.clone();
        }

        @Override
        public int[] testIndices() {
            return testIndices.clone();
        }

        private static Tensor second(List<Tensor> parts) {
            if (parts.size() < 2) {
                throw new IllegalStateException("yTrain/yTest: only one array was split; use train().get(0)");
            }
            return parts.get(1);
        }
    }
}
