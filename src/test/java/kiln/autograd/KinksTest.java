package kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.function.Function;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The conventions chosen where a derivative is undefined (TensorFlow/Keras's, see each op's Javadoc). */
class KinksTest {

    private static float[] grad(Function<Variable, Variable> f, float... x) {
        Variable v = new Variable(Tensor.of(x, x.length), true);
        f.apply(v).sum().backward();
        return v.grad().toFloatArray();
    }

    @Test
    void reluPassesNothingAtZero() {
        assertArrayEquals(new float[] {0, 0, 1}, grad(Variable::relu, -1, 0, 1));
    }

    @Test
    void absHasZeroDerivativeAtZero() {
        assertArrayEquals(new float[] {-1, 0, 1}, grad(Variable::abs, -1, 0, 1));
    }

    @Test
    void leakyReluAndEluTakeTheLeftBranchAtZero() {
        assertArrayEquals(new float[] {0.2f, 0.2f, 1}, grad(x -> x.leakyRelu(0.2f), -1, 0, 1));
        assertArrayEquals(new float[] {0.5f, 1}, grad(x -> x.elu(0.5f), 0, 1), 1e-6f);
    }

    @Test
    void clipPassesTheGradientAtItsBounds() {
        assertArrayEquals(new float[] {0, 1, 1, 1, 0}, grad(x -> x.clip(-1, 1), -2, -1, 0, 1, 2));
    }

    @Test
    void hardSigmoidIsFlatAtPlusMinusThree() {
        assertArrayEquals(new float[] {0, 0, 1f / 6, 0, 0}, grad(Variable::hardSigmoid, -4, -3, 0, 3, 4), 1e-7f);
    }

    @Test
    void maximumAndMinimumGiveTiesToTheFirstArgument() {
        Variable a = new Variable(Tensor.of(new float[] {1, 2, 3}, 3), true);
        Variable b = new Variable(Tensor.of(new float[] {2, 2, 2}, 3), true);
        a.maximum(b).sum().backward();
        assertArrayEquals(new float[] {0, 1, 1}, a.grad().toFloatArray());
        assertArrayEquals(new float[] {1, 0, 0}, b.grad().toFloatArray());
        a.zeroGrad();
        b.zeroGrad();
        a.minimum(b).sum().backward();
        assertArrayEquals(new float[] {1, 1, 0}, a.grad().toFloatArray());
        assertArrayEquals(new float[] {0, 0, 1}, b.grad().toFloatArray());
    }

    @Test
    void maxAndMinAlongAxesSplitTiesEvenly() {
        assertArrayEquals(new float[] {0, 0.5f, 0.5f}, grad(x -> x.max(null, false), 1, 3, 3));
        assertArrayEquals(new float[] {1f / 3, 1f / 3, 1f / 3}, grad(x -> x.min(null, false), 2, 2, 2), 1e-7f);
        Variable m = new Variable(Tensor.of(new float[] {5, 1, 5, 0, 7, 7}, 2, 3), true);
        m.max(new int[] {1}, true).sum().backward();
        assertArrayEquals(new float[] {0.5f, 0, 0.5f, 0, 0.5f, 0.5f}, m.grad().toFloatArray());
    }
}
