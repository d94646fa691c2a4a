package kiln.tensor;

import static kiln.tensor.Approx.assertClose;
import static kiln.tensor.Approx.assertIae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kiln.kernels.cpu.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReductionOpsTest {

    /** Every subset of the axes of a rank-3 tensor, as axis arrays (some given negatively), for each op. */
    static Stream<Arguments> axisSets() {
        List<Arguments> out = new ArrayList<>();
        for (String op : new String[] {"sum", "mean", "max", "min", "prod", "var"}) {
            for (int mask = 0; mask < 8; mask++) {
                List<Integer> ax = new ArrayList<>();
                for (int a = 0; a < 3; a++) {
                    if ((mask & (1 << a)) != 0) {
                        ax.add(a == 2 && mask == 6 ? -1 : a);
                    }
                }
                out.add(Arguments.of(op, ax.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        return out.stream();
    }

    /** Reference over a (2,3,4) array in double: reduces the axes in {@code axes}, keepdims form. */
    private static double[] reference(String op, float[] x, int[] dims, boolean[] red) {
        int[] od = dims.clone();
        for (int a = 0; a < 3; a++) {
            if (red[a]) {
                od[a] = 1;
            }
        }
        int outSize = od[0] * od[1] * od[2];
        List<List<Double>> groups = new ArrayList<>();
        for (int i = 0; i < outSize; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < dims[0]; i++) {
            for (int j = 0; j < dims[1]; j++) {
                for (int k = 0; k < dims[2]; k++) {
                    int oi = (red[0] ? 0 : i) * od[1] * od[2] + (red[1] ? 0 : j) * od[2] + (red[2] ? 0 : k);
                    groups.get(oi).add((double) x[(i * dims[1] + j) * dims[2] + k]);
                }
            }
        }
        double[] r = new double[outSize];
        for (int o = 0; o < outSize; o++) {
            List<Double> g = groups.get(o);
            double mean = g.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
            r[o] = switch (op) {
                case "sum" -> g.stream().mapToDouble(d -> d).sum();
                case "mean" -> mean;
                case "max" -> g.stream().mapToDouble(d -> d).max().orElseThrow();
                case "min" -> g.stream().mapToDouble(d -> d).min().orElseThrow();
                case "prod" -> g.stream().mapToDouble(d -> d).reduce(1, (p, q) -> p * q);
                case "var" -> g.stream().mapToDouble(d -> (d - mean) * (d - mean)).average().orElseThrow();
                default -> throw new AssertionError(op);
            };
        }
        return r;
    }

    private static Tensor apply(String op, Tensor t, int[] axes, boolean keep) {
        return switch (op) {
            case "sum" -> t.sum(axes, keep);
            case "mean" -> t.mean(axes, keep);
            case "max" -> t.max(axes, keep);
            case "min" -> t.min(axes, keep);
            case "prod" -> t.reduce(ReduceOp.PROD, axes, keep);
            case "var" -> t.var(axes, keep);
            default -> throw new AssertionError(op);
        };
    }

    @ParameterizedTest(name = "{0} axes={1}")
    @MethodSource("axisSets")
    void everyAxisCombinationOf234(String op, int[] axes) {
        int[] dims = {2, 3, 4};
        // values in [0.5, 1.5) keep prod of 24 elements well inside float range
        float[] x = Approx.uniform(17, 24, 0.5, 1.5);
        boolean[] red = new boolean[3];
        for (int a : axes) {
            red[a < 0 ? a + 3 : a] = true;
        }
        double[] ref = reference(op, x, dims, red);
        int[] kd = dims.clone();
        List<Integer> nd = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            if (red[a]) {
                kd[a] = 1;
            } else {
                nd.add(dims[a]);
            }
        }
        // At most 24 float additions/multiplications of values ≤ 1.5: relative error ≤ 24·2^-24 ≈ 1.4e-6.
        double rtol = 2e-6;
        Tensor t = Tensor.of(x, dims);
        Tensor kept = apply(op, t, axes, true);
        assertEquals(Shape.of(kd), kept.shape(), "keepdims shape");
        assertClose(op + " keepdims", ref, kept.toFloatArray(), rtol, 1e-7);
        Tensor dropped = apply(op, t, axes, false);
        assertEquals(Shape.of(nd.stream().mapToInt(Integer::intValue).toArray()), dropped.shape());
        assertClose(op, ref, dropped.toFloatArray(), rtol, 1e-7);
        // The same values laid out transposed: a (4,3,2) buffer permuted back to (2,3,4) — non-contiguous input.
        Tensor nc = t.permute(2, 1, 0).contiguous().permute(2, 1, 0);
        assertClose(op + " non-contiguous", ref, apply(op, nc, axes, true).toFloatArray(), rtol, 1e-7);
        // And a narrowed view out of a bigger tensor (offset and gaps).
        Tensor big = Tensor.zeros(3, 5, 6);
        Tensor view = big.narrow(0, 1, 2).narrow(1, 1, 3).narrow(2, 2, 4);
        view.copyFrom(t);
        assertClose(op + " narrowed view", ref, apply(op, view, axes, true).toFloatArray(), rtol, 1e-7);
    }

    @Test
    void handComputed() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {6, 15}, a.sum(new int[] {1}, false).toFloatArray());
        assertArrayEquals(new float[] {5, 7, 9}, a.sum(0, false).toFloatArray());
        assertEquals(21f, a.sum().item());
        assertEquals(3.5f, a.mean().item());
        assertEquals(6f, a.max().item());
        assertEquals(1f, a.min().item());
        assertEquals(720f, a.reduce(ReduceOp.PROD, new int[] {0, 1}, false).item());
        assertArrayEquals(new float[] {2f / 3, 2f / 3}, a.var(new int[] {1}, false).toFloatArray(), 1e-6f);
        assertEquals(Shape.of(), a.sum().shape());
        assertEquals(Shape.of(1, 1), a.sum(new int[] {0, 1}, true).shape());
        assertArrayEquals(a.toFloatArray(), a.sum(new int[0], false).toFloatArray(), "no axes: a copy");
        // Sizes of zero: sum 0, prod 1, mean NaN (NumPy), max an error
        Tensor e = Tensor.zeros(0, 3);
        assertArrayEquals(new float[] {0, 0, 0}, e.sum(0, false).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1}, e.reduce(ReduceOp.PROD, new int[] {0}, false).toFloatArray());
        assertEquals(0f, e.sum().item());
        assertTrue(Float.isNaN(e.mean(new int[] {0}, false).toFloatArray()[0]), "mean of nothing is NaN, as NumPy");
        assertEquals(0f, Tensor.zeros(2, 0, 3).sumTo(Shape.of(3)).sum().item());
        assertEquals(Shape.of(0), e.sum(1, false).shape());
        assertIae(() -> e.max(new int[] {0}, false), "max", "axis 0", "size 0", "[0, 3]");
    }

    @Test
    void reductionErrors() {
        Tensor a = Tensor.zeros(2, 3);
        assertIae(() -> a.sum(2, false), "sum", "axis 2", "[2, 3]");
        assertIae(() -> a.mean(new int[] {-3}, false), "mean", "axis -3", "[2, 3]");
        assertIae(() -> a.sum(new int[] {1, -1}, false), "sum", "axis -1", "twice");
        assertIae(() -> a.argmax(2), "axis 2", "[2, 3]");
    }

    @Test
    void sumTo() {
        Tensor g = Tensor.arange(24).reshape(2, 3, 4);
        assertArrayEquals(new float[] {60, 66, 72, 78}, g.sumTo(Shape.of(4)).toFloatArray());
        assertArrayEquals(new float[] {60, 66, 72, 78}, g.sumTo(Shape.of(1, 4)).toFloatArray());
        assertEquals(Shape.of(1, 4), g.sumTo(Shape.of(1, 4)).shape());
        Tensor s = g.sumTo(Shape.of(2, 1, 4));
        assertEquals(Shape.of(2, 1, 4), s.shape());
        assertArrayEquals(new float[] {12, 15, 18, 21, 48, 51, 54, 57}, s.toFloatArray());
        assertArrayEquals(new float[] {276}, g.sumTo(Shape.of()).toFloatArray());
        assertArrayEquals(new float[] {66, 210}, g.sumTo(Shape.of(2, 1, 1)).toFloatArray());
        assertSame(g, g.sumTo(Shape.of(2, 3, 4)));
        // sumTo is the adjoint of broadcastTo: <broadcast(x), y> == <x, sumTo(y)>
        Tensor x = Tensor.of(new float[] {1, -2, 3}, 3, 1);
        Tensor y = Tensor.uniform(new Generator(4), -1, 1, 2, 3, 5);
        double lhs = x.broadcastTo(Shape.of(2, 3, 5)).mul(y).sum().item();
        double rhs = x.mul(y.sumTo(Shape.of(3, 1))).sum().item();
        assertEquals(lhs, rhs, 1e-5);
        assertIae(() -> g.sumTo(Shape.of(3)), "sumTo", "[3]", "[2, 3, 4]");
    }

    @Test
    void argmaxMatchesComparesEachRowsArgmaxWithItsLabelAsFloats() {
        // rows: a tie (the first index, 1, wins), NaNs (the first NaN, 0, is the max), a plain max at 0
        Tensor x = Tensor.of(new float[] {1, 5, 5, 2, Float.NaN, 0, Float.NaN, 3, 9, 1, 2, 3}, 3, 4);
        assertArrayEquals(new float[] {1, 1, 1}, x.argmaxMatches(Tensor.ofInts(new int[] {1, 0, 0}, 3)).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 0}, x.argmaxMatches(Tensor.ofInts(new int[] {2, 3, 3}, 3)).toFloatArray());
        // float labels: 1.0 matches index 1, 0.5 matches nothing
        assertArrayEquals(new float[] {1, 0, 1}, x.argmaxMatches(Tensor.of(new float[] {1, 0.5f, 0}, 3)).toFloatArray());
        // leading axes and a transposed (strided) input
        Tensor t = Tensor.of(new float[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8}, 3, 4).t().reshape(2, 2, 3);
        Tensor m = t.argmaxMatches(Tensor.ofInts(new int[] {1, 1, 2, 0}, 2, 2));
        assertEquals(Shape.of(2, 2), m.shape());
        assertArrayEquals(new float[] {1, 1, 1, 0}, m.toFloatArray());
        assertIae(() -> x.argmaxMatches(Tensor.ofInts(new int[] {1, 1}, 2)), "argmaxMatches", "[3, 4]", "[2]");
    }

    @Test
    void argmaxArgmin() {
        Tensor a = Tensor.of(new float[] {1, 5, 5, 2, 0, 0, -1, -1}, 2, 4);
        Tensor am = a.argmax(1);
        assertEquals(DType.INT32, am.dtype());
        assertEquals(Shape.of(2), am.shape());
        assertArrayEquals(new int[] {1, 0}, am.toIntArray(), "ties: the first index wins");
        assertArrayEquals(new int[] {0, 2}, a.argmin(-1).toIntArray());
        assertArrayEquals(new int[] {0, 0, 0, 0}, a.argmax(0).toIntArray());
        assertArrayEquals(new int[] {1, 1, 1, 1}, a.argmin(0).toIntArray());
        // NaN wins both argmax and argmin (NumPy), the first NaN
        Tensor n = Tensor.of(new float[] {1, Float.NaN, 3, Float.NaN}, 4);
        assertEquals(1, n.argmax(0).toIntArray()[0]);
        assertEquals(1, n.argmin(0).toIntArray()[0]);
        assertEquals(0, Tensor.of(new float[] {Float.NaN, 1}, 2).argmax(0).toIntArray()[0]);
        // a transposed (strided) input along each axis
        Tensor t = Tensor.of(new float[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8}, 3, 4).t(); // (4, 3)
        assertArrayEquals(new int[] {1, 1, 2, 2}, t.argmax(1).toIntArray());
        assertArrayEquals(new int[] {2, 1, 3}, t.argmax(0).toIntArray());
        assertArrayEquals(new int[] {1, 2, 1}, t.argmin(0).toIntArray());
        assertArrayEquals(new int[] {0, 0, 1, 0}, t.argmin(1).toIntArray());
    }

    @Test
    void millionElementSumIsAccurateAndThreadIndependent() {
        int n = 1_000_000;
        float[] x = Approx.uniform(99, n, 0, 1);
        double ref = 0;
        for (float v : x) {
            ref += v;
        }
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Tensor t = Tensor.of(x, n);
            float s1 = t.sum().item();
            float m1 = t.reshape(1000, 1000).sum(0, false).sum().item();
            float[] r1 = t.reshape(1000, 1000).sum(1, false).toFloatArray();
            float[] c1 = t.reshape(1000, 1000).sum(0, false).toFloatArray();
            Parallel.setThreads(2);
            float s2 = t.sum().item();
            float m2 = t.reshape(1000, 1000).sum(0, false).sum().item();
            float[] r2 = t.reshape(1000, 1000).sum(1, false).toFloatArray();
            float[] c2 = t.reshape(1000, 1000).sum(0, false).toFloatArray();
            // Blocked/vector summation of positive values: error ≈ (log n + block length / lanes)·2^-24 ≪ 1e-5.
            assertEquals(ref, s1, 1e-5 * ref);
            assertEquals(ref, m1, 1e-5 * ref);
            assertEquals(Float.floatToIntBits(s1), Float.floatToIntBits(s2), "bitwise identical on 1 and 2 threads");
            assertEquals(Float.floatToIntBits(m1), Float.floatToIntBits(m2));
            Approx.assertSameBits("row sums", r1, r2);
            Approx.assertSameBits("column sums", c1, c2);
            assertEquals(ref / n, t.mean().item(), 1e-5 * ref / n);
        } finally {
            Parallel.setThreads(before);
        }
    }
}
