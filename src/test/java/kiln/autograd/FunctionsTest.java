package kiln.autograd;

import static kiln.autograd.Functions.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.tensor.Generator;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/** Composites (no backward of their own) and the fused ops checked against the composites they replace. */
class FunctionsTest {
    private final Gen gen = new Gen(42);

    @Test
    void varianceIsACompositeWithCorrectGradients() {
        Tensor x = gen.uniform(-2, 2, 3, 5);
        Variable v = var(new Variable(x), new int[] {1}, false);
        assertTrue(v.value().allClose(x.var(new int[] {1}, false), 1e-5, 1e-6));
        GradCheck.check("var axis 1", in -> var(in[0], new int[] {1}, false), x);
        GradCheck.check("var all", in -> var(in[0], null, true), x);
    }

    @Test
    void logSumExpMatchesTheCompositeAndSurvivesLargeInputs() {
        Tensor x = gen.uniform(-2, 2, 2, 4);
        Variable fused = logSumExp(new Variable(x), new int[] {1}, false);
        Variable composite = log(sum(exp(new Variable(x)), new int[] {1}, false));
        assertTrue(fused.value().allClose(composite.value(), 1e-5, 1e-6));
        Variable big = logSumExp(new Variable(Tensor.of(new float[] {1000, 1000}, 2)), null, false);
        assertEquals(1000 + Math.log(2), big.value().item(), 1e-3);
    }

    @Test
    void softmaxCrossEntropyMeanIsAScalarForSparseAndDenseTargets() {
        Tensor logits = gen.uniform(-3, 3, 4, 5);
        Tensor labels = gen.labels(4, 5);
        Variable z = new Variable(logits, true);
        Variable loss = softmaxCrossEntropy(z, labels);
        assertEquals(Shape.of(), loss.shape());
        // the same as the composite −mean(Σ onehot · logSoftmax)
        Variable composite = neg(mean(sum(mul(logSoftmax(new Variable(logits), -1), Variable.constant(labels.oneHot(5))),
                new int[] {1}, false)));
        assertEquals(composite.value().item(), loss.value().item(), 1e-5);
        loss.backward();
        Tensor expected = logits.softmax(-1).sub(labels.oneHot(5)).div(4f);
        assertTrue(z.grad().allClose(expected, 1e-5, 1e-6), z.grad() + " vs " + expected);
        GradCheck.check("sce mean sparse", in -> softmaxCrossEntropy(in[0], labels), logits);
        Tensor dense = gen.distributions(4, 5);
        GradCheck.check("sce mean dense", in -> softmaxCrossEntropy(in[0], dense), logits);
    }

    @Test
    void softmaxCrossEntropyTakesLeadingAxes() {
        Tensor logits = gen.uniform(-3, 3, 2, 3, 4);
        Tensor labels = Tensor.ofInts(new int[] {0, 3, 1, 2, 2, 0}, 2, 3);
        Variable per = softmaxCrossEntropyPerSample(new Variable(logits), labels);
        assertEquals(Shape.of(2, 3), per.shape());
        GradCheck.check("sce rank 3", in -> softmaxCrossEntropy(in[0], labels), logits);
    }

    @Test
    void softmaxCrossEntropyRejectsBadTargets() {
        Variable z = new Variable(Tensor.zeros(4, 5), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> softmaxCrossEntropyPerSample(z, Tensor.zeros(4, 3)));
        assertTrue(e.getMessage().contains("[4, 5]") && e.getMessage().contains("[4, 3]"), e.getMessage());
    }

