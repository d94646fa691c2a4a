package kiln.tensor;

import static kiln.tensor.Approx.assertClose;
import static kiln.tensor.Approx.assertIae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** softmax / logSoftmax through Tensor, and the fused softmax cross-entropy through the backend. */
class SoftmaxOpsTest {

    /** Double reference along one axis of a contiguous tensor with dims. */
    private static double[] ref(float[] x, int[] dims, int axis, boolean log) {
        int n = dims[axis];
        int inner = 1;
        for (int a = axis + 1; a < dims.length; a++) {
            inner *= dims[a];
        }
        int outer = x.length / (n * inner);
        double[] y = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, x[(o * n + j) * inner + i]);
                }
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += Math.exp(x[(o * n + j) * inner + i] - max);
                }
                for (int j = 0; j < n; j++) {
                    double z = x[(o * n + j) * inner + i] - max;
                    y[(o * n + j) * inner + i] = log ? z - Math.log(s) : Math.exp(z) / s;
                }
            }
        }
        return y;
    }

    @Test
    void everyAxisOfARank3Tensor() {
        int[] dims = {3, 4, 5};
        float[] x = Approx.uniform(3, 60, -5, 5);
        Tensor t = Tensor.of(x, dims);
        for (int axis = -3; axis < 3; axis++) {
            int a = axis < 0 ? axis + 3 : axis;
            // exp in double, rounded to float; the float row max and x − max cost ≤ 2 ulp of the argument (≤ 10):
            // ~1e-6 relative in softmax, ~2e-6 absolute in log-softmax.
            assertClose("softmax axis " + axis, ref(x, dims, a, false), t.softmax(axis).toFloatArray(), 2e-6, 1e-8);
            assertClose("logSoftmax axis " + axis, ref(x, dims, a, true), t.logSoftmax(axis).toFloatArray(), 1e-6, 3e-6);
            // rows sum to 1
            float[] sums = t.softmax(axis).sum(a, false).toFloatArray();
            for (float s : sums) {
                assertEquals(1.0, s, 1e-6);
            }
        }
        // Non-contiguous input and the same values contiguous give the same result.
        Tensor p = Tensor.of(x, 5, 4, 3).permute(2, 1, 0);
        float[] pc = p.contiguous().toFloatArray();
        assertClose("permuted", ref(pc, dims, 1, false), p.softmax(1).toFloatArray(), 2e-6, 1e-8);
        assertClose("permuted, last axis", ref(pc, dims, 2, true), p.logSoftmax(-1).toFloatArray(), 1e-6, 3e-6);
    }

    @Test
    void softmaxBackwardIsYTimesGMinusTheirDotAlongEveryAxis() {
        int[] dims = {3, 4, 5};
        Tensor y = Tensor.of(Approx.uniform(5, 60, -3, 3), dims).softmax(-1);
        // g a permuted view: the kernel reads strided operands in place
        Tensor g = Tensor.of(Approx.uniform(6, 60, -2, 2), 5, 4, 3).permute(2, 1, 0);
        float[] yv = y.toFloatArray();
        float[] gv = g.contiguous().toFloatArray();
        for (int axis = 0; axis < 3; axis++) {
            int n = dims[axis];
            int inner = 1;
            for (int a = axis + 1; a < 3; a++) {
                inner *= dims[a];
            }
            double[] expected = new double[60];
            for (int o = 0; o < 60 / (n * inner); o++) {
                for (int i = 0; i < inner; i++) {
                    double dot = 0;
                    for (int j = 0; j < n; j++) {
                        int k = (o * n + j) * inner + i;
                        dot += (double) gv[k] * yv[k];
                    }
                    for (int j = 0; j < n; j++) {
                        int k = (o * n + j) * inner + i;
                        expected[k] = yv[k] * (gv[k] - dot);
                    }
                }
            }
            // float products summed in double, then three float roundings: a few ulp of |g| + |dot| (≤ 4)
            assertClose("softmaxBackward axis " + axis, expected, y.softmaxBackward(g, axis).toFloatArray(), 1e-6, 2e-6);
        }
        assertIae(() -> y.softmaxBackward(Tensor.zeros(3, 4), -1), "gradient's shape [3, 4]");
    }

    @Test
    void largeLogitsAreStable() {
        Tensor t = Tensor.of(new float[] {1000, 1001, 1002, -1000, 0, 1000}, 2, 3);
        float[] s = t.softmax(1).toFloatArray();
        // softmax([0, 1, 2]) = [0.09003057, 0.24472847, 0.66524096]
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f, 0, 0, 1}, s, 1e-7f);
        float[] l = t.logSoftmax(1).toFloatArray();
        // Computed as (x − max) − log Σ: accurate to float precision of the small result, not of 1000 (ulp 6e-5).
        assertArrayEquals(new float[] {-2.4076059644f, -1.4076059644f, -0.4076059644f, -2000, -1000, 0}, l, 1e-6f);
        // The fused cross-entropy at large logits: loss = −log_softmax[label].
        Tensor loss = Tensor.zeros(2);
        t.backend().softmaxCrossEntropy(t, Tensor.ofInts(new int[] {0, 2}, 2), loss, null);
        assertArrayEquals(new float[] {2.4076059644f, 0}, loss.toFloatArray(), 1e-6f);
        for (float v : l) {
            assertTrue(Float.isFinite(v));
        }
        // A row of -inf except one element, and a row that is all -inf (no NaN from -inf − -inf).
        Tensor m = Tensor.of(new float[] {Float.NEGATIVE_INFINITY, 0, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 2, 2);
        float[] ms = m.softmax(1).toFloatArray();
        assertArrayEquals(new float[] {0, 1}, new float[] {ms[0], ms[1]});
        // An empty softmax axis is allowed and gives an empty result.
        assertEquals(0, Tensor.zeros(2, 0).softmax(1).size());
    }

    @Test
    void badAxis() {
        assertIae(() -> Tensor.zeros(2, 3).softmax(2), "softmax", "axis 2", "[2, 3]");
        assertIae(() -> Tensor.zeros(2, 3).logSoftmax(-3), "logSoftmax", "axis -3", "[2, 3]");
    }

    // ---------------------------------------------------------------- fused cross-entropy

    private static final float[] LOGITS = {2, 1, 0.1f, -1, 0.5f, 0.5f, 0.5f, 0.5f, 10, -10, 3, 0};

    private static double[][] refCe(float[] z, int n, int c, double[][] target) {
        double[] loss = new double[n];
        double[] grad = new double[n * c];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, z[i * c + j]);
            }
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += Math.exp(z[i * c + j] - max);
            }
            for (int j = 0; j < c; j++) {
                double logp = z[i * c + j] - max - Math.log(s);
                loss[i] -= target[i][j] * logp;
                grad[i * c + j] = Math.exp(logp) - target[i][j];
            }
        }
        return new double[][] {loss, grad};
    }

    @Test
    void crossEntropyWithIntLabels() {
        int n = 3, c = 4;
        Tensor z = Tensor.of(LOGITS, n, c);
        int[] labels = {0, 3, 2};
        double[][] t = new double[n][c];
        for (int i = 0; i < n; i++) {
            t[i][labels[i]] = 1;
        }
        double[][] r = refCe(LOGITS, n, c, t);
        Tensor loss = Tensor.zeros(n);
        Tensor grad = Tensor.zeros(n, c);
        z.backend().softmaxCrossEntropy(z, Tensor.ofInts(labels, n), loss, grad);
        // log-softmax in float from a float max: ≤ a few ulp of |logits| ≤ 10 → 5e-6 absolute.
        assertClose("loss", r[0], loss.toFloatArray(), 1e-6, 5e-6);
        assertClose("grad", r[1], grad.toFloatArray(), 1e-6, 1e-6);
        // Row 1 is uniform over 4 classes: loss = ln 4.
        assertEquals(Math.log(4), loss.get(1), 1e-6);
        // Without a gradient, the loss alone.
        Tensor loss2 = Tensor.zeros(n);
        z.backend().softmaxCrossEntropy(z, Tensor.ofInts(labels, n), loss2, null);
        assertArrayEquals(loss.toFloatArray(), loss2.toFloatArray());
        // A transposed logits view and a transposed grad out give the same numbers.
        Tensor zt = Tensor.of(z.t().contiguous().toFloatArray(), c, n).t();
        Tensor gt = Tensor.zeros(c, n).t();
        Tensor l3 = Tensor.zeros(n);
        z.backend().softmaxCrossEntropy(zt, Tensor.ofInts(labels, n), l3, gt);
        assertClose("loss, transposed logits", r[0], l3.toFloatArray(), 1e-6, 5e-6);
        assertClose("grad, transposed out", r[1], gt.toFloatArray(), 1e-6, 1e-6);
    }

    @Test
    void crossEntropyWithFloatTargets() {
        int n = 3, c = 4;
        float[] tv = {0.7f, 0.1f, 0.1f, 0.1f, 0, 0, 0, 1, 0.25f, 0.25f, 0.25f, 0.25f};
        double[][] t = new double[n][c];
        for (int i = 0; i < n * c; i++) {
            t[i / c][i % c] = tv[i];
        }
        double[][] r = refCe(LOGITS, n, c, t);
        Tensor z = Tensor.of(LOGITS, n, c);
        Tensor loss = Tensor.zeros(n);
        Tensor grad = Tensor.zeros(n, c);
        z.backend().softmaxCrossEntropy(z, Tensor.of(tv, n, c), loss, grad);
        assertClose("loss", r[0], loss.toFloatArray(), 1e-6, 5e-6);
        assertClose("grad", r[1], grad.toFloatArray(), 1e-6, 1e-6);
        // The gradient of each row sums to Σ softmax − Σ target = 0 for distributions.
        for (float s : grad.sum(1, false).toFloatArray()) {
            assertEquals(0, s, 1e-6);
        }
    }

    @Test
    void crossEntropyLabelOutOfRange() {
        Tensor z = Tensor.of(LOGITS, 3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                z.backend().softmaxCrossEntropy(z, Tensor.ofInts(new int[] {0, 4, 1}, 3), Tensor.zeros(3), null));
        assertTrue(e.getMessage().contains("softmaxCrossEntropy") && e.getMessage().contains("label 4")
                && e.getMessage().contains("row 1") && e.getMessage().contains("[0, 4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                z.backend().softmaxCrossEntropy(z, Tensor.ofInts(new int[] {-1, 0, 1}, 3), Tensor.zeros(3), null));
    }
}
