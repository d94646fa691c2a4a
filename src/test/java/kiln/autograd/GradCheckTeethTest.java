package kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kiln.autograd.GradCheck.Tolerance;
import kiln.autograd.ops.Exp;
import kiln.autograd.ops.MatMul;
import kiln.autograd.ops.Mul;
import kiln.autograd.ops.Softmax;
import kiln.autograd.ops.Tanh;
import kiln.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gradcheck has teeth: a backward off by 1% or 5% is caught; the same op unscaled passes. */
class GradCheckTeethTest {

    /** Wraps an op and scales its backward by a factor: a deliberately wrong gradient. */
    static final class Scaled extends Op {
        private final Op inner;
        private final float factor;

        Scaled(Op inner, float factor) {
            this.inner = inner;
            this.factor = factor;
        }

        @Override protected Tensor forward(Tensor... in) { return inner.forward(in); }

        @Override protected Tensor[] backward(Tensor g, boolean[] needs) {
            Tensor[] r = inner.backward(g, needs);
            for (int i = 0; i < r.length; i++) {
                r[i] = r[i] == null ? null : r[i].mul(factor);
            }
            return r;
        }
    }

    static Stream<Arguments> ops() {
        Gen g = new Gen(3);
        return Stream.of(
                Arguments.of("exp", (Supplier<Op>) Exp::new, new Tensor[] {g.uniform(-1, 1, 2, 3)}),
                Arguments.of("tanh", (Supplier<Op>) Tanh::new, new Tensor[] {g.uniform(-1, 1, 17)}),
                Arguments.of("mul", (Supplier<Op>) Mul::new, new Tensor[] {g.uniform(-2, 2, 2, 3), g.uniform(-2, 2, 3)}),
                Arguments.of("matmul", (Supplier<Op>) MatMul::new, new Tensor[] {g.uniform(-1, 1, 2, 3),
                    g.uniform(-1, 1, 3, 4)}),
                Arguments.of("softmax", (Supplier<Op>) () -> new Softmax(-1), new Tensor[] {g.uniform(-2, 2, 2, 5)}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void wrongBackwardIsCaught(String name, Supplier<Op> op, Tensor[] inputs) {
        for (float factor : new float[] {1.01f, 1.05f, 0.99f}) {
            Function<Variable[], Variable> wrong = in -> new Scaled(op.get(), factor).apply(in);
            GradCheck.Result r = GradCheck.compare(name + " ×" + factor, wrong, Tolerance.DEFAULT, null, inputs);
            assertFalse(r.passed(), name + ": a backward scaled by " + factor + " passed the gradcheck");
            assertTrue(r.message().contains("numeric") && r.message().contains("analytic"), r.message());
        }
        Function<Variable[], Variable> right = in -> new Scaled(op.get(), 1f).apply(in);
        GradCheck.Result ok = GradCheck.compare(name, right, Tolerance.DEFAULT, null, inputs);
        assertTrue(ok.passed(), ok.message());
        AssertionError e = assertThrows(AssertionError.class, () -> GradCheck.check(name,
                in -> new Scaled(op.get(), 1.05f).apply(in), inputs));
        assertTrue(e.getMessage().startsWith("gradcheck " + name + ": input "), e.getMessage());
    }
}