    @Test
    void sparseCrossEntropyFromLogitsIsTheSoftmaxCrossEntropy() {
        Tensor logits = gen.uniform(-3, 3, 6, 7);
        Tensor labels = gen.labels(6, 7);
        Variable a = new Variable(logits, true);
        Variable b = new Variable(logits, true);
        Variable fused = sparseCrossEntropyPerSample(a, labels.toFloat(), true, 1e-7f, null);
        Variable sce = softmaxCrossEntropyPerSample(b, labels);
        // the same arithmetic on every backend: bit for bit
        assertArrayEquals(sce.value().toFloatArray(), fused.value().toFloatArray());
        sum(fused).backward();
        sum(sce).backward();
        assertArrayEquals(b.grad().toFloatArray(), a.grad().toFloatArray());
    }

    @Test
    void sparseCrossEntropyFromProbabilitiesMatchesKerasComposite() {
        // row 2's label has p = 1e-9 of the row: clipped to 1e-7, no gradient (as the composite's clip)
        Tensor p = gen.uniform(0.05, 1, 5, 4);
        float[] pv = p.toFloatArray();
        pv[2 * 4 + 1] = 1e-9f;
        Tensor probs = Tensor.of(pv, 5, 4);
        Tensor labels = Tensor.ofInts(new int[] {3, 0, 1, 2, 1}, 5);
        Variable a = new Variable(probs, true);
        Variable b = new Variable(probs, true);
        Variable fused = sparseCrossEntropyPerSample(a, labels, false, 1e-7f, null);
        Variable q = clip(div(b, sum(b, new int[] {-1}, true)), 1e-7f, (float) (1.0 - 1e-7));
        Variable composite = neg(sum(mul(Variable.constant(labels.oneHot(4)), log(q)), new int[] {-1}, false));
        assertTrue(fused.value().allClose(composite.value(), 1e-6, 1e-6), fused.value() + " vs " + composite.value());
        assertEquals(-Math.log(1e-7), fused.value().toFloatArray()[2], 1e-5);
        Tensor g = gen.uniform(0.5, 2, 5);
        sum(mul(fused, Variable.constant(g))).backward();
        sum(mul(composite, Variable.constant(g))).backward();
        assertTrue(a.grad().allClose(b.grad(), 1e-5, 1e-6), a.grad() + " vs " + b.grad());
        assertArrayEquals(new float[4], a.grad().slice(0, 2, 3).toFloatArray());
    }

