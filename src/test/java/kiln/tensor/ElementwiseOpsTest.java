package kiln.tensor;

import static kiln.tensor.Approx.assertClose;
import static kiln.tensor.Approx.assertIae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every unary and binary op through the Tensor API against the double-precision formulas of {@link RefMath}. */
class ElementwiseOpsTest {
    /** Lengths around 8- and 16-lane vectors, so full vectors and every tail length are exercised. */
    static final int[] LENGTHS = {1, 15, 16, 17, 31, 33, 1000};
    private static final double ULP = 0x1.0p-23; // one float ulp relative to 1

    /** Parameters, input range and tolerance of one op. Tolerances are relative to the double reference. */
    record Spec(float alpha, float beta, double lo, double hi, double rtol, double atol) {}

    static Spec spec(UnaryOp op) {
        return switch (op) {
            // One float rounding of an exactly computable value: half an ulp, allow one.
            case NEG, ABS, SIGN, RELU, SQUARE, RECIPROCAL, FLOOR, CEIL, ROUND, NOT_FINITE ->
                    new Spec(0, 0, -6, 6, ULP, 0);
            case SQRT, RSQRT -> new Spec(0, 0, 0.01, 10, ULP, 0);
            case LOG -> new Spec(0, 0, 0.01, 10, 4 * ULP, 1e-7); // Vector API LOG: within a few ulp; log(x≈1)≈0 needs an atol
            case EXP -> new Spec(0, 0, -6, 6, 4 * ULP, 0); // Vector API EXP: within a few ulp
            case TANH -> new Spec(0, 0, -6, 6, 4 * ULP, 0);
            case SIN, COS -> new Spec(0, 0, -6, 6, ULP, 1e-7); // scalar Math.sin/cos rounded once; atol near the zeros
            // Vector form 1/(1+exp(-x)) in float: exp's few ulp plus two roundings (×x for silu).
            case SIGMOID -> new Spec(0, 0, -6, 6, 8 * ULP, 0);
            case SILU -> new Spec(0, 0, -6, 6, 8 * ULP, 0);
            case LEAKY_RELU -> new Spec(0.2f, 0, -6, 6, ULP, 0);
            case ELU -> new Spec(1.3f, 0, -6, 6, 2 * ULP, 0); // expm1 rounded to float, then ×alpha
            case SELU -> new Spec(0, 0, -6, 6, 4 * ULP, 0); // constants rounded to float plus three roundings
            case SOFTPLUS -> new Spec(0, 0, -20, 20, ULP, 0); // computed in double, rounded once
            case SOFTSIGN -> new Spec(0, 0, -6, 6, 2 * ULP, 0);
            case GELU -> new Spec(0, 0, -6, 6, ULP, 1e-12); // in double; atol for our Simpson reference
            // Computed in float: 1+tanh cancels for x < 0, losing ~6e-8 absolute in (1+tanh), i.e. 0.5·|x|·6e-8 ≤ 2e-7.
            case GELU_TANH -> new Spec(0, 0, -6, 6, 8 * ULP, 2e-7);
            case MISH -> new Spec(0, 0, -6, 6, 4 * ULP, 0);
            case HARD_SIGMOID -> new Spec(0, 0, -6, 6, 2 * ULP, 0); // (x+3) then /6
            case HARD_SILU -> new Spec(0, 0, -6, 6, 3 * ULP, 0);
            case ERF -> new Spec(0, 0, -4, 4, ULP, 1e-11); // atol: the Simpson reference
            case CLIP -> new Spec(-0.5f, 0.7f, -2, 2, 0, 0);
            case ADD_SCALAR -> new Spec(1.5f, 0, -6, 6, ULP / 2, 0);
            case MUL_SCALAR -> new Spec(-2.5f, 0, -6, 6, ULP / 2, 0);
            case POW_SCALAR -> new Spec(3f, 0, -6, 6, ULP, 0);
        };
    }

