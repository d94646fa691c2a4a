package kiln.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The course ports in examples/ run, and learn: each beats a bar well above chance. */
class ExamplesTest {
    @Test
    void iris() {
        double acc = IrisExample.run(500, 42);
        assertTrue(acc >= 0.9, "iris (SGD 0.01, sigmoid) test accuracy " + acc);
    }

    @Test
    void dropout() {
        double acc = DropoutExample.run(30, 42);
        assertTrue(acc >= 0.95, "digits with dropout test accuracy " + acc);
    }

    @Test
    void diabetesRegression() {
        double[] r = DiabetesRegression.run(100, 42);
        // diabetes targets span 25..346; predicting the mean gives MAE ≈ 64; a fitted MLP gets ≈ 42–46
        assertTrue(r[1] < 0.8 * r[2], "test MAE " + r[1] + " vs mean-prediction MAE " + r[2]);
    }

    @Test
    void wideAndDeep() {
        double mse = WideDeepExample.run(100, 42);
        // variance of the diabetes target is ≈ 5,900; a useful model is far below it
        assertTrue(mse < 4000, "wide & deep test mse " + mse);
    }
}
