package kiln.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import kiln.tensor.Backend;
import kiln.tensor.Backends;
import kiln.tensor.BinaryOp;
import kiln.tensor.DType;
import kiln.tensor.Device;
import kiln.tensor.RandomKind;
import kiln.tensor.ReduceOp;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every CUDA primitive against the CPU backend (the reference) on seeded random inputs, including
 * strided, transposed and broadcast views. Needs a GPU: skips with the reason elsewhere.
 * Tolerances: elementwise ops are ported formula for formula (double where Java uses double, no FMA),
 * so they match to 1 ulp-ish (2e-7 relative); sums differ in order only (1e-5 relative); GEMM
 * accumulates in a different order over k (1e-4 relative to the row's magnitude).
 */
class CudaBackendTest {
    static final Device GPU = Device.cuda(0);
    Backend cpu;
    CudaBackend gpu;
    final SplittableRandom rnd = new SplittableRandom(42);

    @BeforeEach
    void needsGpu() {
        assumeTrue(Device.cudaAvailable(), () -> "no usable GPU: " + Backends.unavailableReason(Device.Type.CUDA));
        cpu = Backends.get(Device.CPU);
        gpu = (CudaBackend) Backends.get(GPU);
    }

    // ---- helpers

    Tensor randn(int... dims) {
        float[] v = new float[Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextDouble() * 6 - 3);
        }
        return Tensor.of(v, dims);
    }

    static Tensor gpu(Tensor t) {
        return t.to(GPU);
    }

    static void close(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        assertEquals(Device.CPU, expected.device());
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            boolean ok = Float.isNaN(e[i]) ? Float.isNaN(a[i])
                    : e[i] == a[i] || Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]);
            if (!ok) {
                fail(what + ": first mismatch at flat index " + i + " of " + expected.shape() + ": expected " + e[i]
                        + ", got " + a[i]);
            }
        }
    }

    // ---- storage and movement

    @Test
    void roundTripAndZeroFill() {
        Tensor x = randn(3, 5);
        assertArrayEquals(x.toFloatArray(), gpu(x).toFloatArray());
        int[] ints = {1, -2, 3, Integer.MIN_VALUE};
        assertArrayEquals(ints, gpu(Tensor.ofInts(ints, 4)).toIntArray());
        assertArrayEquals(new float[7], Tensor.zeros(DType.FLOAT32, Shape.of(7), GPU).toFloatArray());
    }

    @Test
    void stridedCopyConvertAndFill() {
        Tensor x = randn(4, 6).mul(100f);
        Tensor xt = x.transpose(0, 1);
        close("strided copy", xt.copy(), gpu(x).transpose(0, 1).copy().to(Device.CPU), 0, 0);
        Tensor special = Tensor.of(new float[] {Float.NaN, 3e9f, -3e9f, -2.7f, 2.7f, -0.0f}, 6);
        assertArrayEquals(special.toInt().toIntArray(), gpu(special).toInt().toIntArray(), "float->int as Java's cast");
        Tensor ints = Tensor.ofInts(new int[] {16777217, -5, 0}, 3);
        assertArrayEquals(ints.toFloat().toFloatArray(), gpu(ints).toFloat().toFloatArray());
        Tensor g = gpu(x);
        g.narrow(1, 1, 3).fill(7f);
        Tensor c = x.copy();
        c.narrow(1, 1, 3).fill(7f);
        close("strided fill", c, g.to(Device.CPU), 0, 0);
    }

    // ---- elementwise

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesCpu(UnaryOp op) {
        Tensor x = randn(7, 9);
        Tensor specials = Tensor.of(new float[] {0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 1e-30f, 88f, -104f, 0.5f, 2.5f}, 12);
        float alpha = op == UnaryOp.CLIP ? -0.5f : 0.3f;
        float beta = op == UnaryOp.CLIP ? 0.7f : 0f;
        for (Tensor in : new Tensor[] {x, x.transpose(0, 1), specials}) {
            close(op + " " + in.shape(), in.unary(op, alpha, beta), gpu(in.contiguous()).unary(op, alpha, beta).to(Device.CPU),
                    2e-7, 1e-30);
            Tensor g = gpu(x).transpose(0, 1); // strided operand on the device
            close(op + " strided", x.transpose(0, 1).unary(op, alpha, beta), g.unary(op, alpha, beta).to(Device.CPU),
                    2e-7, 1e-30);
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryWithBroadcastMatchesCpu(BinaryOp op) {
        Tensor a = randn(2, 1, 4);
        Tensor b = randn(3, 1);
        if (op == BinaryOp.POW) {
            a = a.abs();
        }
        close(op.name(), a.binary(op, b), gpu(a).binary(op, gpu(b)).to(Device.CPU), 2e-7, 1e-30);
        Tensor c = randn(5, 4);
        close(op + " transposed", c.t().binary(op, c.t()), gpu(c).t().binary(op, gpu(c).t()).to(Device.CPU), 2e-7, 1e-30);
    }

    @Test
    void whereAndBiasActivation() {
        Tensor cond = randn(4, 5).gt(Tensor.scalar(0f));
        Tensor a = randn(4, 5);
        Tensor b = randn(1, 5);
        close("where", Tensor.where(cond, a, b), Tensor.where(gpu(cond), gpu(a), gpu(b)).to(Device.CPU), 0, 0);
        Tensor x = randn(8, 6);
        Tensor bias = randn(6);
        for (UnaryOp act : new UnaryOp[] {UnaryOp.RELU, UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.GELU, UnaryOp.LEAKY_RELU}) {
            close("biasActivation " + act, x.biasActivation(bias, act, 0.2f),
                    gpu(x).biasActivation(gpu(bias), act, 0.2f).to(Device.CPU), 2e-7, 1e-30);
        }
    }

    // ---- reductions

    @Test
    void reductionsAlongAxes() {
        Tensor x = randn(6, 7, 5);
        Tensor big = randn(300_001);
        for (ReduceOp op : ReduceOp.values()) {
            for (int[] keep : new int[][] {{1, 1, 1}, {6, 1, 1}, {1, 7, 1}, {1, 1, 5}, {6, 7, 1}, {1, 7, 5}}) {
                Tensor src = op == ReduceOp.PROD ? x.mul(0.5f) : x;
                Tensor ce = Tensor.zeros(keep);
                cpu.reduce(op, src, ce);
                Tensor ge = Tensor.zeros(DType.FLOAT32, Shape.of(keep), GPU);
                gpu.reduce(op, gpu(src), ge);
                close(op + " keep " + Arrays.toString(keep), ce, ge.to(Device.CPU), 1e-5, 1e-6);
            }
            if (op != ReduceOp.PROD) {
                Tensor ce = Tensor.zeros(1);
                cpu.reduce(op, big, ce);
                Tensor ge = Tensor.zeros(DType.FLOAT32, Shape.of(1), GPU);
                gpu.reduce(op, gpu(big), ge);
                close(op + " of 300001", ce, ge.to(Device.CPU), 1e-5, 1e-3);
            }
        }
    }

    @Test
    void argMaxMin() {
        Tensor x = Tensor.of(new float[] {1, 5, 5, 2, Float.NaN, 0, 3, 3, 3}, 3, 3);
        for (boolean max : new boolean[] {true, false}) {
            for (int axis = 0; axis < 2; axis++) {
                int[] od = x.dims();
                od[axis] = 1;
                Tensor c = Tensor.zeros(DType.INT32, Shape.of(od), Device.CPU);
                cpu.argReduce(max, x, axis, c);
                Tensor g = Tensor.zeros(DType.INT32, Shape.of(od), GPU);
                gpu.argReduce(max, gpu(x), axis, g);
                assertArrayEquals(c.toIntArray(), g.toIntArray(), (max ? "argmax" : "argmin") + " axis " + axis);
            }
        }
    }

    @Test
    void argmaxMatches() {
        Tensor x = randn(3, 37, 11);
        float[] v = x.toFloatArray();
        v[5] = Float.NaN;
        v[11 + 3] = v[11 + 7] = 100f; // a tie
        Tensor xs = Tensor.of(v, 3, 37, 11);
        int[] ids = rnd.ints(3 * 37, 0, 11).toArray();
        float[] floats = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            floats[i] = i % 5 == 0 ? ids[i] + 0.5f : ids[i];
        }
        for (Tensor labels : new Tensor[] {Tensor.ofInts(ids, 3, 37), Tensor.of(floats, 3, 37)}) {
            Tensor c = Tensor.zeros(3, 37);
            cpu.argmaxMatches(xs, labels, c);
            Tensor g = Tensor.zeros(DType.FLOAT32, Shape.of(3, 37), GPU);
            gpu.argmaxMatches(gpu(xs), gpu(labels), g);
            assertArrayEquals(c.toFloatArray(), g.to(Device.CPU).toFloatArray(), "argmaxMatches " + labels.dtype());
        }
        // against its own argmax every row matches (so the comparison above is not of all-zero results)
        Tensor hits = gpu(xs).argmax(-1);
        Tensor g = Tensor.zeros(DType.FLOAT32, Shape.of(3, 37), GPU);
        gpu.argmaxMatches(gpu(xs), hits, g);
        assertEquals(3 * 37f, g.sum().item());
    }

    // ---- GEMM

    @ParameterizedTest
    @EnumSource(CudaGemm.Engine.class)
    void matmulWithTransposesBatchesAlphaBeta(CudaGemm.Engine engine) {
        CudaGemm gemm = new CudaGemm(gpu, engine);
        int[][] mnk = {{1, 1, 1}, {5, 7, 3}, {64, 64, 64}, {65, 130, 33}, {200, 3, 517}};
        for (int[] s : mnk) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (int variant = 0; variant < 4; variant++) {
                Tensor a = (variant & 1) == 0 ? randn(m, k) : randn(k, m).t();
                Tensor b = (variant & 2) == 0 ? randn(k, n) : randn(n, k).t();
                // the device operands get the same layouts as the host's (transposed views read in place)
                Tensor ga = (variant & 1) == 0 ? gpu(a) : gpu(a.t().contiguous()).t();
                Tensor gb = (variant & 2) == 0 ? gpu(b) : gpu(b.t().contiguous()).t();
                Tensor c = randn(m, n);
                Tensor gc2 = gpu(c);
                gemm.matmul(ga, gb, 0.5f, 2f, gc2);
                Tensor ref = c.copy();
                Tensor.matmul(a, b, 0.5f, 2f, ref);
                close(engine + " " + Arrays.toString(s) + " variant " + variant, ref, gc2.to(Device.CPU), 1e-4, 1e-4 * k);
            }
        }
        Tensor a = randn(3, 4, 5);
        Tensor b = randn(1, 5, 6).broadcastTo(Shape.of(3, 5, 6)); // broadcast batch: stride 0
        Tensor ref = Tensor.zeros(3, 4, 6);
        Tensor.matmul(a, b, 1f, 0f, ref);
        Tensor gOut = Tensor.zeros(DType.FLOAT32, Shape.of(3, 4, 6), GPU);
        gemm.matmul(gpu(a), gpu(b.contiguous()), 1f, 0f, gOut);
        close(engine + " batched", ref, gOut.to(Device.CPU), 1e-4, 1e-3);
        Tensor b1 = randn(1, 5, 6);
        Tensor.matmul(a, b1.broadcastTo(Shape.of(3, 5, 6)), 1f, 0f, ref);
        gemm.matmul(gpu(a), gpu(b1).broadcastTo(Shape.of(3, 5, 6)), 1f, 0f, gOut);
        close(engine + " broadcast batch", ref, gOut.to(Device.CPU), 1e-4, 1e-3);
    }

    // ---- nn primitives

    @Test
    void softmaxAndLogSoftmaxAlongEachAxis() {
        Tensor x = randn(4, 33, 5).mul(10f);
        for (int axis = 0; axis < 3; axis++) {
            for (boolean log : new boolean[] {false, true}) {
                Tensor c = Tensor.zeros(4, 33, 5);
                cpu.softmax(x, axis, log, c);
                Tensor g = Tensor.zeros(DType.FLOAT32, Shape.of(4, 33, 5), GPU);
                gpu.softmax(gpu(x), axis, log, g);
                close((log ? "log_softmax" : "softmax") + " axis " + axis, c, g.to(Device.CPU), 1e-6, 1e-7);
            }
        }
    }

    @Test
    void softmaxBackward() {
        Tensor y = Tensor.zeros(4, 33, 5);
        cpu.softmax(randn(4, 33, 5), 1, false, y);
        Tensor gData = randn(5, 33, 4);
        Tensor g = gData.permute(2, 1, 0); // strided
        for (int axis = 0; axis < 3; axis++) {
            Tensor c = Tensor.zeros(4, 33, 5);
            cpu.softmaxBackward(y, g, axis, c);
            for (Tensor gg : new Tensor[] {gpu(gData).permute(2, 1, 0), gpu(g.contiguous())}) {
                Tensor d = Tensor.zeros(DType.FLOAT32, Shape.of(4, 33, 5), GPU);
                gpu.softmaxBackward(gpu(y), gg, axis, d);
                close("softmax backward axis " + axis + (gg.isContiguous() ? "" : " strided g"), c, d.to(Device.CPU),
                        1e-6, 1e-7);
            }
        }
    }

    @Test
    void fusedSoftmaxCrossEntropy() {
        Tensor z = randn(37, 10).mul(4f);
        Tensor labels = Tensor.ofInts(rnd.ints(37, 0, 10).toArray(), 37);
        Tensor dist = Tensor.zeros(37, 10);
        cpu.softmax(randn(37, 10), 1, false, dist);
        for (Tensor t : new Tensor[] {labels, dist}) {
            Tensor cl = Tensor.zeros(37);
            Tensor cg = Tensor.zeros(37, 10);
            cpu.softmaxCrossEntropy(z, t, cl, cg);
            Tensor gl = Tensor.zeros(DType.FLOAT32, Shape.of(37), GPU);
            Tensor gg = Tensor.zeros(DType.FLOAT32, Shape.of(37, 10), GPU);
            gpu.softmaxCrossEntropy(gpu(z), gpu(t), gl, gg);
            close("CE loss " + t.dtype(), cl, gl.to(Device.CPU), 1e-5, 1e-6);
            close("CE grad " + t.dtype(), cg, gg.to(Device.CPU), 1e-5, 1e-6);
        }
        Tensor bad = Tensor.ofInts(new int[] {1, 10}, 2);
        Tensor badLogits = gpu(randn(2, 10));
        Tensor badLoss = Tensor.zeros(DType.FLOAT32, Shape.of(2), GPU);
        String deferred = reportedAtTheNextRead(() -> gpu.softmaxCrossEntropy(badLogits, gpu(bad), badLoss, null));
        assertTrue(deferred.contains("softmaxCrossEntropy: label at row 1 is out of range [0, 10)"), deferred);
        String now = reportedByTheOperation(() -> gpu.softmaxCrossEntropy(badLogits, gpu(bad), badLoss, null));
        assertTrue(now.contains("label 10 at row 1"), now);
    }

    @Test
    void fusedSparseCrossEntropyChecksLabelsOnTheDevice() {
        for (int c : new int[] {10, 300}) {
            Tensor probs = randn(37, c).abs().add(0.05f);
            int[] ids = rnd.ints(37, 0, c).toArray();
            ids[3] = -1; // ignore_class
            ids[4] = c; // out of range
            ids[5] = -7;
            float[] floats = new float[37];
            for (int i = 0; i < 37; i++) {
                floats[i] = ids[i];
            }
            floats[6] = 0.5f; // not an integer
            floats[7] = Float.NaN;
            for (Tensor labels : new Tensor[] {Tensor.ofInts(ids, 37), Tensor.of(floats, 37)}) {
                for (boolean fromLogits : new boolean[] {true, false}) {
                    Tensor pred = fromLogits ? probs.log().mul(3f) : probs;
                    Tensor cl = Tensor.zeros(37);
                    Tensor cg = Tensor.zeros(37, c);
                    cpu.sparseCrossEntropy(pred, labels, fromLogits, 1e-7f, -1, cl, cg);
                    Tensor gl = Tensor.zeros(DType.FLOAT32, Shape.of(37), GPU);
                    Tensor gg = Tensor.zeros(DType.FLOAT32, Shape.of(37, c), GPU);
                    gpu.sparseCrossEntropy(gpu(pred), gpu(labels), fromLogits, 1e-7f, -1, gl, gg);
                    String what = "sparse CE c=" + c + " " + labels.dtype() + (fromLogits ? " logits" : " probabilities");
                    close(what + " loss", cl, gl.to(Device.CPU), 1e-5, 1e-6);
                    close(what + " grad", cg, gg.to(Device.CPU), 1e-5, 1e-6);
                    float[] l = cl.toFloatArray();
                    assertEquals(0f, l[3], what + ": ignored label");
                    assertTrue(Float.isNaN(l[4]) && Float.isNaN(l[5]), what + ": labels out of range give NaN");
                    assertEquals(labels.dtype() == DType.FLOAT32, Float.isNaN(l[6]) && Float.isNaN(l[7]), what);
                }
            }
        }
    }

    // ---- indexing

    @Test
    void gatherAndScatterAdd() {
        Tensor x = randn(4, 6, 3);
        Tensor idx = Tensor.ofInts(new int[] {5, 0, 5, 2}, 4);
        for (int axis = 0; axis < 3; axis++) {
            Tensor ix = axis == 0 ? Tensor.ofInts(new int[] {3, 0, 3}, 3) : axis == 2 ? Tensor.ofInts(new int[] {2, 2}, 2) : idx;
            int[] od = x.dims();
            od[axis] = ix.size();
            Tensor c = Tensor.zeros(od);
            cpu.gather(x, ix, axis, c);
            Tensor g = Tensor.zeros(DType.FLOAT32, Shape.of(od), GPU);
            gpu.gather(gpu(x), gpu(ix), axis, g);
            close("gather axis " + axis, c, g.to(Device.CPU), 0, 0);
            Tensor sc = x.copy();
            cpu.scatterAdd(c, ix, axis, sc);
            Tensor sg = gpu(x);
            gpu.scatterAdd(g, gpu(ix), axis, sg);
            close("scatterAdd axis " + axis, sc, sg.to(Device.CPU), 0, 0);
        }
        Tensor gx = gpu(x);
        Tensor badIndex = gpu(Tensor.ofInts(new int[] {1, 6}, 2));
        Tensor out = Tensor.zeros(DType.FLOAT32, Shape.of(4, 2, 3), GPU);
        String deferred = reportedAtTheNextRead(() -> gpu.gather(gx, badIndex, 1, out));
        assertTrue(deferred.contains("gather: index at position 1 is out of range [0, 6) for axis 1"), deferred);
        String now = reportedByTheOperation(() -> gpu.gather(gx, badIndex, 1, out));
        assertTrue(now.contains("gather: index 6 at position 1"), now);
        // nothing is left pending: the next read is clean
        assertEquals(2 * 4 * 3, out.toFloatArray().length);
    }

    /** By default a bad index is reported at the next read to the host, not by the launch. */
    String reportedAtTheNextRead(Runnable launch) {
        System.clearProperty("kiln.cuda.syncIndexChecks");
        launch.run();
        return assertThrows(IllegalArgumentException.class, () -> gpu.synchronize()).getMessage();
    }

    /** With -Dkiln.cuda.syncIndexChecks=true the operation itself throws, naming the value. */
    String reportedByTheOperation(Runnable launch) {
        System.setProperty("kiln.cuda.syncIndexChecks", "true");
        try {
            return assertThrows(IllegalArgumentException.class, launch::run).getMessage();
        } finally {
            System.clearProperty("kiln.cuda.syncIndexChecks");
        }
    }

    // ---- random

    @ParameterizedTest
    @EnumSource(RandomKind.class)
    void randomFillsMatchTheCpuGenerator(RandomKind kind) {
        int n = 100_003;
        Tensor c = Tensor.zeros(n);
        cpu.random(kind, 1234L, 987_654_321L, 0.25f, 2f, c);
        Tensor g = Tensor.zeros(DType.FLOAT32, Shape.of(n), GPU);
        gpu.random(kind, 1234L, 987_654_321L, 0.25f, 2f, g);
        float[] e = c.toFloatArray();
        float[] a = g.toFloatArray();
        int differ = 0;
        for (int i = 0; i < n; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                differ++;
                assertTrue(Math.abs(e[i] - a[i]) <= 1e-6 * Math.max(1, Math.abs(e[i])),
                        kind + " element " + i + ": " + e[i] + " vs " + a[i]);
            }
        }
        if (kind == RandomKind.UNIFORM || kind == RandomKind.BERNOULLI) {
            assertEquals(0, differ, kind + " must be bit-identical to the CPU");
        } else {
            assertTrue(differ <= n / 10_000, kind + ": " + differ + " of " + n + " differ in the last bit (libm)");
        }
    }

    // ---- fused optimizer updates (the CPU's equal the op-by-op chain bit for bit: OptimizerUpdatesTest)

    /**
     * Runs one update on CPU copies and on GPU copies of the same operands (each transposed first when
     * asked, so the update sees strided views); every operand must match exactly.
     */
    void sameUpdate(String what, boolean transposed, java.util.function.Consumer<Tensor[]> update, Tensor... operands) {
        java.util.function.UnaryOperator<Tensor> view = t -> transposed ? t.t() : t;
        Tensor[] onCpu = Arrays.stream(operands).map(t -> view.apply(t.copy())).toArray(Tensor[]::new);
        Tensor[] onGpu = Arrays.stream(operands).map(t -> view.apply(gpu(t))).toArray(Tensor[]::new);
        update.accept(onCpu);
        update.accept(onGpu);
        for (int i = 0; i < operands.length; i++) {
            close(what + " operand " + i, onCpu[i], onGpu[i].to(Device.CPU), 0, 0);
        }
    }

    @Test
    void fusedOptimizerUpdatesMatchTheCpuBitForBit() {
        float c1 = (float) (1 - 0.9);
        float c2 = (float) (1 - 0.999);
        for (boolean transposed : new boolean[] {false, true}) { // transposed: the GPU takes the composed default
            Tensor w = randn(40, 25);
            Tensor g = randn(40, 25);
            Tensor m = randn(40, 25).mul(0.1f);
            Tensor v = randn(40, 25).abs().mul(0.1f);
            Tensor vhat = randn(40, 25).abs().mul(0.1f);
            sameUpdate("sgd", transposed, t -> Tensor.sgdUpdate(t[0], t[1], null, 0.01f, 0f, false), w, g);
            sameUpdate("sgd momentum", transposed, t -> Tensor.sgdUpdate(t[0], t[1], t[2], 0.01f, 0.9f, false), w, g, m);
            sameUpdate("sgd nesterov", transposed, t -> Tensor.sgdUpdate(t[0], t[1], t[2], 0.01f, 0.9f, true), w, g, m);
            sameUpdate("adam", transposed, t -> Tensor.adamUpdate(t[0], t[1], t[2], t[3], null, 1e-3f, c1, c2, 1e-7f),
                    w, g, m, v);
            sameUpdate("amsgrad", transposed,
                    t -> Tensor.adamUpdate(t[0], t[1], t[2], t[3], t[4], 1e-3f, c1, c2, 1e-7f), w, g, m, v, vhat);
            sameUpdate("decay", transposed, t -> t[0].decayWeightsi(0.004f, 0.01f), w);
        }
    }

    /**
     * sgdUpdates / adamUpdates over 21 weights of mixed sizes (two launches of at most 16; one empty weight; one
     * transposed gradient, which takes the one-weight path) against the CPU updating them one by one.
     */
    @Test
    void listOptimizerUpdatesMatchTheCpuBitForBit() {
        float c1 = (float) (1 - 0.9);
        float c2 = (float) (1 - 0.999);
        int count = 21;
        for (String rule : new String[] {"sgd", "sgd momentum", "sgd nesterov", "adam", "amsgrad"}) {
            List<List<Tensor>> cpuOps = new ArrayList<>();
            List<List<Tensor>> gpuOps = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                cpuOps.add(new ArrayList<>());
                gpuOps.add(new ArrayList<>());
            }
            for (int i = 0; i < count; i++) {
                int rows = i == 7 ? 0 : 1 + (i * 37) % 300;
                for (int k = 0; k < 5; k++) {
                    Tensor t = k == 1 && i == 3 ? randn(5, rows).t() : randn(rows, 5);
                    t = k >= 3 ? t.abs().mul(0.1f) : t;
                    cpuOps.get(k).add(t.copy());
                    gpuOps.get(k).add(k == 1 && i == 3 ? gpu(t.t().contiguous()).t() : gpu(t));
                }
            }
            for (List<List<Tensor>> ops : List.of(cpuOps, gpuOps)) {
                List<Tensor> w = ops.get(0);
                List<Tensor> g = ops.get(1);
                switch (rule) {
                    case "sgd" -> Tensor.sgdUpdates(w, g, null, 0.01f, 0f, false);
                    case "sgd momentum" -> Tensor.sgdUpdates(w, g, ops.get(2), 0.01f, 0.9f, false);
                    case "sgd nesterov" -> Tensor.sgdUpdates(w, g, ops.get(2), 0.01f, 0.9f, true);
                    case "adam" -> Tensor.adamUpdates(w, g, ops.get(2), ops.get(3), null, 1e-3f, c1, c2, 1e-7f);
                    default -> Tensor.adamUpdates(w, g, ops.get(2), ops.get(3), ops.get(4), 1e-3f, c1, c2, 1e-7f);
                }
            }
            for (int k = 0; k < 5; k++) {
                for (int i = 0; i < count; i++) {
                    close(rule + " weight " + i + " operand " + k, cpuOps.get(k).get(i),
                            gpuOps.get(k).get(i).to(Device.CPU), 0, 0);
                }
            }
        }
    }

    /**
     * Adamax, Nadam, RMSprop (plain, momentum, centered, both), Adagrad, Lion, Adadelta and Ftrl (Keras's defaults,
     * and every option set), with edge values in the gradient.
     */
    @Test
    void moreFusedOptimizerUpdatesMatchTheCpuBitForBit() {
        float c1 = (float) (1 - 0.9);
        float c2 = (float) (1 - 0.999);
        float rho = 0.9f;
        float omr = (float) (1 - 0.9);
        for (boolean transposed : new boolean[] {false, true}) { // transposed: the GPU takes the composed default
            Tensor w = randn(40, 25);
            float[] gv = randn(40, 25).toFloatArray();
            float[] edge = {0f, -0f, Float.MIN_VALUE, 1e20f, -1e20f, Float.NaN, 1e-20f};
            for (int i = 0; i < edge.length; i++) {
                gv[i * 131] = edge[i];
            }
            Tensor g = Tensor.of(gv, 40, 25);
            Tensor m = randn(40, 25).mul(0.1f);
            Tensor v = randn(40, 25).abs().mul(0.1f);
            Tensor avg = randn(40, 25).mul(0.03f);
            Tensor z = randn(40, 25);
            sameUpdate("adamax", transposed,
                    t -> Tensor.adamaxUpdate(t[0], t[1], t[2], t[3], 1e-3f, c1, 0.999f, 1e-7f, 0.271f), w, g, m, v);
            sameUpdate("nadam", transposed, t -> Tensor.nadamUpdate(t[0], t[1], t[2], t[3], t[0].scalarLike(0.19f),
                    t[0].scalarLike(0.23f), 1e-3f, c1, c2, 0.46f, 0.57f, 0.003f, 1e-7f), w, g, m, v);
            sameUpdate("rmsprop", transposed,
                    t -> Tensor.rmspropUpdate(t[0], t[1], t[2], null, null, 1e-3f, rho, omr, 0f, 1e-7f), w, g, v);
            sameUpdate("rmsprop momentum", transposed,
                    t -> Tensor.rmspropUpdate(t[0], t[1], t[2], t[3], null, 1e-3f, rho, omr, 0.9f, 1e-7f), w, g, v, m);
            sameUpdate("rmsprop centered", transposed,
                    t -> Tensor.rmspropUpdate(t[0], t[1], t[2], null, t[3], 1e-3f, rho, omr, 0f, 1e-7f), w, g, v, avg);
            sameUpdate("rmsprop centered momentum", transposed,
                    t -> Tensor.rmspropUpdate(t[0], t[1], t[2], t[3], t[4], 1e-3f, rho, omr, 0.9f, 1e-7f), w, g, v, m, avg);
            sameUpdate("adagrad", transposed, t -> Tensor.adagradUpdate(t[0], t[1], t[2], 1e-3f, 1e-7f), w, g, v);
            sameUpdate("lion", transposed,
                    t -> Tensor.lionUpdate(t[0], t[1], t[2], 1e-3f, 0.9f, 1f - 0.9f, 0.99f, 1f - 0.99f), w, g, m);
            sameUpdate("adadelta", transposed,
                    t -> Tensor.adadeltaUpdate(t[0], t[1], t[2], t[3], 1f, rho, omr, 1e-7f), w, g, v, m.abs());
            sameUpdate("ftrl", transposed, t -> Tensor.ftrlUpdate(t[0], t[1], t[2], t[3], 0.1f, 0.5f, 0f, 0f, 0f),
                    w, g, v, z);
            sameUpdate("ftrl regularized", transposed, t -> Tensor.ftrlUpdate(t[0], t[1], t[2], t[3], 0.1f, 0.7f, 0.5f,
                    2f * (0.02f + 0.5f / (2f * 0.1f)), (float) (2 * 0.03)), w, g, v, z);
        }
    }

    @Test
    void axpyMatchesTheCpuBitForBit() {
        Tensor x = randn(300, 7);
        Tensor out = randn(300, 7);
        Tensor ref = out.copy();
        cpu.axpy(-0.01f, x, ref);
        Tensor g = gpu(out);
        gpu.axpy(-0.01f, gpu(x), g); // dense: optimizer.cu's sgd kernel
        close("axpy dense", ref, g.to(Device.CPU), 0, 0);
        Tensor row = randn(1, 7);
        Tensor ref2 = out.copy();
        cpu.axpy(2.5f, row.broadcastTo(Shape.of(300, 7)), ref2);
        Tensor g2 = gpu(out);
        gpu.axpy(2.5f, gpu(row).broadcastTo(Shape.of(300, 7)), g2); // broadcast: the composed default
        close("axpy broadcast", ref2, g2.to(Device.CPU), 0, 0);
    }

    @Test
    void batchNormStatistics() {
        Tensor x = randn(513, 7).add(1000f);
        Tensor mean = x.mean(new int[] {0}, true);
        Tensor var = x.sub(mean).square().mean(new int[] {0}, true);
        Tensor gm = Tensor.zeros(DType.FLOAT32, Shape.of(7), GPU);
        Tensor gv = Tensor.zeros(DType.FLOAT32, Shape.of(7), GPU);
        new CudaFusedOps(gpu).batchNormStats(gpu(x), gm, gv);
        close("bn mean", mean.reshape(7), gm.to(Device.CPU), 1e-6, 1e-4);
        close("bn var", var.reshape(7), gv.to(Device.CPU), 1e-3, 1e-3);
    }

    // ---- devices and memory

    @Test
    void mixingDevicesIsAClearError() {
        Tensor a = randn(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(gpu(a)));
        assertTrue(e.getMessage().contains("different devices"), e.getMessage());
        Tensor w = gpu(a);
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.sgdUpdate(w, a, null, 0.1f, 0f, false));
        assertTrue(e.getMessage().startsWith("sgdUpdate: g is on cpu"), e.getMessage());
    }

    @Test
    void allocatorReusesReleasedBlocksAndReportsOutOfMemory() {
        var before = gpu.memoryStats();
        var buf = gpu.allocate(DType.FLOAT32, 1 << 20);
        gpu.release(buf);
        var buf2 = gpu.allocate(DType.FLOAT32, 1 << 20);
        assertTrue(gpu.memoryStats().cacheHits() > before.cacheHits(), gpu.memoryStats().toString());
        gpu.release(buf2);
        CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class,
                () -> gpu.cx.allocator.allocate(1L << 50));
        assertTrue(e.getMessage().contains("tried to allocate") && e.getMessage().contains("reserved"), e.getMessage());
        gpu.emptyCache();
    }
}
