package kiln.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.tensor.Approx;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The softmax row kernel and the fused cross-entropy: strides, extremes, thread independence. */
class SoftmaxTest {

    @Test
    void rowKernelWithStrides() {
        float[] x = {9, 1, 9, 2, 9, 3, 9};
        float[] y = new float[7];
        Softmax.row(x, 1, 2, y, 0, 3, 3, false); // x = [1, 2, 3] at stride 2 → y at stride 3
        double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(1) / s, y[0], 1e-7);
        assertEquals(Math.exp(2) / s, y[3], 1e-7);
        assertEquals(Math.exp(3) / s, y[6], 1e-7);
        assertEquals(0f, y[1]);
        Softmax.row(x, 1, 2, y, 0, 3, 3, true);
        assertEquals(1 - 3 - Math.log(s / Math.exp(3)), y[0], 1e-6);
    }

    @Test
    void extremeRows() {
        float[] y = new float[3];
        Softmax.row(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, 0}, 0, 1, y, 0, 1, 3, false);
        assertEquals(1f, y[2]);
        assertEquals(0f, y[0]);
        Softmax.row(new float[] {-1e30f, 1e30f, 0}, 0, 1, y, 0, 1, 3, false);
        assertEquals(1f, y[1]);
        Softmax.row(new float[] {88, 89, 90}, 0, 1, y, 0, 1, 3, true);
        for (float v : y) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void crossEntropyIsThreadIndependent() {
        int n = 5000, c = 10; // enough rows to be split across threads
        Tensor z = Tensor.of(Approx.uniform(1, n * c, -5, 5), n, c);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % c;
        }
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Tensor l1 = Tensor.zeros(n);
            Tensor g1 = Tensor.zeros(n, c);
            Softmax.crossEntropy(z, Tensor.ofInts(labels, n), l1, g1);
            Parallel.setThreads(2);
            Tensor l2 = Tensor.zeros(n);
            Tensor g2 = Tensor.zeros(n, c);
            Softmax.crossEntropy(z, Tensor.ofInts(labels, n), l2, g2);
            Approx.assertSameBits("loss", l1.toFloatArray(), l2.toFloatArray());
            Approx.assertSameBits("grad", g1.toFloatArray(), g2.toFloatArray());
            // and the loss equals -logSoftmax at the label
            float[] ls = z.logSoftmax(1).toFloatArray();
            float[] lv = l1.toFloatArray();
            for (int i = 0; i < n; i++) {
                assertEquals(-ls[i * c + labels[i]], lv[i], 1e-6f);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void softmaxThreadIndependent() {
        Tensor z = Tensor.of(Approx.uniform(2, 300 * 400, -3, 3), 300, 400);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[] a = z.softmax(0).toFloatArray();
            float[] b = z.logSoftmax(1).toFloatArray();
            Parallel.setThreads(2);
            Approx.assertSameBits("softmax axis 0", a, z.softmax(0).toFloatArray());
            Approx.assertSameBits("logSoftmax axis 1", b, z.logSoftmax(1).toFloatArray());
        } finally {
            Parallel.setThreads(before);
        }
    }
}
