package kiln.autograd;

import java.util.Arrays;
import java.util.function.Function;
import kiln.tensor.DType;
import kiln.tensor.Generator;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Checks analytic gradients against central finite differences, in float32 as the engine runs.
 *
 * <p>The scalar checked is {@code L = Σ f(x) · w} with fixed random weights w (seeded), so every output
 * element matters and a wrong gradient cannot cancel out in a plain sum. The analytic side is
 * {@code f(x).backward(w)}; the numeric side perturbs one input element at a time by ±eps (under
 * {@link NoGrad}) and takes {@code (L⁺ − L⁻) / (x⁺ − x⁻)}, with L accumulated in double and the actual
 * float32 step in the denominator.
 *
 * <pre>{@code
 * GradCheck.check("tanh", in -> in[0].tanh(), Tensor.of(new float[] {0.3f, -1.2f}, 2));   // passes silently
 * }</pre>
 *
 * <p>Inputs must lie away from kinks (relu at 0, abs at 0, clip at its bounds, ties of max) by more than
 * eps, or the finite difference straddles the kink and disagrees legitimately.
 */
public final class GradCheck {

    /**
     * Step and tolerance: a coordinate passes when {@code |numeric − analytic| <= atol + rtol·|numeric|}.
     *
     * <p>Why the defaults: float32 values carry a relative rounding error of ~6e-8 per op, so L (a sum of
     * ~100 terms of order 1) is off by ~1e-6; divided by the step 2·eps = 2e-2 that is ~5e-5 in the
     * numeric derivative. The central difference's truncation error is eps²·f'''/6 ≈ 2e-5·f'''. Both sit
     * well below atol = 5e-4 and rtol = 5e-3, while a backward off by 1% (rtol 1e-2 on gradients of order
     * one) is caught — see the teeth test.
     */
    public record Tolerance(double eps, double rtol, double atol) {
        public static final Tolerance DEFAULT = new Tolerance(1e-2, 5e-3, 5e-4);

        /** This tolerance with relative and absolute parts scaled by {@code factor} (a documented loosening). */
        public Tolerance loosened(double factor) {
            return new Tolerance(eps, rtol * factor, atol * factor);
        }
    }

    /** The outcome; {@code message} says what failed (empty when passed). */
    public record Result(boolean passed, String message) {}

    private GradCheck() {}

    /**
     * Checks every float32 input with the default tolerance.
     *
     * @throws AssertionError naming the label, input, coordinate, and both values on the first mismatch
     */
    public static void check(String label, Function<Variable[], Variable> f, Tensor... inputs) {
        check(label, f, Tolerance.DEFAULT, null, inputs);
    }

    /** Checks the inputs marked in {@code wrt} (null: every float32 input). */
    public static void check(String label, Function<Variable[], Variable> f, Tolerance tol, boolean[] wrt,
            Tensor... inputs) {
        Result r = compare(label, f, tol, wrt, inputs);
        if (!r.passed()) {
            throw new AssertionError(r.message());
        }
    }

    /** As {@link #check}, returning the result instead of throwing. */
    public static Result compare(String label, Function<Variable[], Variable> f, Tolerance tol, boolean[] wrt,
            Tensor... inputs) {
        boolean[] diff = new boolean[inputs.length];
        Variable[] vars = new Variable[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            diff[i] = inputs[i].dtype() == DType.FLOAT32 && (wrt == null || wrt[i]);
            vars[i] = new Variable(inputs[i], diff[i], "input" + i);
        }
        Variable out = f.apply(vars);
        Tensor w = Tensor.normal(new Generator(1234), 0f, 1f, out.value().dims()).to(out.value().device());
        if (out.requiresGrad()) {
            out.backward(w);
        }
        float[] weights = w.toFloatArray();
        for (int i = 0; i < inputs.length; i++) {
            if (!diff[i]) {
                continue;
            }
            Tensor g = vars[i].grad();
            if (g != null && !g.shape().equals(inputs[i].shape())) {
                return new Result(false, "gradcheck " + label + ": input " + i + " has shape " + inputs[i].shape()
                        + " but its gradient has shape " + g.shape());
            }
            float[] analytic = g == null ? new float[inputs[i].size()] : g.toFloatArray();
            float[] x = inputs[i].toFloatArray();
            for (int j = 0; j < x.length; j++) {
                double numeric = numeric(f, inputs, i, x, j, tol.eps(), weights);
                double err = Math.abs(numeric - analytic[j]);
                double bound = tol.atol() + tol.rtol() * Math.abs(numeric);
                if (!(err <= bound)) {
                    return new Result(false, String.format(
                            "gradcheck %s: input %d of shape %s at %s (x = %s): numeric %.6g vs analytic %.6g "
                                    + "(|diff| %.3g > %.3g = atol %.1g + rtol %.1g·|numeric|)%s",
                            label, i, inputs[i].shape(), Arrays.toString(coordinate(inputs[i].shape(), j)), x[j],
                            numeric, analytic[j], err, bound, tol.atol(), tol.rtol(),
                            g == null ? " — no gradient reached this input" : ""));
                }
            }
        }
        return new Result(true, "");
    }

    private static double numeric(Function<Variable[], Variable> f, Tensor[] inputs, int which, float[] x, int j,
            double eps, float[] weights) {
        float saved = x[j];
        float plus = (float) (saved + eps);
        float minus = (float) (saved - eps);
        x[j] = plus;
        double lPlus = evaluate(f, inputs, which, x, weights);
        x[j] = minus;
        double lMinus = evaluate(f, inputs, which, x, weights);
        x[j] = saved;
        return (lPlus - lMinus) / ((double) plus - minus);
    }

    private static double evaluate(Function<Variable[], Variable> f, Tensor[] inputs, int which, float[] x,
            float[] weights) {
        Variable[] vars = new Variable[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = i == which ? Tensor.of(x, inputs[i].dims()).to(inputs[i].device()) : inputs[i];
            vars[i] = Variable.constant(t);
        }
        float[] y;
        try (var _ = NoGrad.enter()) {
            y = f.apply(vars).value().toFloatArray();
        }
        double l = 0;
        for (int k = 0; k < y.length; k++) {
            l += (double) y[k] * weights[k];
        }
        return l;
    }

    private static int[] coordinate(Shape shape, int flat) {
        int[] c = new int[shape.rank()];
        for (int a = shape.rank() - 1; a >= 0; a--) {
            c[a] = flat % shape.dim(a);
            flat /= shape.dim(a);
        }
        return c;
    }
}
