package kiln.nn.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kiln.tensor.Tensor;

/** Cutting arrays into batches along axis 0: Keras's order (consecutive slices of a permutation). */
final class Batches {
    private Batches() {}

    /** Samples in the first array, after checking every array agrees on axis 0 and is non-empty. */
    static int count(String op, List<Tensor> xs, List<Tensor> ys) {
        if (xs == null || xs.isEmpty()) {
            throw new IllegalArgumentException(op + ": no input data (x is empty)");
        }
        int n = xs.get(0).rank() == 0 ? -1 : xs.get(0).dim(0);
        if (n <= 0) {
            throw new IllegalArgumentException(op + ": the input data is empty (x has shape " + xs.get(0).shape()
                    + "); need at least one sample");
        }
        List<Tensor> all = new ArrayList<>(xs);
        if (ys != null) {
            all.addAll(ys);
        }
        for (Tensor t : all) {
            if (t.rank() == 0 || t.dim(0) != n) {
                throw new IllegalArgumentException(op + ": all arrays must have the same number of samples on axis 0, "
                        + "but x has " + n + " and another array has shape " + t.shape());
            }
        }
        return n;
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

    /** The first rows [0, to) as a view-or-copy along axis 0. */
    static List<Tensor> head(List<Tensor> ts, int from, int to) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : ts) {
            out.add(t.narrow(0, from, to - from));
        }
        return out;
    }
}
