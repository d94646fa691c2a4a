package kiln.nn.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import kiln.nn.Golden;
import kiln.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * Initializers against Keras: string identifiers and default configs from real Keras 3.15.1
 * (golden/initializers.json, src/test/python/golden_initializers.py), and the distributions'
 * statistics over large draws against the formulas of keras-reference.md §2 (Kiln's generator is
 * its own, so values match Keras in distribution, not draw for draw).
 */
class InitializersTest {

    @Test
    @SuppressWarnings("unchecked")
    void identifiersAndConfigsMatchKeras() throws Exception {
        Map<String, Object> root = Golden.load("initializers");
        Map<String, Map<String, Object>> ids = (Map<String, Map<String, Object>>) root.get("identifiers");
        int checked = 0;
        for (var e : ids.entrySet()) {
            if (e.getValue().containsKey("error")) {
                continue; // Keras itself cannot build it from the bare string (see the script)
            }
            Initializer init = Initializers.get(e.getKey());
            assertEquals(e.getValue().get("class_name"), init.className(), e.getKey());
            assertEquals(e.getValue().get("config"), init.getConfig(), e.getKey());
            // key order matters for byte-equal config.json files
            assertEquals(String.join(",", ((Map<String, Object>) e.getValue().get("config")).keySet()),
                    String.join(",", init.getConfig().keySet()), e.getKey());
            Initializer back = Initializers.fromConfig(init.className(), init.getConfig());
            assertEquals(init.getConfig(), back.getConfig());
            checked++;
        }
        assertTrue(checked >= 20, "checked " + checked);
    }

