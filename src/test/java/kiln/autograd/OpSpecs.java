package kiln.autograd;

import static kiln.autograd.Functions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import kiln.autograd.GradCheck.Tolerance;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * One spec per registered op (several variants for parameterised ones): the function, an independent
 * double-precision forward reference, seeded sample inputs over small shapes — (), (1), (3), (2,3),
 * (2,1,4), broadcasting pairs, and 15 / 17 / 9 elements to hit SIMD tails (16 and 8 lanes) — and the gradcheck tolerance.
 * {@link OpSweepTest} runs them all; a registry op with no spec fails the sweep.
 */
final class OpSpecs {
    /** Inputs of one case; {@code wrt[i]} false marks data inputs (labels, masks) that are not gradchecked. */
    record Sample(String label, Tensor[] inputs, boolean[] wrt) {}

    /** {@code ref} null: no cheap reference (the gradcheck still runs). */
    record OpSpec(String op, String variant, Function<Variable[], Variable> fn, Function<DArray[], DArray> ref,
            List<Sample> samples, Tolerance tol, double forwardRtol) {}

    /** Forward tolerance vs the double reference: float32 kernels, a few ulps (1 ulp ≈ 6e-8). */
    static final double FORWARD_RTOL = 2e-5;

    static final int[][] UNARY_SHAPES = {{}, {1}, {3}, {2, 3}, {2, 1, 4}, {15}, {17}, {2, 9}};
    static final int[][][] PAIRS = {
        {{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{3}, {2, 3}}, {{2, 1}, {1, 4}}, {{}, {2, 3}}, {{2, 1, 4}, {4}},
        {{17}, {17}}, {{1}, {3}}};
    private static final double MARGIN = 0.05; // > eps (1e-2): finite differences never straddle a kink

    private OpSpecs() {}

    static List<OpSpec> all() {
        List<OpSpec> s = new ArrayList<>();
        unaries(s);
        binaries(s);
        reductions(s);
        shapes(s);
        nn(s);
        return s;
    }

    // ---------------------------------------------------------------- elementwise

    private static void unaries(List<OpSpec> s) {
        double[] none = {};
        double[] zero = {0};
        unary(s, "neg", Functions::neg, x -> -x, -2, 2, none);
        unary(s, "abs", Functions::abs, Math::abs, -2, 2, zero);
        unary(s, "exp", Functions::exp, Math::exp, -2, 2, none);
        unary(s, "log", Functions::log, Math::log, 0.2, 3, none);
        unary(s, "sqrt", Functions::sqrt, Math::sqrt, 0.2, 3, none);
        unary(s, "square", Functions::square, x -> x * x, -2, 2, none);
        unary(s, "clip", x -> clip(x, -0.5f, 0.7f), x -> Math.min(Math.max(x, -0.5), 0.7), -1.5, 1.5,
                new double[] {-0.5, 0.7});
        unary(s, "tanh", Functions::tanh, Math::tanh, -3, 3, none);
        unary(s, "sigmoid", Functions::sigmoid, OpSpecs::sigmoid, -4, 4, none);
        unary(s, "relu", Functions::relu, x -> Math.max(x, 0), -2, 2, zero);
        unary(s, "leaky_relu", x -> leakyRelu(x, 0.2f), x -> x > 0 ? x : 0.2 * x, -2, 2, zero);
        unary(s, "elu", x -> elu(x, 1.3f), x -> x > 0 ? x : 1.3 * Math.expm1(x), -2, 2, zero);
        unary(s, "selu", Functions::selu, OpSpecs::selu, -2, 2, zero);
        unary(s, "softplus", Functions::softplus, x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), -4, 4, none);
        unary(s, "softsign", Functions::softsign, x -> x / (1 + Math.abs(x)), -3, 3, zero);
        unary(s, "silu", Functions::silu, x -> x * sigmoid(x), -3, 3, none);
        unary(s, "gelu", x -> gelu(x, false), x -> 0.5 * x * (1 + erf(x / Math.sqrt(2))), -3, 3, none);
        unary(s, "gelu_tanh", x -> gelu(x, true), OpSpecs::geluTanh, -3, 3, none);
        unary(s, "mish", Functions::mish, x -> x * Math.tanh(Math.log1p(Math.exp(x))), -3, 3, none);
        unary(s, "hard_sigmoid", Functions::hardSigmoid, OpSpecs::hardSigmoid, -4, 4, new double[] {-3, 3});
        unary(s, "hard_silu", Functions::hardSilu, x -> x * hardSigmoid(x), -4, 4, new double[] {-3, 3});
    }

