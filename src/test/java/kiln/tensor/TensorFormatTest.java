package kiln.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** toString against NumPy 2.x {@code str(np.array(..., dtype=np.float32))}, strings captured from NumPy. */
class TensorFormatTest {

    @Test
    void smallFloatTensors() {
        assertEquals("[[1. 2. 3.]\n [4. 5. 6.]]", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).toString());
        assertEquals("[ 0.5   1.25 -3.  ]", Tensor.of(new float[] {0.5f, 1.25f, -3}, 3).toString());
        assertEquals("[0.1 0.2]", Tensor.of(new float[] {0.1f, 0.2f}, 2).toString());
        assertEquals("[0.33333334]", Tensor.of(new float[] {1f / 3}, 1).toString());
        assertEquals("[[[ 0.  1.  2.  3.]\n  [ 4.  5.  6.  7.]\n  [ 8.  9. 10. 11.]]\n\n"
                + " [[12. 13. 14. 15.]\n  [16. 17. 18. 19.]\n  [20. 21. 22. 23.]]]",
                Tensor.arange(24).reshape(2, 3, 4).toString());
        assertEquals("[nan inf -1.]", Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, -1}, 3).toString());
    }

    @Test
    void viewsPrintTheirOwnElements() {
        assertEquals("[[1. 4.]\n [2. 5.]\n [3. 6.]]", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).t().toString());
    }

    @Test
    void scalarAndInts() {
        assertEquals("3.5", Tensor.scalar(3.5f).toString());
        assertEquals("[ 1 -2 30]", Tensor.ofInts(new int[] {1, -2, 30}, 3).toString());
        assertEquals("[[1 2]\n [3 4]]", Tensor.ofInts(new int[] {1, 2, 3, 4}, 2, 2).toString());
    }

    @Test
    void scientificNotation() {
        assertEquals("[1.e-05 1.e+00]", Tensor.of(new float[] {1e-5f, 1}, 2).toString());
        assertEquals("[1.e+09 1.e+00]", Tensor.of(new float[] {1e9f, 1}, 2).toString());
        assertEquals("[1.e+00 2.e+03]", Tensor.of(new float[] {1, 2000}, 2).toString());
        assertEquals("[ 0.e+00  1.e-05 -1.e+00]", Tensor.of(new float[] {0, 1e-5f, -1}, 3).toString());
        assertEquals("[1.5e+00     nan 1.0e-07]", Tensor.of(new float[] {1.5f, Float.NaN, 1e-7f}, 3).toString());
        assertEquals("[ nan -inf]", Tensor.of(new float[] {Float.NaN, Float.NEGATIVE_INFINITY}, 2).toString());
        assertEquals("[[ 1.0000e-03  1.2325e+02]\n [ 1.0000e+00 -2.0000e+00]]",
                Tensor.of(new float[] {0.001f, 123.25f, 1, -2}, 2, 2).toString());
    }

    @Test
    void summarisedBeyondAThousandElements() {
        String s = Tensor.arange(2000).toString();
        assertEquals("[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]", s);
        String m = Tensor.arange(2000).reshape(40, 50).toString();
        assertEquals("[[0.000e+00 1.000e+00 2.000e+00 ... 4.700e+01 4.800e+01 4.900e+01]\n"
                + " [5.000e+01 5.100e+01 5.200e+01 ... 9.700e+01 9.800e+01 9.900e+01]\n"
                + " [1.000e+02 1.010e+02 1.020e+02 ... 1.470e+02 1.480e+02 1.490e+02]\n"
                + " ...\n"
                + " [1.850e+03 1.851e+03 1.852e+03 ... 1.897e+03 1.898e+03 1.899e+03]\n"
                + " [1.900e+03 1.901e+03 1.902e+03 ... 1.947e+03 1.948e+03 1.949e+03]\n"
                + " [1.950e+03 1.951e+03 1.952e+03 ... 1.997e+03 1.998e+03 1.999e+03]]", m);
        // Exactly 1000 elements is not summarised (NumPy's threshold is "more than").
        assertTrue(!Tensor.zeros(1000).toString().contains("..."));
        assertEquals("[0. 0. 0. ... 0. 0. 0.]", Tensor.zeros(1001).toString());
    }
}