    @Test
    void unknownIdentifierListsValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Initializers.get("glorot"));
        assertTrue(e.getMessage().contains("'glorot'") && e.getMessage().contains("glorot_uniform"), e.getMessage());
    }

    /** Variance of n samples: its standard error is about var·sqrt((kurtosis − 1)/n); 6 of them is the bound. */
    private static void assertMoments(float[] v, double mean, double var, double kurtosis, String what) {
        double m = 0;
        for (float x : v) {
            m += x;
        }
        m /= v.length;
        double s2 = 0;
        for (float x : v) {
            s2 += (x - m) * (x - m);
        }
        s2 /= v.length;
        double meanBound = 6 * Math.sqrt(var / v.length);
        double varBound = 6 * var * Math.sqrt((kurtosis - 1) / v.length);
        assertEquals(mean, m, meanBound, what + " mean");
        assertEquals(var, s2, varBound, what + " variance");
    }

    @Test
    void varianceScalingFamiliesHaveKerasVariance() {
        Shape dense = Shape.of(300, 500); // fan_in 300, fan_out 500, fan_avg 400
        // uniform: variance limit²/3 = scale/n, kurtosis 1.8
        assertMoments(new GlorotUniform(1).apply(dense).toFloatArray(), 0, 1.0 / 400, 1.8, "glorot_uniform");
        assertMoments(new HeUniform(2).apply(dense).toFloatArray(), 0, 2.0 / 300, 1.8, "he_uniform");
        assertMoments(new LecunUniform(3).apply(dense).toFloatArray(), 0, 1.0 / 300, 1.8, "lecun_uniform");
        // truncated normal rescaled by 0.8796: variance exactly scale/n; kurtosis of N truncated at ±2 ≈ 2.36
        assertMoments(new GlorotNormal(4).apply(dense).toFloatArray(), 0, 1.0 / 400, 2.4, "glorot_normal");
        assertMoments(new HeNormal(5).apply(dense).toFloatArray(), 0, 2.0 / 300, 2.4, "he_normal");
        assertMoments(new LecunNormal(6).apply(dense).toFloatArray(), 0, 1.0 / 300, 2.4, "lecun_normal");
        assertMoments(new VarianceScaling(3.0, "fan_out", "untruncated_normal", 7).apply(dense).toFloatArray(),
                0, 3.0 / 500, 3.0, "variance_scaling untruncated fan_out");
        // conv kernel (3,3,16,32): receptive field 9, fan_in 144, fan_out 288
        assertMoments(new HeUniform(8).apply(Shape.of(3, 3, 16, 32)).toFloatArray(), 0, 2.0 / 144, 1.8, "he conv");
    }

    @Test
    void boundsHold() {
        float limit = (float) Math.sqrt(6.0 / 800);
        for (float x : new GlorotUniform(9).apply(Shape.of(300, 500)).toFloatArray()) {
            assertTrue(x >= -limit && x < limit, "glorot_uniform sample " + x + " outside ±" + limit);
        }
        double std = Math.sqrt(2.0 / 300) / VarianceScaling.TRUNCATED_STDDEV;
        for (float x : new HeNormal(10).apply(Shape.of(300, 500)).toFloatArray()) {
            assertTrue(Math.abs(x) <= 2 * std * (1 + 1e-6), "he_normal sample " + x + " beyond 2 stddev " + std);
        }
        assertMoments(new RandomNormal(1.0, 0.5, 11).apply(Shape.of(200_000)).toFloatArray(), 1.0, 0.25, 3.0, "normal");
        assertMoments(new RandomUniform(-1, 3, 12).apply(Shape.of(200_000)).toFloatArray(), 1.0, 16.0 / 12, 1.8, "uniform");
    }

    @Test
    void seedsRepeatAndDiffer() {
        assertArrayEquals(new GlorotUniform(42).apply(Shape.of(5, 7)).toFloatArray(),
                new GlorotUniform(42).apply(Shape.of(5, 7)).toFloatArray());
        assertFalse(java.util.Arrays.equals(new GlorotUniform(42).apply(Shape.of(5, 7)).toFloatArray(),
                new GlorotUniform(43).apply(Shape.of(5, 7)).toFloatArray()));
    }

    @Test
    void orthogonalIsOrthonormal() {
        for (int[] s : new int[][] {{6, 4}, {4, 6}, {2, 3, 5}, {5, 5}}) {
            Shape shape = Shape.of(s);
            float[] q = new Orthogonal(2.0, 13).apply(shape).toFloatArray();
            int cols = shape.dim(-1);
            int rows = shape.size() / cols;
            boolean tall = rows >= cols;
            int k = Math.min(rows, cols);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    double dot = 0;
                    for (int i = 0; i < Math.max(rows, cols); i++) {
                        dot += tall ? q[i * cols + a] * q[i * cols + b] : q[a * cols + i] * q[b * cols + i];
                    }
                    assertEquals(a == b ? 4.0 : 0.0, dot, 1e-5, "gain² on the diagonal of QᵀQ, shape " + shape);
                }
            }
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new Orthogonal().apply(Shape.of(4)));
        assertTrue(e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void constantOnesZerosIdentity() {
        assertArrayEquals(new float[] {2.5f, 2.5f}, new Constant(2.5).apply(Shape.of(2)).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1}, Initializers.get("ones").apply(Shape.of(3)).toFloatArray());
        assertArrayEquals(new float[] {0, 0}, Initializers.get("zeros").apply(Shape.of(2)).toFloatArray());
        assertArrayEquals(new float[] {3, 0, 0, 0, 3, 0}, new Identity(3).apply(Shape.of(2, 3)).toFloatArray());
        var e = assertThrows(IllegalArgumentException.class, () -> new Identity().apply(Shape.of(2, 2, 2)));
        assertTrue(e.getMessage().contains("2D"), e.getMessage());
    }

    @Test
    void badVarianceScalingArguments() {
        assertThrows(IllegalArgumentException.class, () -> new VarianceScaling(0, "fan_in", "uniform", null));
        var e = assertThrows(IllegalArgumentException.class, () -> new VarianceScaling(1, "fan_mid", "uniform", null));
        assertTrue(e.getMessage().contains("fan_mid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new VarianceScaling(1, "fan_in", "cauchy", null));
        assertTrue(e.getMessage().contains("cauchy"), e.getMessage());
        assertEquals("truncated_normal", new VarianceScaling(1, "fan_in", "normal", null).getConfig().get("distribution"));
    }
}