    private static void unary(List<OpSpec> s, String op, Function<Variable, Variable> f, DoubleUnaryOperator ref,
            double lo, double hi, double[] kinks) {
        Gen g = new Gen(op.hashCode());
        List<Sample> samples = new ArrayList<>();
        for (int[] dims : UNARY_SHAPES) {
            samples.add(sample(Shape.of(dims).toString(), g.away(lo, hi, kinks, MARGIN, dims)));
        }
        s.add(new OpSpec(op, "", in -> f.apply(in[0]), in -> in[0].map(ref), samples, Tolerance.DEFAULT, FORWARD_RTOL));
    }

    // ---------------------------------------------------------------- binary

    private interface Draw {
        Tensor draw(Gen g, int[] dims);
    }

    private static void binaries(List<OpSpec> s) {
        Draw any = (g, d) -> g.uniform(-2, 2, d);
        binary(s, "add", Functions::add, Double::sum, any, any);
        binary(s, "sub", Functions::sub, (a, b) -> a - b, any, any);
        binary(s, "mul", Functions::mul, (a, b) -> a * b, any, any);
        binary(s, "div", Functions::div, (a, b) -> a / b, any, (g, d) -> g.signedMagnitude(0.5, 2, d));
        binary(s, "pow", Functions::pow, Math::pow, (g, d) -> g.uniform(0.5, 2, d), (g, d) -> g.uniform(-1.5, 1.5, d));
        binary(s, "maximum", Functions::maximum, Math::max, (g, d) -> g.grid(0, d), (g, d) -> g.grid(0.1, d));
        binary(s, "minimum", Functions::minimum, Math::min, (g, d) -> g.grid(0, d), (g, d) -> g.grid(0.1, d));

        Gen g = new Gen(7);
        List<Sample> where = new ArrayList<>();
        for (int[][] p : PAIRS) {
            int[] out = DArray.broadcast(p[0], p[1]);
            where.add(new Sample(label(p[0], p[1]), new Tensor[] {g.uniform(-2, 2, p[0]), g.uniform(-2, 2, p[1]),
                g.bits(out)}, new boolean[] {true, true, false}));
        }
        s.add(new OpSpec("where", "", in -> where(in[2].value(), in[0], in[1]),
                in -> DArray.where(in[2], in[0], in[1]), where, Tolerance.DEFAULT, FORWARD_RTOL));

        List<Sample> masks = new ArrayList<>();
        int[][][] maskPairs = {{{2, 3}, {2, 3}}, {{2, 3}, {1, 3}}, {{17}, {17}}, {{2, 1, 4}, {2, 1, 4}}};
        for (int[][] p : maskPairs) {
            masks.add(new Sample(label(p[0], p[1]), new Tensor[] {g.uniform(-2, 2, p[0]), g.bits(p[1]).mul(1f / 0.7f)},
                    new boolean[] {true, false}));
        }
        s.add(new OpSpec("dropout_mask", "", in -> maskMul(in[0], in[1].value()),
                in -> DArray.zip(in[0], in[1], (a, b) -> a * b), masks, Tolerance.DEFAULT, FORWARD_RTOL));
    }

    private static void binary(List<OpSpec> s, String op, java.util.function.BinaryOperator<Variable> f,
            DoubleBinaryOperator ref, Draw da, Draw db) {
        Gen g = new Gen(op.hashCode());
        List<Sample> samples = new ArrayList<>();
        for (int[][] p : PAIRS) {
            samples.add(sample(label(p[0], p[1]), da.draw(g, p[0]), db.draw(g, p[1])));
        }
        s.add(new OpSpec(op, "", in -> f.apply(in[0], in[1]), in -> DArray.zip(in[0], in[1], ref), samples,
                Tolerance.DEFAULT, FORWARD_RTOL));
    }

