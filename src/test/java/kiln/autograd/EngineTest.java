package kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.autograd.ops.Exp;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The engine: accumulation, broadcasting, scopes, detach, explicit gradients, long graphs, errors. */
class EngineTest {

    private static Variable leaf(float... v) {
        return new Variable(Tensor.of(v, v.length), true, "x");
    }

    private static void assertValues(float[] expected, Tensor t) {
        assertArrayEquals(expected, t.toFloatArray(), 1e-6f, "got " + t);
    }

    @Test
    void variableUsedTwiceAccumulates() {
        Variable x = leaf(1, -2, 3);
        x.mul(x).sum().backward();
        assertValues(new float[] {2, -4, 6}, x.grad());
    }

    @Test
    void diamondGraphSumsBothPaths() {
        Variable x = leaf(0.5f, 2);
        Variable a = x.exp();
        Variable y = a.mul(x).add(a); // e^x·x + e^x → derivative e^x·(x + 2)
        y.sum().backward();
        assertValues(new float[] {(float) (Math.exp(0.5) * 2.5), (float) (Math.exp(2) * 4)}, x.grad());
    }

    @Test
    void broadcastGradientsAreSummedToTheInputShape() {
        Variable x = new Variable(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), true);
        Variable b = new Variable(Tensor.of(new float[] {10, 20, 30}, 3), true);
        Variable s = new Variable(Tensor.scalar(2f), true);
        x.add(b).mul(s).sum().backward();
        assertEquals(Shape.of(3), b.grad().shape());
        assertValues(new float[] {4, 4, 4}, b.grad());
        assertEquals(Shape.of(), s.grad().shape());
        assertValues(new float[] {21 + 2 * 60}, s.grad()); // Σ (x + b): b is added to both rows
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Variable x = leaf(1, 2);
        x.square().sum().backward();
        x.square().sum().backward();
        assertValues(new float[] {4, 8}, x.grad());
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(3f).sum().backward();
        assertValues(new float[] {3, 3}, x.grad());
    }

    @Test
    void aReleasedGradientsStorageTakesTheNextGemmGradient() {
        Tensor xv = Tensor.randn(4, 3);
        Variable w = new Variable(Tensor.randn(3, 5), true, "w");
        Variable b = new Variable(Tensor.randn(5), true, "b");
        new Variable(xv).matmul(w).add(b).sum().backward();
        Tensor first = w.grad();
        float[] expected = first.toFloatArray();
        w.releaseGrad();
        b.releaseGrad();
        assertNull(w.grad());
        new Variable(xv).matmul(w).add(b).sum().backward();
        assertSame(first.buffer(), w.grad().buffer(), "the GEMM wrote into the released storage");
        assertArrayEquals(expected, w.grad().toFloatArray());
        // zeroGrad hands nothing on: the next gradient is a new tensor, the old one untouched
        Tensor second = w.grad();
        w.zeroGrad();
        new Variable(xv.mul(2f)).matmul(w).sum().backward();
        assertNotSame(second.buffer(), w.grad().buffer());
        assertArrayEquals(expected, second.toFloatArray());
    }

    @Test
    void aReleasedGradientIsNotReusedWhereTheContributionIsNotTheWholeGradient() {
        Variable w = new Variable(Tensor.randn(3, 3), true, "w");
        Tensor x = Tensor.randn(2, 3);
        // w used twice in one op (w·w) and in two ops: the sums must match a run without a spare
        java.util.function.Supplier<Variable> loss = () -> w.matmul(w).sum().add(new Variable(x).matmul(w).sum());
        loss.get().backward();
        float[] expected = w.grad().toFloatArray();
        for (int step = 0; step < 3; step++) {
            w.releaseGrad();
            loss.get().backward();
            assertArrayEquals(expected, w.grad().toFloatArray(), 1e-5f, "step " + step);
        }
        // accumulation without a release still adds, into new storage
        Tensor before = w.grad();
        loss.get().backward();
        assertNotSame(before, w.grad());
        assertArrayEquals(expected, before.toFloatArray(), 1e-5f);
    }

    @Test
    void backwardWithAnExplicitOutputGradient() {
        Variable x = leaf(1, 2, 3);
        Variable y = x.mul(2f);
        y.backward(Tensor.of(new float[] {1, 10, 100}, 3));
        assertValues(new float[] {2, 20, 200}, x.grad());
    }

    @Test
    void noGradScopeRecordsNothingAndNests() {
        Variable x = leaf(1, 2);
        try (var _ = NoGrad.enter()) {
            try (var _ = NoGrad.enter()) {
                assertFalse(x.exp().requiresGrad());
            }
            Variable y = x.mul(x);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
            assertTrue(NoGrad.active());
        }
        assertFalse(NoGrad.active());
        assertTrue(x.exp().requiresGrad(), "recording resumes after the scope");
    }

    @Test
    void detachStopsTheGradient() {
        Variable x = leaf(2, 3);
        Variable y = x.detach().mul(x); // d/dx = detached x only
        y.sum().backward();
        assertValues(new float[] {2, 3}, x.grad());
        assertFalse(x.detach().requiresGrad());
        assertTrue(x.detach().value() == x.value(), "detach shares the value");
    }

    @Test
    void frozenInputsGetNoGradient() {
        Variable x = leaf(1, 2);
        Variable w = new Variable(Tensor.of(new float[] {3, 4}, 2), false, "w");
        x.mul(w).sum().backward();
        assertValues(new float[] {3, 4}, x.grad());
        assertNull(w.grad());
        w.setRequiresGrad(true);
        x.zeroGrad();
        x.mul(w).sum().backward();
        assertValues(new float[] {1, 2}, w.grad());
    }

    @Test
    void gradientsOfTwoInputsNeverShareStorage() {
        // Add returns the same tensor for both inputs; each leaf must own its gradient.
        Variable a = leaf(1, 2);
        Variable b = leaf(3, 4);
        Tensor g = Tensor.of(new float[] {5, 6}, 2);
        a.add(b).backward(g);
        assertNotSame(a.grad().buffer(), b.grad().buffer());
        assertNotSame(g.buffer(), a.grad().buffer());
        a.grad().muli(0f);
        assertValues(new float[] {5, 6}, b.grad());
        assertValues(new float[] {5, 6}, g);
    }

    @Test
    void retainGradKeepsAnIntermediateGradient() {
        Variable x = leaf(1, 2);
        Variable h = x.mul(3f).retainGrad();
        Variable notKept = h.exp();
        notKept.sum().backward();
        assertValues(new float[] {(float) Math.exp(3), (float) Math.exp(6)}, h.grad());
        assertNull(notKept.grad());
    }

    @Test
    void aLongChainNeedsNoDeepStack() {
        Variable x = leaf(1f);
        Variable y = x;
        for (int i = 0; i < 10_000; i++) {
            y = y.mul(1.0001f).add(0.5f);
        }
        y.sum().backward(); // a recursive sort would overflow here
        assertEquals(Math.pow(1.0001, 10_000), x.grad().item(), 1e-3);
    }

    @Test
    void backwardOfANonScalarNamesItsShape() {
        Variable y = leaf(1, 2, 3).reshape(3, 1).exp();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().contains("[3, 1]") && e.getMessage().contains("backward(gradOutput)"),
                e.getMessage());
        IllegalArgumentException wrongShape = assertThrows(IllegalArgumentException.class,
                () -> y.backward(Tensor.zeros(3)));
        assertTrue(wrongShape.getMessage().contains("[3]") && wrongShape.getMessage().contains("[3, 1]"),
                wrongShape.getMessage());
    }

    @Test
    void backwardOnAVariableThatRequiresNoGradSaysSo() {
        Variable c = Variable.constant(Tensor.scalar(1f));
        IllegalStateException e = assertThrows(IllegalStateException.class, c::backward);
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
    }

    @Test
    void secondBackwardNeedsRetainGraph() {
        Variable x = leaf(1, 2);
        Variable y = x.exp().sum();
        y.backward(Tensor.scalar(1f), true);
        y.backward(); // retained: walk again, gradients add up
        assertValues(new float[] {(float) (2 * Math.E), (float) (2 * Math.exp(2))}, x.grad());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
    }

    @Test
    void anOpInstanceIsSingleUse() {
        Exp exp = new Exp();
        exp.apply(leaf(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> exp.apply(leaf(1)));
        assertTrue(e.getMessage().contains("single-use"), e.getMessage());
    }

    @Test
    void backwardThroughAnOpWithAShapeErrorNamesTheOp() {
        Op bad = new Op() {
            @Override protected Tensor forward(Tensor... in) { return in[0].exp(); }
            @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
                return new Tensor[] {Tensor.zeros(5)};
            }
            @Override public String name() { return "Bad"; }
        };
        Variable y = bad.apply(leaf(1, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().contains("Bad") && e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    void toStringNamesVariableShapeAndCreator() {
        Variable w = Variable.parameter(Tensor.zeros(2, 3), "kernel");
        assertEquals("Variable 'kernel' [2, 3] (leaf)", w.toString());
        assertEquals("Variable [3, 2] (Transpose)", w.transpose(0, 1).toString());
    }
}
