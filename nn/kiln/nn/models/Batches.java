package kiln.nn.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kiln.tensor.Tensor;

/** Cutting arrays into batches along axis 0: Keras's order (consecutive slices of a permutation). */
final class Batches {
    private Batches() {}

    /**
     * Samples in the first array, after checking every array agrees on axis 0 and is non-empty. A mismatch is
     * Keras's "Data cardinality is ambiguous" error listing the sizes of x and y.
     */
    static int count(String op, List<Tensor> xs, List<Tensor> ys) {
        if (xs == null || xs.isEmpty()) {
            throw new IllegalArgumentException(op + ": no input data (x is empty)");
        }
        for (Tensor t : xs) {
            if (t == null) {
                throw new IllegalArgumentException(op + ": x contains a null array");
            }
        }
        int n = xs.get(0).rank() == 0 ? -1 : xs.get(0).dim(0);
        if (n <= 0) {
            throw new IllegalArgumentException(op + ": the input data is empty (x has shape " + xs.get(0).shape()
                    + "); need at least one sample");
        }
        boolean same = true;
        List<Integer> xSizes = sizes(xs);
        List<Integer> ySizes = ys == null ? List.of() : sizes(ys);
        for (int s : xSizes) {
            same &= s == n;
        }
        for (int s : ySizes) {
            same &= s == n;
        }
        if (!same) {
            throw new IllegalArgumentException(op + ": Data cardinality is ambiguous. Make sure all arrays contain the same "
                    + "number of samples. 'x' sizes: " + join(xSizes) + (ys == null ? "" : ", 'y' sizes: " + join(ySizes)));
        }
        return n;
    }

    /** Checks per-sample weights: rank 1 (or (n, 1)), n entries. */
    static void checkSampleWeight(String op, String what, Tensor sw, int n) {
        if (sw == null) {
            return;
        }
        if (sw.rank() == 0 || sw.dim(0) != n || sw.rank() > 2 || (sw.rank() == 2 && sw.dim(1) != 1)) {
            throw new IllegalArgumentException(op + ": " + what + " must have one weight per sample, shape (" + n
                    + ",), but has shape " + sw.shape());
        }
    }

    private static List<Integer> sizes(List<Tensor> ts) {
        List<Integer> out = new ArrayList<>();
        for (Tensor t : ts) {
            if (t == null) {
                throw new IllegalArgumentException("y contains a null array (y is required)");
            }
            out.add(t.rank() == 0 ? 0 : t.dim(0));
        }
        return out;
    }

    private static String join(List<Integer> v) {
        return v.size() == 1 ? String.valueOf(v.get(0)) : v.toString();
    }

    /** {@code t[indices]} along axis 0. */
    static Tensor take(Tensor t, int[] indices, int from, int to) {
        if (from == 0 && to == t.dim(0) && isIdentity(indices)) {
            return t;
        }
        int[] idx = java.util.Arrays.copyOfRange(indices, from, to);
        return t.take(Tensor.ofInts(idx, idx.length).to(t.device()), 0);
    }

    private static boolean isIdentity(int[] p) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] != i) {
                return false;
            }
        }
        return true;
    }

    static List<Tensor> takeAll(List<Tensor> ts, int[] indices, int from, int to) {
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(take(t, indices, from, to));
        }
        return out;
    }

    static int[] range(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** A fresh permutation (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = range(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    /**
     * The sample order of one pass over {@code n} samples: Keras's {@code shuffle=True} (one global permutation),
     * {@code "batch"} (each consecutive batch permuted in place, batches in order), or false (identity).
     */
    static int[] passOrder(int n, int batchSize, FitOptions.Shuffle mode, SplittableRandom rng) {
        switch (mode) {
            case TRUE:
                return permutation(n, rng);
            case BATCH: {
                int[] p = range(n);
                for (int from = 0; from < n; from += batchSize) {
                    int len = Math.min(batchSize, n - from);
                    for (int i = len - 1; i > 0; i--) {
                        int j = rng.nextInt(i + 1);
                        int tmp = p[from + i];
                        p[from + i] = p[from + j];
                        p[from + j] = tmp;
                    }
                }
                return p;
            }
            default:
                return range(n);
        }
    }

    /** Rows [from, to) along axis 0. */
    static List<Tensor> head(List<Tensor> ts, int from, int to) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : ts) {
            out.add(t.narrow(0, from, to - from));
        }
        return out;
    }
}