    // ---------------------------------------------------------------- reductions, matmul

    private static void reductions(List<OpSpec> s) {
        Object[][] variants = {
            {null, false, new int[][] {{}, {3}, {2, 3}, {2, 1, 4}, {17}}},
            {new int[] {0}, false, new int[][] {{3}, {2, 3}, {2, 1, 4}, {3, 17}}},
            {new int[] {-1}, true, new int[][] {{3}, {2, 3}, {2, 1, 4}}},
            {new int[] {0, 2}, false, new int[][] {{2, 1, 4}, {2, 3, 5}}}};
        for (Object[] v : variants) {
            int[] axes = (int[]) v[0];
            boolean keep = (Boolean) v[1];
            int[][] shapes = (int[][]) v[2];
            String variant = "axes=" + (axes == null ? "all" : java.util.Arrays.toString(axes)) + " keepdims=" + keep;
            reduction(s, "sum", variant, x -> sum(x, axes, keep), axes, keep, "sum", shapes, false);
            reduction(s, "mean", variant, x -> mean(x, axes, keep), axes, keep, "mean", shapes, false);
            reduction(s, "max", variant, x -> max(x, axes, keep), axes, keep, "max", shapes, true);
            reduction(s, "min", variant, x -> min(x, axes, keep), axes, keep, "min", shapes, true);
            reduction(s, "log_sum_exp", variant, x -> logSumExp(x, axes, keep), axes, keep, "lse", shapes, false);
        }
        Gen g = new Gen(11);
        int[][][] mm = {
            {{2, 3}, {3, 4}}, {{3}, {3, 2}}, {{2, 3}, {3}}, {{3}, {3}}, {{2, 2, 3}, {3, 4}}, {{2, 2, 3}, {2, 3, 2}},
            {{2, 2, 3}, {1, 3, 2}}, {{3}, {2, 3, 2}}, {{9, 17}, {17, 9}}};
        List<Sample> samples = new ArrayList<>();
        for (int[][] p : mm) {
            samples.add(sample(label(p[0], p[1]), g.uniform(-1, 1, p[0]), g.uniform(-1, 1, p[1])));
        }
        s.add(new OpSpec("matmul", "", in -> matmul(in[0], in[1]), in -> DArray.matmul(in[0], in[1]), samples,
                Tolerance.DEFAULT, FORWARD_RTOL));
    }

    private static void reduction(List<OpSpec> s, String op, String variant, Function<Variable, Variable> f, int[] axes,
            boolean keep, String kind, int[][] shapes, boolean distinct) {
        Gen g = new Gen((op + variant).hashCode());
        List<Sample> samples = new ArrayList<>();
        for (int[] dims : shapes) {
            samples.add(sample(Shape.of(dims).toString(), distinct ? g.distinct(dims) : g.uniform(-2, 2, dims)));
        }
        s.add(new OpSpec(op, variant, in -> f.apply(in[0]), in -> in[0].reduce(axes, keep, kind), samples,
                Tolerance.DEFAULT, FORWARD_RTOL));
    }

    // ---------------------------------------------------------------- shapes and indexing