    @Test
    void sparseCrossEntropyMarksLabelsThatAreNotClassIdsWithNaNAndIgnoresIgnoreClass() {
        // 0.5 (not an integer), -3 and 5 (out of [0, 5)) and NaN are not class ids; 255 is ignore_class; 2 is fine
        Tensor labels = Tensor.of(new float[] {0.5f, -3, 5, Float.NaN, 255, 2}, 6);
        for (boolean fromLogits : new boolean[] {true, false}) {
            Variable z = new Variable(gen.uniform(0.1, 1, 6, 5), true);
            Variable loss = sparseCrossEntropyPerSample(z, labels, fromLogits, 1e-7f, 255);
            float[] l = loss.value().toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertTrue(Float.isNaN(l[i]), "row " + i + ": " + l[i]);
            }
            assertEquals(0f, l[4]);
            assertTrue(l[5] > 0 && Float.isFinite(l[5]));
            sum(mul(loss, Variable.constant(Tensor.of(new float[] {0, 0, 0, 0, 1, 1}, 6)))).backward();
            float[] grad = z.grad().toFloatArray();
            for (int i = 0; i < 5 * 5; i++) {
                assertEquals(0f, grad[i], "gradient of row " + i / 5);
            }
            assertTrue(z.grad().slice(0, 5, 6).abs().sum().item() > 0);
        }
    }

    @Test
    void sparseCrossEntropyTakesLeadingAxes() {
        Tensor probs = gen.uniform(0.2, 1, 2, 3, 4);
        Tensor labels = Tensor.ofInts(new int[] {0, 3, 1, 2, 2, 0}, 2, 3);
        for (boolean fromLogits : new boolean[] {true, false}) {
            Variable per = sparseCrossEntropyPerSample(new Variable(probs), labels, fromLogits, 1e-7f, null);
            assertEquals(Shape.of(2, 3), per.shape());
            GradCheck.check("sparse ce rank 3", in -> mean(sparseCrossEntropyPerSample(in[0], labels, fromLogits, 1e-7f,
                    null)), probs);
        }
    }

    @Test
    void sparseCrossEntropyRejectsLabelsOfTheWrongShape() {
        Variable z = new Variable(Tensor.zeros(4, 5), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sparseCrossEntropyPerSample(z, Tensor.zeros(4, 3), true, 1e-7f, null));
        assertTrue(e.getMessage().contains("labels") && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void biasActivationMatchesTheUnfusedComposite() {
        Tensor x = gen.uniform(-2, 2, 3, 4);
        Tensor b = gen.uniform(-0.5, 0.5, 4);
        for (UnaryOp act : new UnaryOp[] {UnaryOp.RELU, UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.GELU, UnaryOp.SELU,
            UnaryOp.MISH, UnaryOp.SOFTSIGN}) {
            Variable fused = biasActivation(new Variable(x), new Variable(b), act, 0f);
            Variable pre = add(new Variable(x), new Variable(b));
            Variable composite = new Variable(kiln.autograd.ops.Pointwise.of(act, 0f).apply(pre).value());
            assertTrue(fused.value().allClose(composite.value(), 1e-5, 1e-6), act.toString());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> biasActivation(new Variable(x), new Variable(b), UnaryOp.CLIP, 0f));
        assertTrue(e.getMessage().contains("CLIP"), e.getMessage());
    }

    @Test
    void dropoutScalesKeptUnitsAndItsGradientIsTheMask() {
        assertTrue(dropout(new Variable(Tensor.ones(3)), 0f, new Generator(1)).value().allClose(Tensor.ones(3), 0, 0));
        Variable x = new Variable(Tensor.ones(1000), true);
        Variable y = dropout(x, 0.25f, new Generator(9));
        y.sum().backward();
        float[] v = y.value().toFloatArray();
        float[] g = x.grad().toFloatArray();
        int kept = 0;
        for (int i = 0; i < v.length; i++) {
            assertTrue(v[i] == 0f || Math.abs(v[i] - 1f / 0.75f) < 1e-6, "value " + v[i]);
            assertEquals(v[i], g[i], 0f); // x = 1, so y = mask and dy/dx = mask
            kept += v[i] == 0f ? 0 : 1;
        }
        assertTrue(kept > 700 && kept < 800, "kept " + kept + " of 1000 at rate 0.25");
        assertThrows(IllegalArgumentException.class, () -> dropout(x, 1f, new Generator(1)));
    }

    @Test
    void stackSqueezeAndScalarArithmeticCompose() {
        Tensor a = gen.uniform(-1, 1, 2, 3);
        Tensor b = gen.uniform(-1, 1, 2, 3);
        GradCheck.check("stack", in -> stack(1, in[0], in[1]), a, b);
        GradCheck.check("squeeze/unsqueeze", in -> squeeze(unsqueeze(in[0], 0), 0).mul(2f).sub(1f).div(3f).pow(2f), a);
    }

    @Test
    void anMlpStepHasCorrectGradients() {
        Tensor x = gen.uniform(-1, 1, 4, 3);
        Tensor w1 = gen.uniform(-1, 1, 3, 5);
        Tensor b1 = gen.uniform(-0.1, 0.1, 5);
        Tensor w2 = gen.uniform(-1, 1, 5, 2);
        Tensor labels = Tensor.ofInts(new int[] {0, 1, 1, 0}, 4);
        GradCheck.check("mlp", in -> softmaxCrossEntropy(
                matmul(biasActivation(matmul(in[0], in[1]), in[2], UnaryOp.TANH, 0f), in[3]), labels), x, w1, b1, w2);
        assertArrayEquals(new int[] {4, 2}, matmul(new Variable(x), new Variable(Tensor.zeros(3, 2))).value().dims());
    }
}