    static Stream<Arguments> unaryCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (UnaryOp op : UnaryOp.values()) {
            for (int n : LENGTHS) {
                b.add(Arguments.of(op, n));
            }
        }
        return b.build();
    }

    private static double[] reference(UnaryOp op, Spec s, float[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = RefMath.unary(op, x[i], s.alpha, s.beta);
        }
        return r;
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("unaryCases")
    void unaryContiguousMatchesReference(UnaryOp op, int n) {
        Spec s = spec(op);
        float[] x = Approx.uniform(op.ordinal() * 1000L + n, n, s.lo, s.hi);
        if (n >= 17 && s.lo < 0) { // the kinks and special points, inside the vector body
            x[0] = 0f;
            x[1] = -0f;
            x[2] = -3f;
            x[3] = 3f;
            x[4] = 1f;
            x[5] = -1f;
            x[6] = 0.5f;
            x[7] = -0.5f;
        }
        Tensor t = Tensor.of(x, n);
        float[] y = t.unary(op, s.alpha, s.beta).toFloatArray();
        assertClose(op + " n=" + n, reference(op, s, x), y, s.rtol, s.atol);
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryStridedAndTransposed(UnaryOp op) {
        Spec s = spec(op);
        // (33, 5) transposed to (5, 33): every row is strided; out= a transposed view too.
        Tensor base = Tensor.of(Approx.uniform(op.ordinal(), 33 * 5, s.lo, s.hi), 33, 5);
        Tensor x = base.t();
        float[] xv = x.toFloatArray();
        double[] ref = reference(op, s, xv);
        assertClose(op + " transposed input", ref, x.unary(op, s.alpha, s.beta).toFloatArray(), s.rtol, s.atol);
        Tensor out = Tensor.zeros(33, 5).t();
        Tensor r = x.unary(op, s.alpha, s.beta, out);
        assertSame(out, r);
        assertClose(op + " transposed out", ref, out.toFloatArray(), s.rtol, s.atol);
        // A column narrow (stride 5) with an offset.
        Tensor col = base.select(1, 3);
        assertClose(op + " column", reference(op, s, col.toFloatArray()),
                col.unary(op, s.alpha, s.beta).toFloatArray(), s.rtol, s.atol);
        // In place on a strided view leaves the rest of the buffer alone.
        Tensor copy = base.copy();
        float[] before = copy.toFloatArray();
        copy.select(1, 3).unary(op, s.alpha, s.beta, copy.select(1, 3));
        float[] after = copy.toFloatArray();
        for (int i = 0; i < after.length; i++) {
            if (i % 5 != 3) {
                assertEquals(before[i], after[i], "in-place " + op + " touched element " + i);
            }
        }
        assertClose(op + " in place", reference(op, s, col.toFloatArray()), copy.select(1, 3).toFloatArray(), s.rtol, s.atol);
    }

    @Test
    void namedMethodsMatchTheirOps() {
        Tensor x = Tensor.of(new float[] {-2, -0.5f, 0, 0.5f, 2}, 5);
        float[] v = x.toFloatArray();
        Object[][] pairs = {
            {x.neg(), UnaryOp.NEG, 0f, 0f}, {x.abs(), UnaryOp.ABS, 0f, 0f}, {x.sign(), UnaryOp.SIGN, 0f, 0f},
            {x.exp(), UnaryOp.EXP, 0f, 0f}, {x.square(), UnaryOp.SQUARE, 0f, 0f}, {x.tanh(), UnaryOp.TANH, 0f, 0f},
            {x.sigmoid(), UnaryOp.SIGMOID, 0f, 0f}, {x.relu(), UnaryOp.RELU, 0f, 0f},
            {x.leakyRelu(0.1f), UnaryOp.LEAKY_RELU, 0.1f, 0f}, {x.elu(1f), UnaryOp.ELU, 1f, 0f},
            {x.selu(), UnaryOp.SELU, 0f, 0f}, {x.softplus(), UnaryOp.SOFTPLUS, 0f, 0f},
            {x.softsign(), UnaryOp.SOFTSIGN, 0f, 0f}, {x.silu(), UnaryOp.SILU, 0f, 0f},
            {x.gelu(false), UnaryOp.GELU, 0f, 0f}, {x.gelu(true), UnaryOp.GELU_TANH, 0f, 0f},
            {x.mish(), UnaryOp.MISH, 0f, 0f}, {x.hardSigmoid(), UnaryOp.HARD_SIGMOID, 0f, 0f},
            {x.hardSilu(), UnaryOp.HARD_SILU, 0f, 0f}, {x.erf(), UnaryOp.ERF, 0f, 0f},
            {x.clip(-1, 1), UnaryOp.CLIP, -1f, 1f}, {x.add(2f), UnaryOp.ADD_SCALAR, 2f, 0f},
            {x.sub(2f), UnaryOp.ADD_SCALAR, -2f, 0f}, {x.mul(3f), UnaryOp.MUL_SCALAR, 3f, 0f},
            {x.pow(2f), UnaryOp.POW_SCALAR, 2f, 0f},
        };
        for (Object[] p : pairs) {
            UnaryOp op = (UnaryOp) p[1];
            double[] ref = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                ref[i] = RefMath.unary(op, v[i], (Float) p[2], (Float) p[3]);
            }
            assertClose(op.toString(), ref, ((Tensor) p[0]).toFloatArray(), 1e-6, 1e-7);
        }
        Tensor pos = Tensor.of(new float[] {0.25f, 1, 4}, 3);
        assertArrayEquals(new float[] {-1.3862944f, 0, 1.3862944f}, pos.log().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 1, 2}, pos.sqrt().toFloatArray(), 0f);
        assertArrayEquals(new float[] {2, 1, 0.5f}, pos.rsqrt().toFloatArray(), 0f);
        assertArrayEquals(new float[] {4, 1, 0.25f}, pos.reciprocal().toFloatArray(), 0f);
        assertArrayEquals(new float[] {0.125f, 0.5f, 2}, pos.div(2f).toFloatArray(), 0f);
    }

    @Test
    void handComputedActivations() {
        Tensor x = Tensor.of(new float[] {-4, -3, -1, 0, 1, 3, 4}, 7);
        // Keras 3 hard_sigmoid = relu6(x+3)/6, hard_silu = x·hard_sigmoid(x)
        assertArrayEquals(new float[] {0, 0, 1 / 3f, 0.5f, 2 / 3f, 1, 1}, x.hardSigmoid().toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {0, 0, -1 / 3f, 0, 2 / 3f, 3, 4}, x.hardSilu().toFloatArray(), 1e-6f);
        // selu(1) = 1.0507009873554805, selu(-1) = 1.0507·1.6733·(e^-1 − 1) = −1.1113307
        Tensor s = Tensor.of(new float[] {1, -1}, 2).selu();
        assertArrayEquals(new float[] {1.0507009873554805f, -1.1113307378125625f}, s.toFloatArray(), 2e-7f);
        // gelu(1) = 0.8413447460685429 (exact), 0.8411919906082768 (tanh form)
        assertEquals(0.8413447460685429, Tensor.scalar(1).gelu(false).item(), 1e-7);
        assertEquals(0.8411919906082768, Tensor.scalar(1).gelu(true).item(), 1e-7);
        // softplus is exact far out: softplus(100) = 100, softplus(-100) = e^-100 ≈ 3.72e-44 (a float subnormal)
        assertEquals(100f, Tensor.scalar(100).softplus().item());
        assertEquals((float) Math.exp(-100), Tensor.scalar(-100).softplus().item());
        // sigmoid saturates without NaN
        assertArrayEquals(new float[] {0, 1}, Tensor.of(new float[] {-200, 200}, 2).sigmoid().toFloatArray(), 0f);
        // mish(1) = tanh(ln(1+e)) = 0.8650983882673103
        assertEquals(0.8650983882673103, Tensor.scalar(1).mish().item(), 1e-7);
        // relu at the kink is 0; round is half-to-even as NumPy
        assertArrayEquals(new float[] {0, 2, 2, -2}, Tensor.of(new float[] {0.5f, 1.5f, 2.5f, -2.5f}, 4)
                .unary(UnaryOp.ROUND, 0, 0).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 1, 1}, Tensor.of(new float[] {1, -Float.MAX_VALUE, Float.NaN,
                Float.NEGATIVE_INFINITY}, 4).unary(UnaryOp.NOT_FINITE, 0, 0).toFloatArray());
    }

    // ---------------------------------------------------------------- binary

    static Stream<Arguments> binaryCases() {
        int[][][] shapes = {
            {{2, 3}, {3}}, {{2, 1}, {1, 4}}, {{}, {2, 3}}, {{2, 3}, {}}, {{3, 1, 2}, {2}},
            {{5, 37}, {37}}, {{37, 1}, {1, 40}}, {{40}, {40}}, {{4, 1, 33}, {3, 1}}, {{1000}, {1000}},
        };
        Stream.Builder<Arguments> b = Stream.builder();
        for (BinaryOp op : BinaryOp.values()) {
            for (int[][] s : shapes) {
                b.add(Arguments.of(op, s[0], s[1]));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("binaryCases")
    void binaryBroadcastMatchesReference(BinaryOp op, int[] sa, int[] sb) {
        boolean cmp = op.isComparison() || op == BinaryOp.MAXIMUM || op == BinaryOp.MINIMUM;
        Tensor a = Tensor.of(inputs(op, 1, Shape.of(sa).size(), cmp, true), sa);
        Tensor b = Tensor.of(inputs(op, 2, Shape.of(sb).size(), cmp, false), sb);
        check(op, a, b, a.binary(op, b));
        // The same with a transposed (non-contiguous) left operand.
        if (sa.length == 2) {
            Tensor av = Tensor.of(a.t().contiguous().toFloatArray(), sa[1], sa[0]).t();
            assertArrayEquals(a.toFloatArray(), av.toFloatArray());
            check(op, av, b, av.binary(op, b));
        }
    }

    /** Integers in [-3, 3] for comparisons (so ties occur); positive bases for POW; no zero divisors. */
    private static float[] inputs(BinaryOp op, long seed, int n, boolean ints, boolean left) {
        float[] v = Approx.uniform(seed * 31 + op.ordinal() + n, n, -3, 3);
        for (int i = 0; i < n; i++) {
            if (ints) {
                v[i] = Math.round(v[i]);
            } else if (op == BinaryOp.POW && left) {
                v[i] = Math.abs(v[i]) + 0.1f;
            } else if (op == BinaryOp.DIV && !left && Math.abs(v[i]) < 0.1f) {
                v[i] = 0.5f;
            }
        }
        return v;
    }

    private static void check(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Shape s = Shape.broadcast("t", a.shape(), b.shape());
        assertEquals(s, out.shape());
        float[] av = a.broadcastTo(s).toFloatArray();
        float[] bv = b.broadcastTo(s).toFloatArray();
        double[] ref = new double[s.size()];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = RefMath.binary(op, av[i], bv[i]);
        }
        // One float rounding of the exact double result (0.5 ulp); POW goes through Math.pow (also 0.5 ulp).
        assertClose(op + " " + a.shape() + " " + b.shape(), ref, out.toFloatArray(), ULP, 0);
    }

    @Test
    void handComputedBroadcasting() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, a.add(Tensor.of(new float[] {10, 20, 30}, 3)).toFloatArray());
        Tensor c = Tensor.of(new float[] {1, 2}, 2, 1).mul(Tensor.of(new float[] {1, 10, 100, 1000}, 1, 4));
        assertEquals(Shape.of(2, 4), c.shape());
        assertArrayEquals(new float[] {1, 10, 100, 1000, 2, 20, 200, 2000}, c.toFloatArray());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.sub(Tensor.scalar(1)).toFloatArray());
        Tensor d = Tensor.arange(6).reshape(3, 1, 2).sub(Tensor.of(new float[] {1, 2}, 2));
        assertEquals(Shape.of(3, 1, 2), d.shape());
        assertArrayEquals(new float[] {-1, -1, 1, 1, 3, 3}, d.toFloatArray());
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3}, a.div(Tensor.scalar(2)).toFloatArray());
        assertArrayEquals(new float[] {1, 4, 9, 16, 25, 36}, a.pow(Tensor.scalar(2)).toFloatArray());
        assertArrayEquals(new float[] {3, 3, 3, 4, 5, 6}, a.maximum(Tensor.scalar(3)).toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, 3, 3, 3}, a.minimum(Tensor.scalar(3)).toFloatArray());
    }

    @Test
    void comparisonsGiveZeroOrOne() {
        Tensor a = Tensor.of(new float[] {1, 2, 3}, 3);
        Tensor b = Tensor.scalar(2);
        assertArrayEquals(new float[] {0, 1, 0}, a.eq(b).toFloatArray());
        assertArrayEquals(new float[] {1, 0, 1}, a.ne(b).toFloatArray());
        assertArrayEquals(new float[] {1, 0, 0}, a.lt(b).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 0}, a.le(b).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 1}, a.gt(b).toFloatArray());
        assertArrayEquals(new float[] {0, 1, 1}, a.ge(b).toFloatArray());
        // NaN compares unequal to everything, as IEEE and NumPy
        Tensor n = Tensor.of(new float[] {Float.NaN}, 1);
        assertArrayEquals(new float[] {0}, n.eq(n).toFloatArray());
        assertArrayEquals(new float[] {1}, n.ne(n).toFloatArray());
        assertArrayEquals(new float[] {0}, n.lt(b).toFloatArray());
    }

    @Test
    void inPlaceOnViews() {
        Tensor a = Tensor.zeros(3, 4);
        Tensor col = a.narrow(1, 1, 2); // (3, 2) strided view
        col.addi(Tensor.of(new float[] {1, 2}, 2));
        col.muli(Tensor.of(new float[] {10, 20, 30}, 3, 1));
        assertArrayEquals(new float[] {0, 10, 20, 0, 0, 20, 40, 0, 0, 30, 60, 0}, a.toFloatArray());
        col.subi(Tensor.scalar(10));
        col.divi(Tensor.scalar(2));
        assertArrayEquals(new float[] {0, 0, 5, 0, 0, 5, 15, 0, 0, 10, 25, 0}, a.toFloatArray());
        a.t().addi(1f);
        a.select(0, 0).muli(2f);
        assertArrayEquals(new float[] {2, 2, 12, 2, 1, 6, 16, 1, 1, 11, 26, 1}, a.toFloatArray());
        Tensor r = Tensor.of(new float[] {-1, 2}, 2);
        assertSame(r, r.unaryi(UnaryOp.RELU));
        assertArrayEquals(new float[] {0, 2}, r.toFloatArray());
        // the in-place operand cannot grow: (3) into (2, 3) is fine, (2, 3) into (3) is not
        assertIae(() -> Tensor.zeros(3).addi(Tensor.zeros(2, 3)), "add", "[2, 3]", "[3]");
    }

    @Test
    void scaledAddInPlaceEqualsMultiplyThenAddBitForBit() {
        // Long enough for the vector loop and a scalar tail, odd values so rounding differs from an FMA.
        Tensor w = Tensor.randn(1003).muli(3f);
        Tensor g = Tensor.randn(1003).muli(0.7f);
        float lr = -0.0123f;
        Tensor expected = w.add(g.mul(lr));
        assertSame(w, w.addi(g, lr));
        assertArrayEquals(expected.toFloatArray(), w.toFloatArray()); // exact: the product is rounded first
        // broadcast operand and a strided destination
        Tensor a = Tensor.zeros(3, 4);
        a.narrow(1, 1, 2).addi(Tensor.of(new float[] {1, 2}, 2), 0.5f);
        assertArrayEquals(new float[] {0, 0.5f, 1, 0, 0, 0.5f, 1, 0, 0, 0.5f, 1, 0}, a.toFloatArray());
        // large enough to be split across threads
        Tensor big = Tensor.randn(300_000);
        Tensor bigG = Tensor.randn(300_000);
        Tensor bigExpected = big.add(bigG.mul(0.01f));
        assertArrayEquals(bigExpected.toFloatArray(), big.addi(bigG, 0.01f).toFloatArray());
        assertIae(() -> Tensor.zeros(3).addi(Tensor.zeros(2, 3), 1f), "addi", "[2, 3]", "[3]");
    }

    @Test
    void outVariants() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor out = Tensor.zeros(3, 2).t(); // a transposed out
        assertSame(out, a.binary(BinaryOp.MUL, Tensor.of(new float[] {1, 0, -1}, 3), out));
        assertArrayEquals(new float[] {1, 0, -3, 4, 0, -6}, out.toFloatArray());
        // exact aliasing: out is an input
        a.binary(BinaryOp.ADD, a, a);
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, a.toFloatArray());
        assertIae(() -> a.binary(BinaryOp.ADD, a, Tensor.zeros(3, 2)), "add", "out", "[3, 2]", "[2, 3]");
        assertIae(() -> a.exp().unary(UnaryOp.EXP, 0, 0, Tensor.zeros(6)), "exp", "out", "[6]", "[2, 3]");
        assertIae(() -> a.binary(BinaryOp.ADD, a, Tensor.zeros(3).broadcastTo(Shape.of(2, 3))), "add", "broadcast");
        assertIae(() -> a.binary(BinaryOp.ADD, a, Tensor.zeros(DType.INT32, Shape.of(2, 3), Device.CPU)), "add", "float32");
    }

    @Test
    void whereAndClip() {
        Tensor cond = Tensor.of(new float[] {1, 0, 1}, 3);
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor w = Tensor.where(cond, a, Tensor.scalar(-1));
        assertArrayEquals(new float[] {1, -1, 3, 4, -1, 6}, w.toFloatArray());
        Tensor w2 = Tensor.where(a.gt(Tensor.scalar(3)), a.t().contiguous().t(), Tensor.zeros(2, 1));
        assertArrayEquals(new float[] {0, 0, 0, 4, 5, 6}, w2.toFloatArray());
        assertArrayEquals(new float[] {2, 2, 3, 4, 4, 4}, a.clip(2, 4).toFloatArray());
        assertIae(() -> a.clip(4, 2), "clip", "lo=4", "hi=2");
        assertIae(() -> Tensor.where(cond, a, Tensor.zeros(4)), "where", "[4]");
    }

    @Test
    void biasActivation() {
        Tensor x = Tensor.of(new float[] {-1, 0, 1, 2, -3, 4}, 2, 3);
        Tensor bias = Tensor.of(new float[] {1, -1, 0.5f}, 3);
        assertArrayEquals(new float[] {0, 0, 1.5f, 3, 0, 4.5f}, x.biasActivation(bias, UnaryOp.RELU, 0).toFloatArray());
        float[] ref = x.add(bias).leakyRelu(0.1f).toFloatArray();
        assertArrayEquals(ref, x.biasActivation(bias, UnaryOp.LEAKY_RELU, 0.1f).toFloatArray());
        assertArrayEquals(x.t().contiguous().add(Tensor.of(new float[] {1, 2}, 2)).tanh().toFloatArray(),
                x.t().biasActivation(Tensor.of(new float[] {1, 2}, 2), UnaryOp.TANH, 0).toFloatArray(), 1e-7f);
        assertIae(() -> x.biasActivation(Tensor.zeros(2), UnaryOp.RELU, 0), "biasActivation", "[2]", "[2, 3]");
    }

    @Test
    void intTensorsAreRejectedByFloatOps() {
        Tensor i = Tensor.ofInts(new int[] {1, 2}, 2);
        assertIae(i::exp, "exp", "float32", "int32", "[2]");
        assertIae(() -> i.add(Tensor.zeros(2)), "add", "float32", "int32");
        assertIae(() -> Tensor.zeros(2).mul(i), "mul", "float32", "int32");
        assertIae(i::sum, "sum", "float32", "int32");
        assertIae(() -> i.softmax(0), "softmax", "int32");
        assertIae(() -> i.matmul(i), "matmul", "int32");
    }
}