    private static void shapes(List<OpSpec> s) {
        Gen g = new Gen(13);
        s.add(new OpSpec("reshape", "(2,3)->(3,2)", in -> reshape(in[0], 3, 2), in -> in[0].reshape(3, 2),
                List.of(sample("[2, 3]", g.uniform(-1, 1, 2, 3))), Tolerance.DEFAULT, 0));
        s.add(new OpSpec("reshape", "->(-1)", in -> reshape(in[0], -1), in -> in[0].reshape(-1),
                List.of(sample("[2, 1, 4]", g.uniform(-1, 1, 2, 1, 4)), sample("[]", g.uniform(-1, 1)),
                        sample("[17]", g.uniform(-1, 1, 17))), Tolerance.DEFAULT, 0));
        s.add(new OpSpec("transpose", "swap 0,1", in -> transpose(in[0], 0, 1), in -> in[0].permute(1, 0),
                List.of(sample("[2, 3]", g.uniform(-1, 1, 2, 3)), sample("[9, 2]", g.uniform(-1, 1, 9, 2))),
                Tolerance.DEFAULT, 0));
        s.add(new OpSpec("transpose", "perm 2,0,1", in -> permute(in[0], 2, 0, 1), in -> in[0].permute(2, 0, 1),
                List.of(sample("[2, 1, 4]", g.uniform(-1, 1, 2, 1, 4)), sample("[2, 3, 5]", g.uniform(-1, 1, 2, 3, 5))),
                Tolerance.DEFAULT, 0));
        s.add(new OpSpec("slice", "axis 0 [1:4]", in -> slice(in[0], 0, 1, 4), in -> in[0].slice(0, 1, 4),
                List.of(sample("[5]", g.uniform(-1, 1, 5)), sample("[4, 3]", g.uniform(-1, 1, 4, 3))),
                Tolerance.DEFAULT, 0));
        s.add(new OpSpec("slice", "axis -1 [-3:-1]", in -> slice(in[0], -1, -3, -1),
                in -> in[0].slice(in[0].shape.length - 1, in[0].shape[in[0].shape.length - 1] - 3,
                        in[0].shape[in[0].shape.length - 1] - 1),
                List.of(sample("[2, 5]", g.uniform(-1, 1, 2, 5)), sample("[2, 1, 17]", g.uniform(-1, 1, 2, 1, 17))),
                Tolerance.DEFAULT, 0));
        s.add(new OpSpec("concat", "axis 1", in -> concat(1, in), in -> DArray.concat(1, in),
                List.of(sample("[2, 3]+[2, 1]", g.uniform(-1, 1, 2, 3), g.uniform(-1, 1, 2, 1)),
                        sample("[2, 1, 4]+[2, 2, 4]+[2, 1, 4]", g.uniform(-1, 1, 2, 1, 4), g.uniform(-1, 1, 2, 2, 4),
                                g.uniform(-1, 1, 2, 1, 4))), Tolerance.DEFAULT, 0));
        s.add(new OpSpec("concat", "axis 0", in -> concat(0, in), in -> DArray.concat(0, in),
                List.of(sample("[3]+[4]", g.uniform(-1, 1, 3), g.uniform(-1, 1, 4)),
                        sample("[1, 3]+[2, 3]", g.uniform(-1, 1, 1, 3), g.uniform(-1, 1, 2, 3))), Tolerance.DEFAULT, 0));
        int[][][] bc = {{{3}, {2, 3}}, {{2, 1}, {2, 4}}, {{}, {3}}, {{1, 4}, {2, 3, 4}}, {{17}, {2, 17}}};
        for (int[][] p : bc) {
            s.add(new OpSpec("broadcast_to", "to " + Shape.of(p[1]), in -> broadcastTo(in[0], Shape.of(p[1])),
                    in -> in[0].broadcastTo(p[1]), List.of(sample(Shape.of(p[0]).toString(), g.uniform(-1, 1, p[0]))),
                    Tolerance.DEFAULT, 0));
        }
        s.add(new OpSpec("gather", "axis 0", in -> gather(in[0], in[1].value(), 0), in -> in[0].take(in[1], 0),
                List.of(sample("[5, 3] at [4, 0, 4, 1]", g.uniform(-1, 1, 5, 3), Tensor.ofInts(new int[] {4, 0, 4, 1}, 4)),
                        sample("[6] at [5, 5, 5]", g.uniform(-1, 1, 6), Tensor.ofInts(new int[] {5, 5, 5}, 3))),
                Tolerance.DEFAULT, 0));
        s.add(new OpSpec("gather", "axis 1", in -> gather(in[0], in[1].value(), 1), in -> in[0].take(in[1], 1),
                List.of(sample("[2, 5] at [[1, 3], [3, 0]]", g.uniform(-1, 1, 2, 5),
                        Tensor.ofInts(new int[] {1, 3, 3, 0}, 2, 2)),
                        sample("[2, 17, 3] at [16, 0]", g.uniform(-1, 1, 2, 17, 3), Tensor.ofInts(new int[] {16, 0}, 2))),
                Tolerance.DEFAULT, 0));
    }

    // ---------------------------------------------------------------- softmax, losses, fused dense tail

