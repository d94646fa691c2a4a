package kiln.autograd.ops;

import kiln.autograd.Op;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * Base of the elementwise functions of one input: a subclass gives the value and the local derivative
 * {@code dy/dx} (from the input, the output, or both); backward is {@code g · dy/dx}. The same
 * derivative serves {@link BiasActivation}, so each activation's derivative is written once.
 */
public abstract class Pointwise extends Op {
    private Tensor x;
    private Tensor y;

    /** y = f(x). */
    protected abstract Tensor value(Tensor x);

    /** dy/dx elementwise; {@code x} is null when {@link #usesInput()} is false. */
    protected abstract Tensor derivative(Tensor x, Tensor y);

    /** False when the derivative is a function of the output alone (exp, tanh, sigmoid, relu...). */
    protected boolean usesInput() {
        return true;
    }

    /** The input gradient {@code g · dy/dx}; overridden where a fused form is cheaper (relu). */
    protected Tensor grad(Tensor g, Tensor x, Tensor y) {
        return g.mul(derivative(x, y));
    }

    @Override
    protected final Tensor forward(Tensor... in) {
        y = value(in[0]);
        x = usesInput() ? in[0] : null; // references only; the op is dropped unless recorded
        return y;
    }

    @Override
    protected final Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {needs[0] ? grad(g, x, y) : null};
    }

    /** A rank-0 constant on t's device. */
    static Tensor c(Tensor t, float v) {
        return t.scalarLike(v);
    }

    /**
     * The op computing {@code act} (with its one parameter {@code alpha}), for the activations the fused
     * bias-activation kernel supports.
     *
     * @throws IllegalArgumentException for an op with no derivative here (e.g. CLIP, which takes two bounds)
     */
    public static Pointwise of(UnaryOp act, float alpha) {
        return switch (act) {
            case NEG -> new Neg();
            case ABS -> new Abs();
            case EXP -> new Exp();
            case LOG -> new Log();
            case SQRT -> new Sqrt();
            case SQUARE -> new Square();
            case TANH -> new Tanh();
            case SIGMOID -> new Sigmoid();
            case RELU -> new Relu();
            case LEAKY_RELU -> new LeakyRelu(alpha);
            case ELU -> new Elu(alpha);
            case SELU -> new Selu();
            case SOFTPLUS -> new Softplus();
            case SOFTSIGN -> new Softsign();
            case SILU -> new Silu();
            case GELU -> new Gelu(false);
            case GELU_TANH -> new Gelu(true);
            case MISH -> new Mish();
            case HARD_SIGMOID -> new HardSigmoid();
            case HARD_SILU -> new HardSilu();
            default -> throw new IllegalArgumentException("no differentiable activation for UnaryOp." + act
                    + " (supported: the activations of Functions, e.g. RELU, SIGMOID, TANH, GELU)");
        };
    }
}
