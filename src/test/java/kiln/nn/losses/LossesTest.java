package kiln.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kiln.tensor.Device;
import kiln.autograd.Functions;
import kiln.autograd.GradCheck;
import kiln.autograd.Variable;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Gradients of every loss with respect to y_pred, the fused paths, masks, the total loss, and the errors. */
class LossesTest {
    /** Regression targets and predictions (4, 3), well apart so |d| stays off the kinks (abs, Huber's delta). */
    private static final Tensor T = Tensor.of(new float[] {0.5f, -1.2f, 2.0f, 0.3f, 0.9f, -0.4f, 1.5f, 0.1f, -2.2f,
        0.0f, 0.7f, 1.1f}, 4, 3);
    private static final Tensor P = Tensor.of(new float[] {0.9f, -0.5f, 0.4f, -0.6f, 1.3f, 0.35f, 0.2f, 1.4f, -1.6f,
        0.45f, -0.9f, 1.9f}, 4, 3);
    /** Positive targets/predictions for MSLE, Poisson, MAPE. */
    private static final Tensor TPOS = Tensor.of(new float[] {0.5f, 1.2f, 2.0f, 0.3f, 0.9f, 0.4f, 1.5f, 0.1f, 2.2f,
        0.6f, 0.7f, 1.1f}, 4, 3);
    private static final Tensor PPOS = Tensor.of(new float[] {0.9f, 0.5f, 0.45f, 0.6f, 1.3f, 0.35f, 0.2f, 1.4f, 1.6f,
        0.25f, 0.9f, 1.9f}, 4, 3);
    private static final Tensor ONE_HOT = Tensor.of(new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0}, 4, 3);
    private static final Tensor BINARY = Tensor.of(new float[] {1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0}, 4, 3);
    /** Probabilities inside (eps, 1 − eps), rows not normalised (categorical losses renormalise). */
    private static final Tensor PROBS = Tensor.of(new float[] {0.6f, 0.3f, 0.2f, 0.15f, 0.25f, 0.5f, 0.3f, 0.45f,
        0.35f, 0.2f, 0.7f, 0.1f}, 4, 3);
    private static final Tensor LOGITS = Tensor.of(new float[] {2.0f, -1.0f, 0.3f, -0.7f, 0.2f, 1.5f, 0.4f, 0.9f,
        -2.5f, 3.1f, -0.2f, 0.6f}, 4, 3);
    private static final Tensor LABELS = Tensor.ofInts(new int[] {0, 2, 1, 1}, 4);
    private static final Tensor WEIGHTS = Tensor.of(new float[] {1f, 0.5f, 0f, 2f}, 4);
    /** Weights for losses reducing axis 0 of (4, 3), whose per-sample values have shape (3). */
    private static final Tensor W3 = Tensor.of(new float[] {0.5f, 2f, 1f}, 3);

    static Stream<Arguments> gradientCases() {
        return Stream.of(
                Arguments.of(new MeanSquaredError(), T, P), Arguments.of(new MeanAbsoluteError(), T, P),
                Arguments.of(new MeanAbsolutePercentageError(), TPOS, PPOS),
                Arguments.of(new MeanSquaredLogarithmicError(), TPOS, PPOS), Arguments.of(new Huber(), T, P),
                Arguments.of(new Huber(0.5f), T, P), Arguments.of(new LogCosh(), T, P),
                Arguments.of(new CosineSimilarity(), T, P), Arguments.of(new CosineSimilarity(0), T, P, W3),
                Arguments.of(new KLDivergence(), PROBS.mul(0.9f), PROBS),
                Arguments.of(new Poisson(), TPOS, PPOS),
                Arguments.of(new Hinge(), BINARY, P), Arguments.of(new SquaredHinge(), BINARY, P),
                Arguments.of(new CategoricalHinge(), ONE_HOT, P),
                Arguments.of(new BinaryCrossentropy(), BINARY, PROBS),
                Arguments.of(new BinaryCrossentropy(false, 0.1, -1), BINARY, PROBS),
                Arguments.of(new BinaryCrossentropy(true, 0.2, -1), BINARY, LOGITS),
                Arguments.of(new BinaryFocalCrossentropy(), BINARY, PROBS),
                Arguments.of(new BinaryFocalCrossentropy(true, 0.4, 1.5, true, 0.1, -1), BINARY, LOGITS),
                Arguments.of(new CategoricalCrossentropy(), ONE_HOT, PROBS),
                Arguments.of(new CategoricalCrossentropy(false, 0.1, -1), ONE_HOT, PROBS),
                Arguments.of(new CategoricalCrossentropy(true), ONE_HOT, LOGITS),
                Arguments.of(new CategoricalCrossentropy(true, 0.2, -1), ONE_HOT, LOGITS),
                Arguments.of(new CategoricalCrossentropy(true), ONE_HOT.mul(2f), LOGITS),
                Arguments.of(new CategoricalCrossentropy(true, 0.0, 0), ONE_HOT, LOGITS, W3),
                Arguments.of(new SparseCategoricalCrossentropy(), LABELS, PROBS),
                Arguments.of(new SparseCategoricalCrossentropy(true), LABELS, LOGITS),
                Arguments.of(new SparseCategoricalCrossentropy(true, 2), LABELS, LOGITS),
                Arguments.of(new SparseCategoricalCrossentropy(false, 1), LABELS.reshape(4, 1), PROBS))
                .map(a -> a.get().length == 4 ? a : Arguments.of(a.get()[0], a.get()[1], a.get()[2], WEIGHTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCases")
    void gradientWrtPrediction(Loss loss, Tensor yTrue, Tensor yPred, Tensor weights) {
        boolean[] predOnly = {false, true};
        GradCheck.check(loss + " mean", in -> loss.apply(in[0], in[1], null, null), GradCheck.Tolerance.DEFAULT,
                predOnly, yTrue, yPred);
        GradCheck.check(loss + " weighted", in -> loss.apply(in[0], in[1], weights, null), GradCheck.Tolerance.DEFAULT,
                predOnly, yTrue, yPred);
    }

    // ------------------------------------------------------------------ fused paths vs the composite formula

    @Test
    void fusedSparseFromLogitsEqualsLogSoftmaxFormula() {
        Variable z1 = new Variable(LOGITS, true);
        Variable fused = new SparseCategoricalCrossentropy(true).apply(LABELS, z1);
        Variable z2 = new Variable(LOGITS, true);
        Variable composite = Functions.neg(Functions.mean(Functions.sum(
                Functions.mul(Variable.constant(LABELS.oneHot(3)), Functions.logSoftmax(z2, -1)), new int[] {-1}, false)));
        assertEquals(composite.value().item(), fused.value().item(), 1e-6);
        fused.backward();
        composite.backward();
        assertTrue(z1.grad().allClose(z2.grad(), 1e-5, 1e-7), z1.grad() + " vs " + z2.grad());
    }

    @Test
    void categoricalFromLogitsUsesExactGradientForTargetsNotSummingToOne() {
        Tensor twice = ONE_HOT.mul(2f);
        Variable z = new Variable(LOGITS, true);
        new CategoricalCrossentropy(true).apply(twice, z).backward();
        // d/dz of −Σ t·log_softmax(z) = softmax(z)·Σt − t, here 2·softmax − t, averaged over 4 samples
        Tensor expect = LOGITS.softmax(-1).mul(2f).sub(twice).div(4f);
        assertTrue(z.grad().allClose(expect, 1e-5, 1e-7), z.grad() + " vs " + expect);
    }

    // ------------------------------------------------------------------ masks, weights, reductions

    @Test
    void callerMaskAveragesOverValidEntries() {
        Tensor mask = Tensor.of(new float[] {1, 0, 1, 1}, 4);
        float[] per = new MeanSquaredError(Reduction.NONE, "m").apply(T, Variable.constant(P)).value().toFloatArray();
        float masked = new MeanSquaredError().apply(Variable.constant(T), Variable.constant(P), null, mask).value().item();
        assertEquals((per[0] + per[2] + per[3]) / 3f, masked, 1e-6);
        float sum = new MeanSquaredError(Reduction.SUM, "m").apply(Variable.constant(T), Variable.constant(P), null,
                mask).value().item();
        assertEquals(per[0] + per[2] + per[3], sum, 1e-5);
    }

    @Test
    void zeroWeightsStillCountInTheDenominator() {
        float[] per = new MeanSquaredError(Reduction.NONE, "m").apply(T, Variable.constant(P)).value().toFloatArray();
        float mean = new MeanSquaredError().apply(T, Variable.constant(P), WEIGHTS).value().item();
        assertEquals((per[0] * 1f + per[1] * 0.5f + per[3] * 2f) / 4f, mean, 1e-6);
        float mws = new MeanSquaredError(Reduction.MEAN_WITH_SAMPLE_WEIGHT, "m").apply(T, Variable.constant(P), WEIGHTS)
                .value().item();
        assertEquals((per[0] * 1f + per[1] * 0.5f + per[3] * 2f) / 3.5f, mws, 1e-6);
        float allZero = new MeanSquaredError(Reduction.MEAN_WITH_SAMPLE_WEIGHT, "m").apply(T, Variable.constant(P),
                Tensor.zeros(4)).value().item();
        assertEquals(0f, allZero, "divide_no_nan");
    }

    @Test
    void sparseAcceptsFloatLabelsAndColumnLabels() {
        float a = new SparseCategoricalCrossentropy().apply(LABELS, Variable.constant(PROBS)).value().item();
        float b = new SparseCategoricalCrossentropy().apply(LABELS.toFloat(), Variable.constant(PROBS)).value().item();
        float c = new SparseCategoricalCrossentropy().apply(LABELS.reshape(4, 1), Variable.constant(PROBS)).value().item();
        assertEquals(a, b);
        assertEquals(a, c);
    }

    @Test
    void totalAddsPenalties() {
        Variable w = new Variable(Tensor.of(new float[] {1, -2, 3}, 3), true);
        Variable data = new MeanSquaredError().apply(T, Variable.constant(P));
        Variable penalty = Functions.mul(Functions.sum(Functions.square(w)), 0.01f); // l2(0.01)
        Variable total = Losses.total(data, List.of(penalty, Functions.mul(w, 0f)));
        assertEquals(data.value().item() + 0.14f, total.value().item(), 1e-6);
        total.backward();
        assertTrue(w.grad().allClose(Tensor.of(new float[] {0.02f, -0.04f, 0.06f}, 3), 1e-6, 1e-7), w.grad().toString());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void unknownIdentifierListsValidOnes() {
        for (String bad : List.of("huber_loss", "logcosh", "cce", "scce", "crossentropyy", "Mse")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Losses.get(bad));
            assertTrue(e.getMessage().contains("Could not interpret loss identifier: '" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("sparse_categorical_crossentropy") && e.getMessage().contains("mse"),
                    e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Losses.get(null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.fromConfig("Dicey", Map.of()));
        assertTrue(e.getMessage().contains("Dicey") && e.getMessage().contains("MeanSquaredError"), e.getMessage());
    }

    @Test
    void badReductionIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Losses.fromConfig("MeanSquaredError", Map.of("reduction", "avg")));
        assertTrue(e.getMessage().contains("reduction") && e.getMessage().contains("avg")
                && e.getMessage().contains("sum_over_batch_size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.fromConfig("MeanSquaredError", Map.of("dtype", "float64")));
        assertTrue(e.getMessage().contains("float64"), e.getMessage());
    }

    @Test
    void shapeMismatchNamesTheLossAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Losses.get("mse").apply(Tensor.zeros(4), Variable.constant(P)));
        assertTrue(e.getMessage().startsWith("mean_squared_error") && e.getMessage().contains("[4]")
                && e.getMessage().contains("[4, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalCrossentropy().apply(LABELS, Variable.constant(PROBS)));
        assertTrue(e.getMessage().startsWith("categorical_crossentropy") && e.getMessage().contains("[4]")
                && e.getMessage().contains("[4, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BinaryCrossentropy().apply(Tensor.zeros(4, 2), Variable.constant(PROBS)));
        assertTrue(e.getMessage().contains("binary_crossentropy") && e.getMessage().contains("[4, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().apply(ONE_HOT, Variable.constant(PROBS)));
        assertTrue(e.getMessage().contains("sparse_categorical_crossentropy") && e.getMessage().contains("[4, 3]")
                && e.getMessage().contains("integer class labels of shape [4] or [4, 1]")
                && e.getMessage().contains("categorical_crossentropy"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().apply(T, Variable.constant(P), Tensor.ones(3)));
        assertTrue(e.getMessage().contains("sample_weight") && e.getMessage().contains("[3]")
                && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void outOfRangeSparseLabelsNameLabelAndClasses() {
        for (int bad : new int[] {3, 7, -1}) {
            Tensor labels = Tensor.ofInts(new int[] {0, bad, 1, 1}, 4);
            for (boolean logits : new boolean[] {false, true}) {
                if (!Device.defaultDevice().isCpu()) {
                    // On an accelerator, as TensorFlow's GPU kernel: a NaN loss for that sample, no error (naming
                    // the label would read the labels back to the host every step).
                    Variable loss = new SparseCategoricalCrossentropy(logits).apply(labels, Variable.constant(PROBS));
                    assertTrue(Float.isNaN(loss.value().item()), "label " + bad + " on " + Device.defaultDevice());
                    continue;
                }
                var e = assertThrows(IllegalArgumentException.class,
                        () -> new SparseCategoricalCrossentropy(logits).apply(labels, Variable.constant(PROBS)));
                assertTrue(e.getMessage().contains("sparse_categorical_crossentropy") && e.getMessage().contains(
                        "label " + bad) && e.getMessage().contains("3 classes") && e.getMessage().contains("[1]"),
                        e.getMessage());
            }
        }
        if (Device.defaultDevice().isCpu()) { // checking labels for integers on an accelerator would read them back
            var e = assertThrows(IllegalArgumentException.class, () -> new SparseCategoricalCrossentropy().apply(
                    Tensor.of(new float[] {0, 1.5f, 1, 1}, 4), Variable.constant(PROBS)));
            assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
        }
        // the ignored class may lie outside the range
        assertNotNull(new SparseCategoricalCrossentropy(false, 255).apply(Tensor.ofInts(new int[] {0, 255, 1, 1}, 4),
                Variable.constant(PROBS)));
    }

    @Test
    void crossentropyResolvesFromShapes() {
        assertTrue(Losses.get("crossentropy", Shape.of(8), Shape.of(8, 3))
                instanceof SparseCategoricalCrossentropy);
        assertTrue(Losses.get("CE", Shape.of(8, 1), Shape.of(8, 3))
                instanceof SparseCategoricalCrossentropy);
        assertTrue(Losses.get("ce", Shape.of(8, 1), Shape.of(8, 1))
                instanceof BinaryCrossentropy);
        Loss cce = Losses.get("Crossentropy", Shape.of(8, 3), Shape.of(8, 3));
        assertTrue(cce instanceof CategoricalCrossentropy);
        assertEquals("Crossentropy", cce.name());
        assertTrue(Losses.get("mse", Shape.of(8), Shape.of(8, 3)) instanceof MeanSquaredError);
    }

    @Test
    void namesFromIdentifiers() {
        assertEquals("mse", Losses.get("mse").name());
        assertEquals("mean_squared_error", Losses.get("MeanSquaredError").name());
        assertEquals(Map.of("name", "bce", "reduction", "sum_over_batch_size", "from_logits", false,
                "label_smoothing", 0.0, "axis", -1), Losses.get("bce").getConfig());
        assertTrue(Losses.get("sparse_categorical_crossentropy") instanceof SparseCategoricalCrossentropy);
    }
}
