package kiln.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.tensor.BinaryOp;
import kiln.tensor.RefMath;
import kiln.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/** The scalar definitions: erf against known values, the Keras formulas, and their edge cases. */
class ScalarMathTest {

    @Test
    void erfKnownValues() {
        // values from Python's math.erf (correctly rounded double); the series/continued fraction claims < 1e-14
        double[][] known = {
            {0, 0}, {0.1, 0.1124629160182849}, {-0.3, -0.3286267594591274}, {0.5, 0.5204998778130465},
            {1, 0.8427007929497149}, {-2, -0.9953222650189527}, {2.5, 0.999593047982555}, {3, 0.9999779095030014},
            {4, 0.9999999845827421}, {5.9, 0.9999999999999999}, {6.5, 1.0}, {-10, -1.0},
        };
        for (double[] k : known) {
            assertEquals(k[1], ScalarMath.erf(k[0]), 1e-14, "erf(" + k[0] + ")");
        }
        assertTrue(Double.isNaN(ScalarMath.erf(Double.NaN)));
        assertEquals(1.0, ScalarMath.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, ScalarMath.erf(Double.NEGATIVE_INFINITY));
    }

    @Test
    void erfAgainstIndependentQuadrature() {
        // Around the switch between the series (|x| < 2.5) and the continued fraction, and across [-6, 6].
        for (double x = -6; x <= 6; x += 0.01) {
            assertEquals(RefMath.erf(x), ScalarMath.erf(x), 1e-12, "erf(" + x + ")");
        }
        for (double x : new double[] {2.4999999, 2.5, 2.5000001, 5.9999, 6.0, 6.0001}) {
            assertEquals(RefMath.erf(x), ScalarMath.erf(x), 1e-12, "erf(" + x + ")");
            assertEquals(-ScalarMath.erf(x), ScalarMath.erf(-x), 0.0, "odd");
        }
    }

    @Test
    void kerasConstantsAndForms() {
        assertEquals(1.6732632423543772f, ScalarMath.SELU_ALPHA);
        assertEquals(1.0507009873554805f, ScalarMath.SELU_SCALE);
        assertEquals(0f, ScalarMath.unary(UnaryOp.HARD_SIGMOID, -3, 0, 0));
        assertEquals(1f, ScalarMath.unary(UnaryOp.HARD_SIGMOID, 3, 0, 0));
        assertEquals(0.5f, ScalarMath.unary(UnaryOp.HARD_SIGMOID, 0, 0, 0));
        assertEquals(0f, ScalarMath.unary(UnaryOp.RELU, -0f, 0, 0));
        assertEquals(1000f, ScalarMath.unary(UnaryOp.SOFTPLUS, 1000, 0, 0), "no overflow");
        assertEquals(0f, ScalarMath.unary(UnaryOp.SOFTPLUS, -1000, 0, 0));
        assertEquals(0f, ScalarMath.unary(UnaryOp.SIGMOID, -1000, 0, 0));
        assertEquals(1f, ScalarMath.unary(UnaryOp.SIGMOID, 1000, 0, 0));
        assertEquals(-0f, ScalarMath.unary(UnaryOp.SILU, -1000, 0, 0), 0f);
        assertEquals(0.5 * 2 * (1 + RefMath.erf(2 / Math.sqrt(2))), ScalarMath.unary(UnaryOp.GELU, 2, 0, 0), 1e-7);
        assertEquals(RefMath.geluTanh(2), ScalarMath.unary(UnaryOp.GELU_TANH, 2, 0, 0), 1e-6);
        assertEquals(9f, ScalarMath.unary(UnaryOp.POW_SCALAR, -3, 2, 0));
        assertTrue(Float.isNaN(ScalarMath.unary(UnaryOp.POW_SCALAR, -3, 0.5f, 0)));
        assertEquals(0f, ScalarMath.binary(BinaryOp.RELU_GRAD, 5, 0));
        assertEquals(5f, ScalarMath.binary(BinaryOp.RELU_GRAD, 5, 0.1f));
        assertEquals(0f, ScalarMath.binary(BinaryOp.EQ, Float.NaN, Float.NaN));
        assertEquals(1f, ScalarMath.binary(BinaryOp.NE, Float.NaN, Float.NaN));
        assertTrue(Float.isNaN(ScalarMath.binary(BinaryOp.MAXIMUM, Float.NaN, 1)), "NaN propagates, as NumPy maximum");
    }
}
