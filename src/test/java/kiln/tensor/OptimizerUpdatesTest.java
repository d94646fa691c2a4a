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
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused optimizer updates ({@link Backend#sgdUpdate}, {@link Backend#adamUpdate}, {@link Backend#adamaxUpdate},
 * {@link Backend#nadamUpdate}, {@link Backend#rmspropUpdate}, {@link Backend#adagradUpdate},
 * {@link Backend#lionUpdate}, {@link Backend#adadeltaUpdate}, {@link Backend#ftrlUpdate},
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
    private static final float BIAS_CORRECTION = 1f - (float) Math.pow(0.9f, 3f); // Adamax's 1 − β1^t at t = 3
    private static final float ONE_MINUS_P = 0.19f;       // Nadam's 1 − P_t and 1 − P_t+1, rank-0 operands
    private static final float ONE_MINUS_P_NEXT = 0.23f;
    private static final float MU_NEXT = 0.46f;
    private static final float ONE_MINUS_MU = 0.57f;
    private static final float V_CORRECTION = 0.003f;     // Nadam's 1 − β2^t
    private static final float RHO = 0.9f;
    private static final float ONE_MINUS_RHO = (float) (1 - 0.9);
    private static final float BETA1 = 0.9f;              // Lion's β1, β2
    private static final float BETA2 = 0.99f;

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
    void adamaxByHand() {
        // lr = 0.5, c1 = 0.5, β2 = 0.5, ε = 2, 1 − β1^t = 0.5:
        // m = m + (g − m)·0.5 = [1, 0.25];  u = max(u·0.5, |g|) = max([0.5, 6], [2, 3]) = [2, 6]
        // w = w − (m·0.5)/((u + 2)·0.5) = [1 − 0.5/2, 1 − 0.125/4] = [0.75, 0.96875]
        Tensor w = vec(1f, 1f);
        Tensor m = vec(0f, 3.5f);
        Tensor u = vec(1f, 12f);
        Tensor.adamaxUpdate(w, vec(2f, -3f), m, u, 0.5f, 0.5f, 0.5f, 2f, 0.5f);
        assertArrayEquals(new float[] {1f, 0.25f}, m.toFloatArray());
        assertArrayEquals(new float[] {2f, 6f}, u.toFloatArray());
        assertArrayEquals(new float[] {0.75f, 0.96875f}, w.toFloatArray());
    }

    @Test
    void nadamByHand() {
        // c1 = 0.5, c2 = 0.25: m = [1, 0.25], v = [1, 9] (as adamByHand)
        // m̂ = (m·0.5)/0.25 + (g·0.5)/0.5 = [2, 0.5] + [2, −3] = [4, −2.5]   (μ_t+1 = 0.5, 1 − P_t+1 = 0.25, 1 − μ_t = 0.5, 1 − P_t = 0.5)
        // w = w − (m̂·0.5)/(sqrt(v/0.25) + 2) = [1 − 2/4, 1 + 1.25/8] = [0.5, 1.15625]
        Tensor w = vec(1f, 1f);
        Tensor m = vec(0f, 3.5f);
        Tensor v = vec(0f, 9f);
        Tensor.nadamUpdate(w, vec(2f, -3f), m, v, Tensor.scalar(0.5f), Tensor.scalar(0.25f), 0.5f, 0.5f, 0.25f, 0.5f,
                0.5f, 0.25f, 2f);
        assertArrayEquals(new float[] {1f, 0.25f}, m.toFloatArray());
        assertArrayEquals(new float[] {1f, 9f}, v.toFloatArray());
        assertArrayEquals(new float[] {0.5f, 1.15625f}, w.toFloatArray());
    }

    @Test
    void rmspropByHand() {
        // ρ = 1 − ρ = 0.5, lr = 0.5, ε = 0: v = v·0.5 + g²·0.5 = [2 + 2, 14 + 2] = [4, 16]
        // w = w − (g·0.5)/sqrt(v) = [1 − 1/2, 1 + 1/4] = [0.5, 1.25]
        Tensor w = vec(1f, 1f);
        Tensor v = vec(4f, 28f);
        Tensor.rmspropUpdate(w, vec(2f, -2f), v, null, null, 0.5f, 0.5f, 0.5f, 0f, 0f);
        assertArrayEquals(new float[] {4f, 16f}, v.toFloatArray());
        assertArrayEquals(new float[] {0.5f, 1.25f}, w.toFloatArray());

        // centered, momentum 0.5: v = [3 + 2, 23 + 2] = [5, 25]; avg = avg·0.5 + g·0.5 = [1, 3];
        // d = v − avg² = [4, 16]; inc = [0.5, −0.25]; mom = mom·0.5 + inc = [1, 0.25]; w = w − mom = [0, 0.75]
        w = vec(1f, 1f);
        v = vec(6f, 46f);
        Tensor avg = vec(0f, 8f);
        Tensor mom = vec(1f, 1f);
        Tensor.rmspropUpdate(w, vec(2f, -2f), v, mom, avg, 0.5f, 0.5f, 0.5f, 0.5f, 0f);
        assertArrayEquals(new float[] {5f, 25f}, v.toFloatArray());
        assertArrayEquals(new float[] {1f, 3f}, avg.toFloatArray());
        assertArrayEquals(new float[] {1f, 0.25f}, mom.toFloatArray());
        assertArrayEquals(new float[] {0f, 0.75f}, w.toFloatArray());
    }

    @Test
    void adagradByHand() {
        // acc = acc + g² = [4, 16];  w = w − (g·0.5)/sqrt(acc + 0) = [1 − 1/2, 1 + 1/4]
        Tensor w = vec(1f, 1f);
        Tensor acc = vec(0f, 12f);
        Tensor.adagradUpdate(w, vec(2f, -2f), acc, 0.5f, 0f);
        assertArrayEquals(new float[] {4f, 16f}, acc.toFloatArray());
        assertArrayEquals(new float[] {0.5f, 1.25f}, w.toFloatArray());
    }

    @Test
    void lionByHand() {
        // β1 = 1 − β1 = β2 = 1 − β2 = 0.5, lr = 0.25: m·0.5 + g·0.5 = [−0.75, 0], its sign [−1, 0] (sign(0) = 0)
        // w = w − sign·0.25 = [1.25, 1];  m = m·0.5 + g·0.5 = [−0.75, 0]
        Tensor w = vec(1f, 1f);
        Tensor m = vec(0.5f, 0f);
        Tensor.lionUpdate(w, vec(-2f, 0f), m, 0.25f, 0.5f, 0.5f, 0.5f, 0.5f);
        assertArrayEquals(new float[] {1.25f, 1f}, w.toFloatArray());
        assertArrayEquals(new float[] {-0.75f, 0f}, m.toFloatArray());
    }

    @Test
    void adadeltaByHand() {
        // ρ = 1 − ρ = 0.5, lr = 0.5, ε = 0: eg = eg·0.5 + g²·0.5 = [2 + 2, 14 + 2] = [4, 16]
        // Δ = −(sqrt(ex)·g / sqrt(eg)) = −([1·2/2, 3·(−2)/4]) = [−1, 1.5]   (the old ex = [1, 9])
        // ex = ex·0.5 + Δ²·0.5 = [0.5 + 0.5, 4.5 + 1.125];  w = w + Δ·0.5 = [0.5, 1.75]
        Tensor w = vec(1f, 1f);
        Tensor eg = vec(4f, 28f);
        Tensor ex = vec(1f, 9f);
        Tensor.adadeltaUpdate(w, vec(2f, -2f), eg, ex, 0.5f, 0.5f, 0.5f, 0f);
        assertArrayEquals(new float[] {4f, 16f}, eg.toFloatArray());
        assertArrayEquals(new float[] {1f, 5.625f}, ex.toFloatArray());
        assertArrayEquals(new float[] {0.5f, 1.75f}, w.toFloatArray());
    }

    @Test
    void ftrlByHand() {
        // p = 0.5, lr = 0.5, l1 = 1, 2·l2 = 2, 2·l2_shrinkage = 0.5:
        // g' = w·0.5 + g = [1.5, 5];  n' = g² + n = [1, 25];  ((n'^p − n^p)/lr)·w = ([1, 2]/0.5)·w = [2, 8]
        // z = z + (g' − [2, 8]) = [3.5 − 0.5, −4 − 3] = [3, −7]
        // w = (clip(z, −1, 1) − z) / (n'^p/0.5 + 2) = [(1 − 3)/4, (−1 + 7)/12] = [−0.5, 0.5]
        Tensor w = vec(1f, 2f);
        Tensor n = vec(0f, 9f);
        Tensor z = vec(3.5f, -4f);
        Tensor.ftrlUpdate(w, vec(1f, 4f), n, z, 0.5f, 0.5f, 1f, 2f, 0.5f);
        assertArrayEquals(new float[] {1f, 25f}, n.toFloatArray());
        assertArrayEquals(new float[] {3f, -7f}, z.toFloatArray());
        assertArrayEquals(new float[] {-0.5f, 0.5f}, w.toFloatArray());
    }

    @Test
    void decayByHand() {
        Tensor w = vec(2f, -4f);
        w.decayWeightsi(0.5f, 0.25f); // w − (w·0.5)·0.25
        assertArrayEquals(new float[] {1.75f, -3.5f}, w.toFloatArray());
    }

    // ---- bit for bit against the former op chains

    /**
     * One update: its operands (0 w, 1 g, then the slots; {@code roles} gives each one's kind of values,
     * see {@link #values}), the fused call through Tensor, the same through a given Backend's method, and
     * the chain of Tensor ops the optimizer ran before.
     */
    record Update(String name, String roles, Consumer<Tensor[]> fused, BiConsumer<Backend, Tensor[]> spi,
                  Consumer<Tensor[]> chain) {
        int operands() {
            return roles.length();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Update> UPDATES = List.of(
            new Update("sgd", "wg", t -> Tensor.sgdUpdate(t[0], t[1], null, LR, 0f, false),
                    (b, t) -> b.sgdUpdate(t[0], t[1], null, LR, 0f, false),
                    t -> t[0].addi(t[1], -LR)),
            new Update("sgd momentum", "wgm", t -> Tensor.sgdUpdate(t[0], t[1], t[2], LR, MU, false),
                    (b, t) -> b.sgdUpdate(t[0], t[1], t[2], LR, MU, false),
                    t -> t[0].addi(t[2].muli(MU).addi(t[1], -LR))),
            new Update("sgd nesterov", "wgm", t -> Tensor.sgdUpdate(t[0], t[1], t[2], LR, MU, true),
                    (b, t) -> b.sgdUpdate(t[0], t[1], t[2], LR, MU, true),
                    t -> {
                        Tensor m = t[2].muli(MU).addi(t[1], -LR);
                        t[0].addi(m.unary(UnaryOp.MUL_SCALAR, MU, 0f, t[0].zerosLike()).addi(t[1], -LR));
                    }),
            new Update("adam", "wgmv", t -> Tensor.adamUpdate(t[0], t[1], t[2], t[3], null, ALPHA, C1, C2, EPS),
                    (b, t) -> b.adamUpdate(t[0], t[1], t[2], t[3], null, ALPHA, C1, C2, EPS),
                    t -> adamChain(t[0], t[1], t[2], t[3], null)),
            new Update("amsgrad", "wgmvv", t -> Tensor.adamUpdate(t[0], t[1], t[2], t[3], t[4], ALPHA, C1, C2, EPS),
                    (b, t) -> b.adamUpdate(t[0], t[1], t[2], t[3], t[4], ALPHA, C1, C2, EPS),
                    t -> adamChain(t[0], t[1], t[2], t[3], t[4])),
            new Update("adamax", "wgmv",
                    t -> Tensor.adamaxUpdate(t[0], t[1], t[2], t[3], LR, C1, 0.999f, EPS, BIAS_CORRECTION),
                    (b, t) -> b.adamaxUpdate(t[0], t[1], t[2], t[3], LR, C1, 0.999f, EPS, BIAS_CORRECTION),
                    t -> adamaxChain(t[0], t[1], t[2], t[3])),
            new Update("nadam", "wgmv",
                    t -> Tensor.nadamUpdate(t[0], t[1], t[2], t[3], t[0].scalarLike(ONE_MINUS_P),
                            t[0].scalarLike(ONE_MINUS_P_NEXT), LR, C1, C2, MU_NEXT, ONE_MINUS_MU, V_CORRECTION, EPS),
                    (b, t) -> b.nadamUpdate(t[0], t[1], t[2], t[3], t[0].scalarLike(ONE_MINUS_P),
                            t[0].scalarLike(ONE_MINUS_P_NEXT), LR, C1, C2, MU_NEXT, ONE_MINUS_MU, V_CORRECTION, EPS),
                    t -> nadamChain(t[0], t[1], t[2], t[3])),
            rmsprop("rmsprop", "wgv", false, false),
            rmsprop("rmsprop momentum", "wgvm", true, false),
            rmsprop("rmsprop centered", "wgva", false, true),
            rmsprop("rmsprop centered momentum", "wgvma", true, true),
            new Update("adagrad", "wgv", t -> Tensor.adagradUpdate(t[0], t[1], t[2], LR, EPS),
                    (b, t) -> b.adagradUpdate(t[0], t[1], t[2], LR, EPS),
                    t -> adagradChain(t[0], t[1], t[2])),
            new Update("lion", "wgm", t -> Tensor.lionUpdate(t[0], t[1], t[2], LR, BETA1, 1f - BETA1, BETA2, 1f - BETA2),
                    (b, t) -> b.lionUpdate(t[0], t[1], t[2], LR, BETA1, 1f - BETA1, BETA2, 1f - BETA2),
                    t -> lionChain(t[0], t[1], t[2])),
            new Update("adadelta", "wgvv",
                    t -> Tensor.adadeltaUpdate(t[0], t[1], t[2], t[3], LR, RHO, ONE_MINUS_RHO, EPS),
                    (b, t) -> b.adadeltaUpdate(t[0], t[1], t[2], t[3], LR, RHO, ONE_MINUS_RHO, EPS),
                    t -> adadeltaChain(t[0], t[1], t[2], t[3])),
            ftrl("ftrl", 0.5f, 0f, 0f, 0f),                                   // Keras's defaults
            ftrl("ftrl regularized", 0.7f, 0.3f, 2f * (0.02f + 0.5f / (2f * LR)), (float) (2 * 0.03)),
            ftrl("ftrl power 0", -0f, 0.01f, 0.1f, 0f),                       // learning_rate_power = 0: p = −0
            ftrl("ftrl power 2", 2f, 0f, 0f, 0.2f),                           // pow's x·x case
            new Update("decay", "w", t -> t[0].decayWeightsi(WD, LR), (b, t) -> b.decayWeights(t[0], WD, LR),
                    t -> t[0].subi(t[0].unary(UnaryOp.MUL_SCALAR, WD, 0f, t[0].zerosLike()).muli(LR))));

    /** RMSprop's operands: 0 w, 1 g, 2 velocity, then momentum if used, then the average gradient if centered. */
    private static Update rmsprop(String name, String roles, boolean momentum, boolean centered) {
        float mu = momentum ? MU : 0f;
        Function<Tensor[], Tensor> mom = t -> momentum ? t[3] : null;
        Function<Tensor[], Tensor> avg = t -> centered ? t[roles.length() - 1] : null;
        return new Update(name, roles,
                t -> Tensor.rmspropUpdate(t[0], t[1], t[2], mom.apply(t), avg.apply(t), LR, RHO, ONE_MINUS_RHO, mu, EPS),
                (b, t) -> b.rmspropUpdate(t[0], t[1], t[2], mom.apply(t), avg.apply(t), LR, RHO, ONE_MINUS_RHO, mu, EPS),
                t -> rmspropChain(t[0], t[1], t[2], mom.apply(t), avg.apply(t), mu));
    }

    /** Ftrl's operands: 0 w, 1 g, 2 accumulator, 3 linear; the options as the optimizer passes them. */
    private static Update ftrl(String name, float power, float l1, float twoL2, float twoShrinkage) {
        return new Update(name, "wgvz",
                t -> Tensor.ftrlUpdate(t[0], t[1], t[2], t[3], LR, power, l1, twoL2, twoShrinkage),
                (b, t) -> b.ftrlUpdate(t[0], t[1], t[2], t[3], LR, power, l1, twoL2, twoShrinkage),
                t -> ftrlChain(t[0], t[1], t[2], t[3], power, l1, twoL2, twoShrinkage));
    }

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

    /** Adamax.updateStep before the fused update. */
    private static void adamaxChain(Tensor w, Tensor g, Tensor m, Tensor u) {
        Tensor a = w.zerosLike();
        Tensor b = w.zerosLike();
        m.addi(g.binary(BinaryOp.SUB, m, a).muli(C1));
        u.muli(0.999f).binary(BinaryOp.MAXIMUM, g.unary(UnaryOp.ABS, 0f, 0f, a), u);
        Tensor den = u.unary(UnaryOp.ADD_SCALAR, EPS, 0f, a).muli(BIAS_CORRECTION);
        w.subi(m.unary(UnaryOp.MUL_SCALAR, LR, 0f, b).divi(den));
    }

    /** Nadam.updateStep before the fused update (Slots.div: a true division by a rank-0 tensor). */
    private static void nadamChain(Tensor w, Tensor g, Tensor m, Tensor v) {
        Tensor a = w.zerosLike();
        Tensor b = w.zerosLike();
        m.addi(g.binary(BinaryOp.SUB, m, a).muli(C1));
        v.addi(g.unary(UnaryOp.SQUARE, 0f, 0f, a).subi(v).muli(C2));
        Tensor mHat = m.unary(UnaryOp.MUL_SCALAR, MU_NEXT, 0f, a).divi(w.scalarLike(ONE_MINUS_P_NEXT))
                .addi(g.unary(UnaryOp.MUL_SCALAR, ONE_MINUS_MU, 0f, b).divi(w.scalarLike(ONE_MINUS_P)));
        Tensor den = v.binary(BinaryOp.DIV, w.scalarLike(V_CORRECTION), b).unaryi(UnaryOp.SQRT).addi(EPS);
        w.subi(mHat.muli(LR).divi(den));
    }

    /** RMSprop.updateStep before the fused update (mom, avg: null when absent). */
    private static void rmspropChain(Tensor w, Tensor g, Tensor v, Tensor mom, Tensor avg, float momentum) {
        Tensor den = w.zerosLike();
        v.muli(RHO).addi(g.unary(UnaryOp.SQUARE, 0f, 0f, den).muli(ONE_MINUS_RHO));
        if (avg != null) {
            Tensor a = avg.muli(RHO).addi(g.unary(UnaryOp.MUL_SCALAR, ONE_MINUS_RHO, 0f, den));
            a.unary(UnaryOp.SQUARE, 0f, 0f, den);
            v.binary(BinaryOp.SUB, den, den).addi(EPS); // v − a² + eps
        } else {
            v.unary(UnaryOp.ADD_SCALAR, EPS, 0f, den);
        }
        Tensor inc = g.unary(UnaryOp.MUL_SCALAR, LR, 0f, w.zerosLike()).divi(den.unaryi(UnaryOp.SQRT));
        if (mom != null) {
            w.subi(mom.muli(momentum).addi(inc));
        } else {
            w.subi(inc);
        }
    }

    /** Adagrad.updateStep before the fused update. */
    private static void adagradChain(Tensor w, Tensor g, Tensor acc) {
        acc.addi(g.unary(UnaryOp.SQUARE, 0f, 0f, w.zerosLike()));
        Tensor den = acc.unary(UnaryOp.ADD_SCALAR, EPS, 0f, w.zerosLike()).unaryi(UnaryOp.SQRT);
        w.subi(g.unary(UnaryOp.MUL_SCALAR, LR, 0f, w.zerosLike()).divi(den));
    }

    /** Lion.updateStep before the fused update. */
    private static void lionChain(Tensor w, Tensor g, Tensor m) {
        Tensor b = w.zerosLike();
        Tensor dir = m.unary(UnaryOp.MUL_SCALAR, BETA1, 0f, w.zerosLike())
                .addi(g.unary(UnaryOp.MUL_SCALAR, 1f - BETA1, 0f, b)).unaryi(UnaryOp.SIGN);
        w.subi(dir.muli(LR));
        m.muli(BETA2).addi(g.unary(UnaryOp.MUL_SCALAR, 1f - BETA2, 0f, b));
    }

    /** Adadelta.updateStep before the fused update. */
    private static void adadeltaChain(Tensor w, Tensor g, Tensor eg, Tensor ex) {
        Tensor t = w.zerosLike();
        eg.muli(RHO).addi(g.unary(UnaryOp.SQUARE, 0f, 0f, t).muli(ONE_MINUS_RHO));
        Tensor delta = ex.unary(UnaryOp.ADD_SCALAR, EPS, 0f, w.zerosLike()).unaryi(UnaryOp.SQRT).muli(g)
                .divi(eg.unary(UnaryOp.ADD_SCALAR, EPS, 0f, t).unaryi(UnaryOp.SQRT)).unaryi(UnaryOp.NEG);
        ex.muli(RHO).addi(delta.unary(UnaryOp.SQUARE, 0f, 0f, t).muli(ONE_MINUS_RHO));
        w.addi(delta.muli(LR));
    }

    /** Ftrl.updateStep before the fused update (Slots.divi: a true division by a rank-0 tensor). */
    private static void ftrlChain(Tensor w, Tensor g, Tensor accum, Tensor linear, float p, float l1, float twoL2,
                                  float twoShrinkage) {
        Tensor s2 = w.zerosLike();
        Tensor s3 = w.zerosLike();
        Tensor gradToUse = w.unary(UnaryOp.MUL_SCALAR, twoShrinkage, 0f, w.zerosLike()).addi(g);
        Tensor newAccum = g.unary(UnaryOp.SQUARE, 0f, 0f, w.zerosLike()).addi(accum);
        Tensor sigma = newAccum.unary(UnaryOp.POW_SCALAR, p, 0f, s2).subi(accum.unary(UnaryOp.POW_SCALAR, p, 0f, s3));
        linear.addi(gradToUse.subi(sigma.divi(w.scalarLike(LR)).muli(w)));
        Tensor quadratic = newAccum.unary(UnaryOp.POW_SCALAR, p, 0f, s2).divi(w.scalarLike(LR)).addi(twoL2);
        Tensor clipped = linear.unary(UnaryOp.CLIP, -l1, l1, s3);
        w.copyFrom(clipped.subi(linear).divi(quadratic));
        accum.copyFrom(newAccum);
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

    /**
     * Seeded values by role: w, g and z (Ftrl's linear slot) in [−1, 1) (g with a few special values), m (a
     * momentum) in ±0.1, v (a second moment, v̂, Adamax's u, Adagrad's, Adadelta's and Ftrl's accumulators) in
     * [0, 0.01), a (RMSprop's average gradient) in ±0.03, so that v − a² is mostly positive.
     */
    private static float[] values(char role, int size, long seed) {
        float[] x = switch (role) {
            case 'w', 'g', 'z' -> Approx.uniform(seed, size, -1, 1);
            case 'm' -> Approx.uniform(seed, size, -0.1, 0.1);
            case 'a' -> Approx.uniform(seed, size, -0.03, 0.03);
            case 'v' -> Approx.uniform(seed, size, 0, 0.01);
            default -> throw new IllegalArgumentException("role " + role);
        };
        if (role == 'g') {
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
            bases[k].copyFrom(Tensor.of(values(u.roles().charAt(k), bases[k].size(), 31L * k + n), bases[k].dims()));
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

    // ---- the list forms: every weight in one call

    @Test
    void listFormsUpdateEachWeightAsTheOneWeightForm() {
        Tensor[] w = {Tensor.of(new float[] {1, -2, 3}, 3), Tensor.of(new float[] {0.5f, 4}, 2, 1)};
        Tensor[] g = {Tensor.of(new float[] {0.3f, 0.1f, -7}, 3), Tensor.of(new float[] {-1, 2}, 2, 1)};
        Tensor[] m = {Tensor.of(new float[] {0.1f, 0.2f, 0.3f}, 3), Tensor.of(new float[] {-0.4f, 0.5f}, 2, 1)};
        Tensor[] v = {Tensor.of(new float[] {0.01f, 0.02f, 0.03f}, 3), Tensor.of(new float[] {0.04f, 0.05f}, 2, 1)};
        Tensor[] one = copies(w, m, v);
        Tensor[] all = copies(w, m, v);
        for (int i = 0; i < 2; i++) {
            Tensor.sgdUpdate(one[i], g[i], one[2 + i], LR, MU, true);
            Tensor.adamUpdate(one[i], g[i], one[2 + i], one[4 + i], null, ALPHA, C1, C2, EPS);
        }
        Tensor.sgdUpdates(List.of(all[0], all[1]), List.of(g), List.of(all[2], all[3]), LR, MU, true);
        Tensor.adamUpdates(List.of(all[0], all[1]), List.of(g), List.of(all[2], all[3]), List.of(all[4], all[5]), null,
                ALPHA, C1, C2, EPS);
        for (int k = 0; k < one.length; k++) {
            assertSameBits("operand " + k, one[k].toFloatArray(), all[k].toFloatArray());
        }
        assertIae(() -> Tensor.sgdUpdates(List.of(w), List.of(g[0]), null, LR, 0f, false),
                "sgdUpdates: 1 tensors in argument 2 for 2 weights");
        assertIae(() -> Tensor.sgdUpdates(List.of(w), List.of(g), null, LR, MU, false),
                "sgdUpdates: momentum=0.9 needs momentum slots");
        assertIae(() -> Tensor.adamUpdates(List.of(w), List.of(g), List.of(m), List.of(m), null, ALPHA, C1, C2, EPS),
                "adamUpdates: v shares memory with m");
    }

    private static Tensor[] copies(Tensor[]... groups) {
        return Stream.of(groups).flatMap(Stream::of).map(Tensor::copy).toArray(Tensor[]::new);
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
        assertIae(() -> Tensor.adamaxUpdate(w, g, m, null, LR, C1, 0.999f, EPS, BIAS_CORRECTION), "adamaxUpdate: u is null");
        Tensor v = Tensor.zeros(2, 3);
        assertIae(() -> Tensor.nadamUpdate(w, g, m, v, Tensor.zeros(1), Tensor.scalar(1f), LR, C1, C2, MU_NEXT,
                ONE_MINUS_MU, V_CORRECTION, EPS), "nadamUpdate: oneMinusP must be a float32 scalar (rank 0)", "[1]");
        assertIae(() -> Tensor.nadamUpdate(w, g, m, v, Tensor.scalar(1f), null, LR, C1, C2, MU_NEXT, ONE_MINUS_MU,
                V_CORRECTION, EPS), "nadamUpdate: oneMinusPNext is null");
        assertIae(() -> Tensor.nadamUpdate(w, g, m, v, Tensor.scalar(1f), m.select(0, 1).select(0, 2), LR, C1, C2,
                MU_NEXT, ONE_MINUS_MU, V_CORRECTION, EPS), "nadamUpdate: oneMinusPNext shares memory with m");
        assertIae(() -> Tensor.rmspropUpdate(w, g, null, null, null, LR, RHO, ONE_MINUS_RHO, 0f, EPS),
                "rmspropUpdate: v is null");
        assertIae(() -> Tensor.rmspropUpdate(w, g, v, null, Tensor.zeros(3, 2), LR, RHO, ONE_MINUS_RHO, 0f, EPS),
                "rmspropUpdate: avg has shape [3, 2], expected w's shape [2, 3]");
        assertIae(() -> Tensor.adagradUpdate(w, g, g, LR, EPS), "adagradUpdate: acc shares memory with g");
        assertIae(() -> Tensor.lionUpdate(w, g, null, LR, BETA1, 1f - BETA1, BETA2, 1f - BETA2), "lionUpdate: m is null");
        assertIae(() -> Tensor.adadeltaUpdate(w, g, m, Tensor.zeros(6), LR, RHO, ONE_MINUS_RHO, EPS),
                "adadeltaUpdate: ex has shape [6], expected w's shape [2, 3]");
        assertIae(() -> Tensor.ftrlUpdate(w, g, m, m, LR, 0.5f, 0f, 0f, 0f), "ftrlUpdate: z shares memory with n");
    }

    @Test
    void aBroadcastGradientIsRead() {
        Tensor w = Tensor.zeros(2, 3);
        Tensor.sgdUpdate(w, Tensor.scalar(2f).broadcastTo(Shape.of(2, 3)), null, 0.5f, 0f, false);
        assertArrayEquals(new float[] {-1, -1, -1, -1, -1, -1}, w.toFloatArray());
    }
}
