package kiln.autograd;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import kiln.tensor.Tensor;

/**
 * A tiny double-precision n-d array for forward references: written independently of Tensor (plain
 * index arithmetic), so a bug in a kernel or a view cannot hide in both.
 */
final class DArray {
    final int[] shape;
    final double[] data;

    DArray(int[] shape, double[] data) {
        this.shape = shape;
        this.data = data;
    }

    static DArray of(Tensor t) {
        float[] f = t.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return new DArray(t.dims(), d);
    }

    static int size(int[] s) {
        int n = 1;
        for (int d : s) {
            n *= d;
        }
        return n;
    }

    static int[] unflat(int[] s, int flat) {
        int[] c = new int[s.length];
        for (int a = s.length - 1; a >= 0; a--) {
            c[a] = flat % s[a];
            flat /= s[a];
        }
        return c;
    }

    /** Element at a coordinate of a (possibly larger) broadcast shape: aligned right, size-1 axes repeat. */
    double atBroadcast(int[] c) {
        int shift = c.length - shape.length;
        int flat = 0;
        for (int a = 0; a < shape.length; a++) {
            flat = flat * shape[a] + (shape[a] == 1 ? 0 : c[a + shift]);
        }
        return data[flat];
    }

    static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] o = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            o[i] = Math.max(da, db);
        }
        return o;
    }

    DArray map(DoubleUnaryOperator f) {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(data[i]);
        }
        return new DArray(shape, d);
    }

    static DArray zip(DArray a, DArray b, DoubleBinaryOperator f) {
        int[] s = broadcast(a.shape, b.shape);
        double[] d = new double[size(s)];
        for (int i = 0; i < d.length; i++) {
            int[] c = unflat(s, i);
            d[i] = f.applyAsDouble(a.atBroadcast(c), b.atBroadcast(c));
        }
        return new DArray(s, d);
    }

    static DArray where(DArray cond, DArray a, DArray b) {
        int[] s = broadcast(broadcast(cond.shape, a.shape), b.shape);
        double[] d = new double[size(s)];
        for (int i = 0; i < d.length; i++) {
            int[] c = unflat(s, i);
            d[i] = cond.atBroadcast(c) != 0 ? a.atBroadcast(c) : b.atBroadcast(c);
        }
        return new DArray(s, d);
    }

    /** kind: "sum", "mean", "max", "min", "lse" (log-sum-exp). axes null: all. */
    DArray reduce(int[] axes, boolean keepdims, String kind) {
        boolean[] red = new boolean[shape.length];
        if (axes == null) {
            Arrays.fill(red, true);
        } else {
            for (int a : axes) {
                red[a < 0 ? a + shape.length : a] = true;
            }
        }
        int[] kept = shape.clone();
        for (int a = 0; a < kept.length; a++) {
            kept[a] = red[a] ? 1 : kept[a];
        }
        int n = size(kept);
        double[][] groups = new double[n][];
        int per = n == 0 ? 0 : data.length / n;
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            groups[i] = new double[per];
        }
        for (int i = 0; i < data.length; i++) {
            int[] c = unflat(shape, i);
            int o = 0;
            for (int a = 0; a < c.length; a++) {
                o = o * kept[a] + (red[a] ? 0 : c[a]);
            }
            groups[o][fill[o]++] = data[i];
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double[] g = groups[i];
            d[i] = switch (kind) {
                case "sum" -> Arrays.stream(g).sum();
                case "mean" -> Arrays.stream(g).average().orElse(Double.NaN);
                case "max" -> Arrays.stream(g).max().orElseThrow();
                case "min" -> Arrays.stream(g).min().orElseThrow();
                case "lse" -> Math.log(Arrays.stream(g).map(Math::exp).sum());
                default -> throw new IllegalArgumentException(kind);
            };
        }
        if (keepdims) {
            return new DArray(kept, d);
        }
        return new DArray(Arrays.stream(range(shape.length)).filter(a -> !red[a]).map(a -> shape[a]).toArray(), d);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    DArray reshape(int... dims) {
        int[] d = dims.clone();
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                d[i] = 1;
                d[i] = data.length / size(d);
            }
        }
        return new DArray(d, data);
    }

    DArray permute(int... perm) {
        int[] s = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            s[i] = shape[perm[i]];
        }
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            int[] c = unflat(s, i);
            int[] src = new int[c.length];
            for (int k = 0; k < c.length; k++) {
                src[perm[k]] = c[k];
            }
            d[i] = data[flat(shape, src)];
        }
        return new DArray(s, d);
    }

    static int flat(int[] s, int[] c) {
        int f = 0;
        for (int a = 0; a < s.length; a++) {
            f = f * s[a] + c[a];
        }
        return f;
    }

    /** Elements [from, to) along axis (non-negative bounds). */
    DArray slice(int axis, int from, int to) {
        int[] s = shape.clone();
        s[axis] = to - from;
        double[] d = new double[size(s)];
        for (int i = 0; i < d.length; i++) {
            int[] c = unflat(s, i);
            c[axis] += from;
            d[i] = data[flat(shape, c)];
        }
        return new DArray(s, d);
    }

    static DArray concat(int axis, DArray... parts) {
        DArray first = parts[0];
        int[] s = first.shape.clone();
        s[axis] = Arrays.stream(parts).mapToInt(p -> p.shape[axis]).sum();
        double[] d = new double[size(s)];
        for (int i = 0; i < d.length; i++) {
            int[] c = unflat(s, i);
            int k = 0;
            while (c[axis] >= parts[k].shape[axis]) {
                c[axis] -= parts[k++].shape[axis];
            }
            d[i] = parts[k].data[flat(parts[k].shape, c)];
        }
        return new DArray(s, d);
    }

    DArray broadcastTo(int... s) {
        double[] d = new double[size(s)];
        for (int i = 0; i < d.length; i++) {
            d[i] = atBroadcast(unflat(s, i));
        }
        return new DArray(s, d);
    }

    /** Softmax (or log-softmax) along an axis: exp(x − lse(x)). */
    DArray softmax(int axis, boolean log) {
        int ax = axis < 0 ? axis + shape.length : axis;
        DArray lse = reduce(new int[] {ax}, true, "lse");
        DArray logp = zip(this, lse, (x, l) -> x - l);
        return log ? logp : logp.map(Math::exp);
    }

    /** NumPy matmul, with 1-D operands and broadcast batch dimensions. */
    static DArray matmul(DArray a, DArray b) {
        int[] as = a.shape.length == 1 ? new int[] {1, a.shape[0]} : a.shape;
        int[] bs = b.shape.length == 1 ? new int[] {b.shape[0], 1} : b.shape;
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int n = bs[bs.length - 1];
        int[] batch = broadcast(Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        DArray a2 = new DArray(as, a.data);
        DArray b2 = new DArray(bs, b.data);
        int[] os = Arrays.copyOf(batch, batch.length + 2);
        os[batch.length] = m;
        os[batch.length + 1] = n;
        double[] d = new double[size(os)];
        for (int i = 0; i < d.length; i++) {
            int[] c = unflat(os, i);
            double acc = 0;
            for (int p = 0; p < k; p++) {
                int[] ca = c.clone();
                ca[c.length - 1] = p;
                int[] cb = c.clone();
                cb[c.length - 2] = p;
                acc += a2.atBroadcast(ca) * b2.atBroadcast(cb);
            }
            d[i] = acc;
        }
        int[] out = os;
        if (b.shape.length == 1) {
            out = Arrays.copyOf(out, out.length - 1);
        }
        if (a.shape.length == 1) {
            int[] o2 = new int[out.length - 1];
            int drop = out.length - (b.shape.length == 1 ? 1 : 2);
            for (int i = 0, j = 0; i < out.length; i++) {
                if (i != drop) {
                    o2[j++] = out[i];
                }
            }
            out = o2;
        }
        return new DArray(out, d);
    }

    /** x.take(indices, axis). */
    DArray take(DArray indices, int axis) {
        int[] s = new int[shape.length - 1 + indices.shape.length];
        System.arraycopy(shape, 0, s, 0, axis);
        System.arraycopy(indices.shape, 0, s, axis, indices.shape.length);
        System.arraycopy(shape, axis + 1, s, axis + indices.shape.length, shape.length - axis - 1);
        double[] d = new double[size(s)];
        for (int i = 0; i < d.length; i++) {
            int[] c = unflat(s, i);
            int[] ic = Arrays.copyOfRange(c, axis, axis + indices.shape.length);
            int[] src = new int[shape.length];
            System.arraycopy(c, 0, src, 0, axis);
            src[axis] = (int) indices.data[flat(indices.shape, ic)];
            System.arraycopy(c, axis + indices.shape.length, src, axis + 1, shape.length - axis - 1);
            d[i] = data[flat(shape, src)];
        }
        return new DArray(s, d);
    }

    /** Fails with op, coordinate, expected and actual on the first element outside atol + rtol·|expected|. */
    void assertClose(Tensor actual, double rtol, double atol, String label) {
        if (!Arrays.equals(shape, actual.dims())) {
            fail(label + ": shape " + actual.shape() + ", expected " + Arrays.toString(shape));
        }
        float[] y = actual.toFloatArray();
        for (int i = 0; i < y.length; i++) {
            double err = Math.abs(y[i] - data[i]);
            if (!(err <= atol + rtol * Math.abs(data[i])) && !(Double.isNaN(data[i]) && Float.isNaN(y[i]))) {
                fail(String.format("%s: forward at %s: expected %.8g (double reference), got %.8g", label,
                        Arrays.toString(unflat(shape, i)), data[i], y[i]));
            }
        }
    }
}
