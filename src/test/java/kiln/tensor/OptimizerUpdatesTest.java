package kiln.tensor;

import static kiln.tensor.Approx.assertIae;
import static kiln.tensor.Approx.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused optimizer updates ({@link Backend#sgdUpdate}, {@link Backend#adamUpdate},
 * {@link Backend#decayWeights}): against hand-derived values on two elements, and bit for bit against
 * the chain of Tensor ops the optimizers ran before (their code, verbatim), both through the device's
 * backend and through Backend's defaults — dense at every SIMD tail length and past the parallel
 * threshold, and on strided views.
 */
class OptimizerUpdatesTest {
    // Large enough that each product's rounding shows in the result: with lr = 0.01 the step is far
    // below an ulp of w, and an update that rounded differently would mostly still pass.
    private static final float LR = 0.37f;
    private static final float MU = 0.9f;
    private static final float ALPHA = 0.41f;
    private static final float C1 = (float) (1 - 0.9);
    private static final float C2 = (float) (1 - 0.999);
    private static final float EPS = 1e-7f;
    private static final float WD = 0.3f;

    private static Tensor vec(float... v) {
        return Tensor.of(v, v.length);
    }

    // ---- hand-derived: operands chosen so every intermediate is exact in float

    @Test
    void sgdByHand() {
        Tensor g = vec(0.5f, -1f);
        Tensor w = vec(1f, 2f);
        Tensor.sgdUpdate(w, g, null, 0.5f, 0f, false); // w + g·(−0.5)
        assertArrayEquals(new float[] {0.75f, 2.5f}, w.toFloatArray());

        w = vec(1f, 2f);
        Tensor m = vec(0.25f, 0f);
        Tensor.sgdUpdate(w, g, m, 0.5f, 0.5f, false); // m = 0.5·m − 0.5·g = [−0.125, 0.5]; w += m
        assertArrayEquals(new float[] {-0.125f, 0.5f}, m.toFloatArray());
        assertArrayEquals(new float[] {0.875f, 2.5f}, w.toFloatArray());

        w = vec(1f, 2f);
        m = vec(0.25f, 0f);
        Tensor.sgdUpdate(w, g, m, 0.5f, 0.5f, true); // w += 0.5·m − 0.5·g with the new m: [−0.3125, 0.75]
        assertArrayEquals(new float[] {-0.125f, 0.5f}, m.toFloatArray());
        assertArrayEquals(new float[] {0.6875f, 2.75f}, w.toFloatArray());
    }

    @Test
    void adamByHand() {
        // α = 0.5, c1 = 0.5, c2 = 0.25, ε = 1:
        // m = m + (g − m)·0.5 = [0 + 2·0.5, 3.5 − 6.5·0.5] = [1, 0.25]
        // v = v + (g² − v)·0.25 = [0 + 4·0.25, 9 + 0·0.25] = [1, 9]
        // w = w − (m·0.5)/(sqrt(v) + 1) = [1 − 0.5/2, 1 − 0.125/4] = [0.75, 0.96875]
        Tensor w = vec(1f, 1f);
        Tensor m = vec(0f, 3.5f);
        Tensor v = vec(0f, 9f);
        Tensor.adamUpdate(w, vec(2f, -3f), m, v, null, 0.5f, 0.5f, 0.25f, 1f);
        assertArrayEquals(new float[] {1f, 0.25f}, m.toFloatArray());
        assertArrayEquals(new float[] {1f, 9f}, v.toFloatArray());
        assertArrayEquals(new float[] {0.75f, 0.96875f}, w.toFloatArray());

        // AMSGrad: v̂ = max(v̂, v) = max([9, 1], [1, 9]) = [9, 9] replaces v in the denominator (4 for both);
        // v itself keeps its own value.
        w = vec(1f, 1f);
        m = vec(0f, 3.5f);
        v = vec(0f, 9f);
        Tensor vhat = vec(9f, 1f);
        Tensor.adamUpdate(w, vec(2f, -3f), m, v, vhat, 0.5f, 0.5f, 0.25f, 1f);
        assertArrayEquals(new float[] {1f, 9f}, v.toFloatArray());
        assertArrayEquals(new float[] {9f, 9f}, vhat.toFloatArray());
        assertArrayEquals(new float[] {0.875f, 0.96875f}, w.toFloatArray());
    }

    @Test
    void decayByHand() {
        Tensor w = vec(2f, -4f);
        w.decayWeightsi(0.5f, 0.25f); // w − (w·0.5)·0.25
        assertArrayEquals(new float[] {1.75f, -3.5f}, w.toFloatArray());
    }

    // ---- bit for bit against the former op chains

    /**
     * One update: its operands (0 w, 1 g, then the slots), the fused call through Tensor, the same
     * through a given Backend's method, and the chain of Tensor ops the optimizer ran before.
     */
    record Update(String name, int operands, Consumer<Tensor[]> fused, BiConsumer<Backend, Tensor[]> spi,
                  Consumer<Tensor[]> chain) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Update> UPDATES = List.of(
            new Update("sgd", 2, t -> Tensor.sgdUpdate(t[0], t[1], null, LR, 0f, false),
                    (b, t) -> b.sgdUpdate(t[0], t[1], null, LR, 0f, false),
                    t -> t[0].addi(t[1], -LR)),
            new Update("sgd momentum", 3, t -> Tensor.sgdUpdate(t[0], t[1], t[2], LR, MU, false),
                    (b, t) -> b.sgdUpdate(t[0], t[1], t[2], LR, MU, false),
                    t -> t[0].addi(t[2].muli(MU).addi(t[1], -LR))),
            new Update("sgd nesterov", 3, t -> Tensor.sgdUpdate(t[0], t[1], t[2], LR, MU, true),
                    (b, t) -> b.sgdUpdate(t[0], t[1], t[2], LR, MU, true),
                    t -> {
                        Tensor m = t[2].muli(MU).addi(t[1], -LR);
                        t[0].addi(m.unary(UnaryOp.MUL_SCALAR, MU, 0f, t[0].zerosLike()).addi(t[1], -LR));
                    }),
            new Update("adam", 4, t -> Tensor.adamUpdate(t[0], t[1], t[2], t[3], null, ALPHA, C1, C2, EPS),
                    (b, t) -> b.adamUpdate(t[0], t[1], t[2], t[3], null, ALPHA, C1, C2, EPS),
                    t -> adamChain(t[0], t[1], t[2], t[3], null)),
            new Update("amsgrad", 5, t -> Tensor.adamUpdate(t[0], t[1], t[2], t[3], t[4], ALPHA, C1, C2, EPS),
                    (b, t) -> b.adamUpdate(t[0], t[1], t[2], t[3], t[4], ALPHA, C1, C2, EPS),
                    t -> adamChain(t[0], t[1], t[2], t[3], t[4])),
            new Update("decay", 1, t -> t[0].decayWeightsi(WD, LR), (b, t) -> b.decayWeights(t[0], WD, LR),
                    t -> t[0].subi(t[0].unary(UnaryOp.MUL_SCALAR, WD, 0f, t[0].zerosLike()).muli(LR))));

    /** Adam.updateStep before the fused update (scratch tensors a, b). */
    private static void adamChain(Tensor w, Tensor g, Tensor m, Tensor v, Tensor vhat) {
        Tensor a = w.zerosLike();
        Tensor b = w.zerosLike();
        m.addi(g.binary(BinaryOp.SUB, m, a).muli(C1));
        v.addi(g.unary(UnaryOp.SQUARE, 0f, 0f, a).subi(v).muli(C2));
        if (vhat != null) {
            v = vhat.binary(BinaryOp.MAXIMUM, v, vhat);
        }
        Tensor den = v.unary(UnaryOp.SQRT, 0f, 0f, a).addi(EPS);
        w.subi(m.unary(UnaryOp.MUL_SCALAR, ALPHA, 0f, b).divi(den));
    }

    /** A backend whose primitives are {@code real}'s but whose fused updates are Backend's defaults. */
    private static Backend defaultsOf(Backend real) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, h);
    }

    /**
     * How the operands are laid out: dense of n elements, or (5, 37) views with inner stride 1 (narrowed
     * out of a wider tensor, so rows are apart; 37 leaves a tail after 16 lanes), or mixed (even operands
     * narrowed, odd ones transposed: inner strides differ, the scalar strided loop).
     */
    enum Layout { DENSE, NARROWED, MIXED }

    private static Tensor base(Layout layout, int k, int n) {
        return switch (layout) {
            case DENSE -> Tensor.zeros(n);
            case NARROWED -> Tensor.zeros(5, 80);
            case MIXED -> k % 2 == 0 ? Tensor.zeros(5, 80) : Tensor.zeros(37, 5);
        };
    }

    private static Tensor view(Layout layout, int k, Tensor base) {
        return switch (layout) {
            case DENSE -> base;
            case NARROWED -> base.narrow(1, 3, 37);
            case MIXED -> k % 2 == 0 ? base.narrow(1, 3, 37) : base.t();
        };
    }

    /** Seeded values: w, g in [−1, 1) (g with a few special values), m in ±0.1, v and v̂ in [0, 0.01). */
    private static float[] values(int k, int size, long seed) {
        float[] x = switch (k) {
            case 0, 1 -> Approx.uniform(seed, size, -1, 1);
            case 2 -> Approx.uniform(seed, size, -0.1, 0.1);
            default -> Approx.uniform(seed, size, 0, 0.01);
        };
        if (k == 1) {
            float[] special = {0f, -0f, Float.MIN_VALUE, 1e20f, -1e20f, Float.NaN, 1e-20f};
            for (int i = 0; i < Math.min(size, special.length); i++) {
                x[(int) ((i * 7919L) % size)] = special[i];
            }
        }
        return x;
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Update u : UPDATES) {
            for (int n : new int[] {1, 7, 8, 9, 15, 16, 17, 33, 1000, 70_001}) { // SIMD tails; 70,001 runs in parallel
                b.add(Arguments.of(u, Layout.DENSE, n));
            }
            b.add(Arguments.of(u, Layout.NARROWED, 0));
            b.add(Arguments.of(u, Layout.MIXED, 0));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void equalsTheFormerOpChainBitForBit(Update u, Layout layout, int n) {
        Tensor[] bases = new Tensor[u.operands()];
        for (int k = 0; k < bases.length; k++) {
            bases[k] = base(layout, k, n);
            bases[k].copyFrom(Tensor.of(values(k, bases[k].size(), 31L * k + n), bases[k].dims()));
        }
        Tensor[] expected = run(bases, layout, u.chain());
        assertSameOperands(u + " " + layout + " n=" + n + " (fused)", expected, run(bases, layout, u.fused()));
        Backend defaults = defaultsOf(bases[0].backend());
        assertSameOperands(u + " " + layout + " n=" + n + " (Backend default)", expected,
                run(bases, layout, t -> u.spi().accept(defaults, t)));
    }

    /** Runs an update on views of fresh copies of the bases; returns the bases (so memory outside the views is compared too). */
    private static Tensor[] run(Tensor[] bases, Layout layout, Consumer<Tensor[]> update) {
        Tensor[] copies = new Tensor[bases.length];
        Tensor[] views = new Tensor[bases.length];
        for (int k = 0; k < bases.length; k++) {
            copies[k] = bases[k].copy();
            views[k] = view(layout, k, copies[k]);
        }
        update.accept(views);
        return copies;
    }

    private static void assertSameOperands(String what, Tensor[] expected, Tensor[] actual) {
        for (int k = 0; k < expected.length; k++) {
            assertSameBits(what + ", operand " + k, expected[k].toFloatArray(), actual[k].toFloatArray());
        }
    }

    // ---- argument errors name the argument

    @Test
    void errorsNameTheArgument() {
        Tensor w = Tensor.zeros(2, 3);
        Tensor g = Tensor.zeros(2, 3);
        Tensor m = Tensor.zeros(2, 3);
        assertIae(() -> Tensor.adamUpdate(w, g, m, Tensor.zeros(3), null, ALPHA, C1, C2, EPS),
                "adamUpdate: v has shape [3], expected w's shape [2, 3]");
        assertIae(() -> Tensor.sgdUpdate(w, Tensor.zeros(2, 3).toInt(), null, LR, 0f, false),
                "sgdUpdate: g must be float32", "int32");
        assertIae(() -> Tensor.sgdUpdate(w, g, Tensor.zeros(1).broadcastTo(Shape.of(2, 3)), LR, MU, false),
                "sgdUpdate: m is updated in place", "broadcast view");
        assertIae(() -> Tensor.sgdUpdate(w, g, null, LR, MU, false), "sgdUpdate: momentum=0.9 needs a momentum slot");
        assertIae(() -> Tensor.sgdUpdate(w, g, w, LR, MU, false), "sgdUpdate: m shares memory with w");
        assertIae(() -> Tensor.adamUpdate(w, g, m, m, null, ALPHA, C1, C2, EPS), "adamUpdate: v shares memory with m");
        assertIae(() -> Tensor.adamUpdate(w, null, m, Tensor.zeros(2, 3), null, ALPHA, C1, C2, EPS),
                "adamUpdate: g is null");
        assertIae(() -> Tensor.adamUpdate(w, g, m, null, null, ALPHA, C1, C2, EPS), "adamUpdate: v is null");
        assertIae(() -> Tensor.zeros(3).toInt().decayWeightsi(WD, LR), "decayWeights: w must be float32");
    }

    @Test
    void aBroadcastGradientIsRead() {
        Tensor w = Tensor.zeros(2, 3);
        Tensor.sgdUpdate(w, Tensor.scalar(2f).broadcastTo(Shape.of(2, 3)), null, 0.5f, 0f, false);
        assertArrayEquals(new float[] {-1, -1, -1, -1, -1, -1}, w.toFloatArray());
    }
}