    private static void nn(List<OpSpec> s) {
        int[][] softShapes = {{3}, {2, 3}, {2, 1, 4}, {2, 17}};
        for (int axis : new int[] {-1, 0}) {
            Gen g = new Gen(17 + axis);
            List<Sample> samples = new ArrayList<>();
            for (int[] d : softShapes) {
                samples.add(sample(Shape.of(d).toString(), g.uniform(-3, 3, d)));
            }
            s.add(new OpSpec("softmax", "axis " + axis, in -> softmax(in[0], axis), in -> in[0].softmax(axis, false),
                    samples, Tolerance.DEFAULT, FORWARD_RTOL));
            s.add(new OpSpec("log_softmax", "axis " + axis, in -> logSoftmax(in[0], axis),
                    in -> in[0].softmax(axis, true), samples, Tolerance.DEFAULT, FORWARD_RTOL));
        }
        Gen g = new Gen(19);
        List<Sample> sparse = new ArrayList<>();
        for (int[] nc : new int[][] {{1, 1}, {2, 3}, {4, 5}, {3, 17}}) {
            sparse.add(new Sample(Shape.of(nc) + " sparse", new Tensor[] {g.uniform(-3, 3, nc), g.labels(nc[0], nc[1])},
                    new boolean[] {true, false}));
        }
        for (int[] nc : new int[][] {{2, 3}, {4, 5}, {1, 17}}) {
            sparse.add(new Sample(Shape.of(nc) + " dense", new Tensor[] {g.uniform(-3, 3, nc),
                g.distributions(nc[0], nc[1])}, new boolean[] {true, false}));
        }
        s.add(new OpSpec("softmax_cross_entropy", "per sample", in -> softmaxCrossEntropyPerSample(in[0], in[1].value()),
                OpSpecs::crossEntropyRef, sparse, Tolerance.DEFAULT, FORWARD_RTOL));
        sparseCrossEntropy(s, g);

        Object[][] acts = {
            {null, "linear", new double[0]}, {UnaryOp.RELU, "relu", new double[] {0}},
            {UnaryOp.SIGMOID, "sigmoid", new double[0]}, {UnaryOp.TANH, "tanh", new double[0]},
            {UnaryOp.GELU, "gelu", new double[0]}, {UnaryOp.LEAKY_RELU, "leaky_relu", new double[] {0}},
            {UnaryOp.ELU, "elu", new double[] {0}}, {UnaryOp.SOFTPLUS, "softplus", new double[0]},
            {UnaryOp.SILU, "silu", new double[0]}, {UnaryOp.HARD_SIGMOID, "hard_sigmoid", new double[] {-3, 3}}};
        for (Object[] a : acts) {
            UnaryOp act = (UnaryOp) a[0];
            DoubleUnaryOperator ref = activationRef((String) a[1]);
            double[] kinks = (double[]) a[2];
            List<Sample> samples = new ArrayList<>();
            for (int[][] p : new int[][][] {{{2, 3}, {3}}, {{2, 1, 4}, {4}}, {{4, 17}, {17}}, {{5}, {5}}}) {
                // x stays 0.3 from a kink and |bias| < 0.1, so x + bias keeps 0.2 away
                samples.add(sample(label(p[0], p[1]), g.away(-4, 4, kinks, 0.3, p[0]), g.uniform(-0.1, 0.1, p[1])));
            }
            s.add(new OpSpec("bias_activation", (String) a[1], in -> biasActivation(in[0], in[1], act, 0.3f),
                    in -> DArray.zip(in[0], in[1], Double::sum).map(ref), samples, Tolerance.DEFAULT, FORWARD_RTOL));
        }
    }

