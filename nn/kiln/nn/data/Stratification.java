package kiln.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The stratified allocation of scikit-learn's {@code StratifiedShuffleSplit} (one split): how many
 * samples of each class go to train and to test, then which ones. Used by {@link TrainTestSplit}.
 */
final class Stratification {
    private Stratification() {}

    /**
     * Splits samples by class.
     *
     * @param classIds each sample's class, {@code 0..k-1}, every class present
     * @return {@code {train, test}} sample indices, each in random order
     */
    static int[][] split(int[] classIds, int nTrain, int nTest, SplittableRandom rng) {
        int k = Arrays.stream(classIds).max().orElse(-1) + 1;
        int[] counts = new int[k];
        for (int c : classIds) {
            counts[c]++;
        }
        int least = Arrays.stream(counts).min().orElse(0);
        if (least < 2) {
            throw new IllegalArgumentException("split: the least populated class in stratify has only " + least
                    + " member, which is too few. The minimum number of samples for any class cannot be less than 2.");
        }
        if (nTrain < k) {
            throw new IllegalArgumentException("split: the train size = " + nTrain
                    + " should be greater or equal to the number of classes = " + k);
        }
        if (nTest < k) {
            throw new IllegalArgumentException("split: the test size = " + nTest
                    + " should be greater or equal to the number of classes = " + k);
        }
        int[][] members = new int[k][];
        int[] fill = new int[k];
        for (int c = 0; c < k; c++) {
            members[c] = new int[counts[c]];
        }
        for (int i = 0; i < classIds.length; i++) {
            members[classIds[i]][fill[classIds[i]]++] = i;      // ascending sample order within a class
        }
        int[] trainPerClass = approximateMode(counts, nTrain, rng);
        int[] remaining = new int[k];
        for (int c = 0; c < k; c++) {
            remaining[c] = counts[c] - trainPerClass[c];
        }
        int[] testPerClass = approximateMode(remaining, nTest, rng);
        int[] train = new int[nTrain];
        int[] test = new int[nTest];
        int tr = 0;
        int te = 0;
        for (int c = 0; c < k; c++) {
            int[] p = TrainTestSplit.permutation(counts[c], rng);
            for (int j = 0; j < trainPerClass[c]; j++) {
                train[tr++] = members[c][p[j]];
            }
            for (int j = trainPerClass[c]; j < trainPerClass[c] + testPerClass[c]; j++) {
                test[te++] = members[c][p[j]];
            }
        }
        return new int[][] {shuffled(train, rng), shuffled(test, rng)};
    }

    /**
     * The draw of {@code nDraws} samples closest to the class proportions (scikit-learn's
     * {@code _approximate_mode}): each class gets the floor of its exact share; the samples still
     * needed go to the classes with the largest fractional remainders, ties broken at random.
     */
    static int[] approximateMode(int[] counts, int nDraws, SplittableRandom rng) {
        long total = Arrays.stream(counts).asLongStream().sum();
        int k = counts.length;
        double[] continuous = new double[k];
        int[] floored = new int[k];
        long sum = 0;
        for (int c = 0; c < k; c++) {
            continuous[c] = (double) counts[c] / total * nDraws;
            floored[c] = (int) Math.floor(continuous[c]);
            sum += floored[c];
        }
        int needToAdd = (int) (nDraws - sum);
        if (needToAdd > 0) {
            double[] remainder = new double[k];
            for (int c = 0; c < k; c++) {
                remainder[c] = continuous[c] - floored[c];
            }
            double[] values = Arrays.stream(remainder).distinct().sorted().toArray();
            for (int v = values.length - 1; v >= 0 && needToAdd > 0; v--) {
                List<Integer> tied = new ArrayList<>();
                for (int c = 0; c < k; c++) {
                    if (remainder[c] == values[v]) {
                        tied.add(c);
                    }
                }
                int addNow = Math.min(tied.size(), needToAdd);
                int[] pick = TrainTestSplit.permutation(tied.size(), rng);
                for (int j = 0; j < addNow; j++) {
                    floored[tied.get(pick[j])]++;
                }
                needToAdd -= addNow;
            }
        }
        return floored;
    }

    private static int[] shuffled(int[] a, SplittableRandom rng) {
        int[] p = TrainTestSplit.permutation(a.length, rng);
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[p[i]];
        }
        return out;
    }
}