    /**
     * From logits and from (unnormalised) probabilities; int32 and float32 labels; a leading axis; ignore_class -1
     * in some rows (their loss and gradient are 0, which the finite differences also see).
     */
    private static void sparseCrossEntropy(List<OpSpec> s, Gen g) {
        for (boolean fromLogits : new boolean[] {true, false}) {
            List<Sample> samples = new ArrayList<>();
            for (int[] d : new int[][] {{1, 1}, {2, 3}, {4, 5}, {3, 17}}) {
                int c = d[d.length - 1];
                int n = DArray.size(d) / c;
                // p ≥ 0.2: −log p curves as 2/p³, which the finite differences' step (1e-2) must not see
                Tensor pred = fromLogits ? g.uniform(-3, 3, d) : g.uniform(0.2, 1, d);
                Tensor ids = g.labels(n, c).reshape(java.util.Arrays.copyOf(d, d.length - 1));
                samples.add(new Sample(Shape.of(d) + " int32", new Tensor[] {pred, ids}, new boolean[] {true, false}));
                samples.add(new Sample(Shape.of(d) + " float32", new Tensor[] {pred, ids.toFloat()},
                        new boolean[] {true, false}));
                int[] withIgnored = ids.toIntArray();
                withIgnored[0] = -1;
                samples.add(new Sample(Shape.of(d) + " ignore_class -1",
                        new Tensor[] {pred, Tensor.ofInts(withIgnored, ids.shape().dims())}, new boolean[] {true, false}));
            }
            // ignore_class applies to every sample; labels without a -1 are unaffected by it
            s.add(new OpSpec("sparse_cross_entropy", fromLogits ? "from logits" : "from probabilities",
                    in -> sparseCrossEntropyPerSample(in[0], in[1].value(), fromLogits, 1e-7f, -1),
                    in -> sparseCrossEntropyRef(in, fromLogits), samples, Tolerance.DEFAULT, FORWARD_RTOL));
        }
    }

    /** −log softmax(z)[l], or −log clip(p[l] / Σp, 1e-7, 1 − 1e-7); 0 where l = −1. */
    private static DArray sparseCrossEntropyRef(DArray[] in, boolean fromLogits) {
        int c = in[0].shape[in[0].shape.length - 1];
        int n = in[0].data.length / c;
        DArray logp = fromLogits ? new DArray(new int[] {n, c}, in[0].data).softmax(-1, true) : null;
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            int l = (int) in[1].data[i];
            if (l == -1) {
                continue;
            }
            if (fromLogits) {
                loss[i] = -logp.data[i * c + l];
            } else {
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    sum += in[0].data[i * c + j];
                }
                loss[i] = -Math.log(Math.min(Math.max(in[0].data[i * c + l] / sum, 1e-7), 1 - 1e-7));
            }
        }
        return new DArray(java.util.Arrays.copyOf(in[0].shape, in[0].shape.length - 1), loss);
    }

    private static DArray crossEntropyRef(DArray[] in) {
        DArray logp = in[0].softmax(-1, true);
        int n = in[0].shape[0];
        int c = in[0].shape[1];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double t = in[1].shape.length == 1 ? (in[1].data[i] == j ? 1 : 0) : in[1].data[i * c + j];
                loss[i] -= t * logp.data[i * c + j];
            }
        }
        return new DArray(new int[] {n}, loss);
    }

    private static DoubleUnaryOperator activationRef(String name) {
        return switch (name) {
            case "linear" -> x -> x;
            case "relu" -> x -> Math.max(x, 0);
            case "sigmoid" -> OpSpecs::sigmoid;
            case "tanh" -> Math::tanh;
            case "gelu" -> x -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case "leaky_relu" -> x -> x > 0 ? x : 0.3 * x;
            case "elu" -> x -> x > 0 ? x : 0.3 * Math.expm1(x);
            case "softplus" -> x -> Math.log1p(Math.exp(x));
            case "silu" -> x -> x * sigmoid(x);
            case "hard_sigmoid" -> OpSpecs::hardSigmoid;
            default -> throw new IllegalArgumentException(name);
        };
    }

    // ---------------------------------------------------------------- double references and helpers

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double selu(double x) {
        return 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * Math.expm1(x));
    }

    static double hardSigmoid(double x) {
        return Math.min(Math.max(x + 3, 0), 6) / 6;
    }

    static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    /** erf by its Maclaurin series: exact to ~1e-14 for |x| ≤ 3, the range the samples use. */
    static double erf(double x) {
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    private static Sample sample(String label, Tensor... inputs) {
        boolean[] wrt = new boolean[inputs.length];
        java.util.Arrays.fill(wrt, true);
        return new Sample(label, inputs, wrt);
    }

    private static String label(int[] a, int[] b) {
        return Shape.of(a) + " & " + Shape.of(b);
    }
}
