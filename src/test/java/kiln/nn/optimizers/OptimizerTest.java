package kiln.nn.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kiln.nn.Weight;
import kiln.nn.layers.Naming;
import kiln.nn.optimizers.schedules.ExponentialDecay;
import kiln.tensor.Device;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The base optimizer's contract beyond the golden trajectories: errors, lifecycle, state, allocation. */
class OptimizerTest {

    private static List<Weight> weights() {
        return OptimizersGoldenTest.weights(null);
    }

    private static List<Tensor> grads(float scale) {
        return List.of(Tensor.full(scale, 3, 2), Tensor.full(-scale, 2));
    }

    private static void fails(Class<? extends Throwable> type, Executable e, String... fragments) {
        Throwable t = assertThrows(type, e);
        for (String f : fragments) {
            assertTrue(t.getMessage().contains(f), "message '" + t.getMessage() + "' should contain '" + f + "'");
        }
    }

    @Test
    void constructorValidation() {
        fails(IllegalArgumentException.class, () -> new Adam(new OptimizerOptions().clipnorm(1.0).clipvalue(0.5)),
                "Only one of", "clipnorm=1.0", "clipvalue=0.5");
        fails(IllegalArgumentException.class, () -> new SGD(0, false, new OptimizerOptions().gradientAccumulationSteps(1)),
                "gradient_accumulation_steps", "1");
        fails(IllegalArgumentException.class, () -> new Adam(new OptimizerOptions().useEma(true).emaMomentum(1.5)),
                "ema_momentum", "1.5");
        fails(IllegalArgumentException.class,
                () -> new Adam(new OptimizerOptions().useEma(true).emaOverwriteFrequency(0)), "ema_overwrite_frequency");
        new Adam(new OptimizerOptions().emaMomentum(1.5)); // only checked with use_ema, as Keras
        fails(IllegalArgumentException.class, () -> new SGD(0.1, -0.1, false), "momentum", "[0, 1]");
        fails(IllegalArgumentException.class, () -> new SGD(0.1, 1.5, false), "momentum");
        fails(IllegalArgumentException.class, () -> new AdamW(new OptimizerOptions().weightDecay(null)),
                "weight_decay", "None");
        fails(IllegalArgumentException.class, () -> new Lion(0.0, 0.99, null), "beta_1", "0.0");
        fails(IllegalArgumentException.class, () -> new Lion(1.5, 0.99, null), "beta_1");
        new Lion(1.0, 0.99, null);
        fails(IllegalArgumentException.class, () -> new Ftrl(-0.5, -0.1, 0, 0, 0, 0, null), "initial_accumulator_value");
        fails(IllegalArgumentException.class, () -> new Ftrl(0.5, 0.1, 0, 0, 0, 0, null), "learning_rate_power");
        fails(IllegalArgumentException.class, () -> new Ftrl(-0.5, 0.1, -1, 0, 0, 0, null), "l1_regularization_strength");
        fails(IllegalArgumentException.class, () -> new Ftrl(-0.5, 0.1, 0, -1, 0, 0, null), "l2_regularization_strength");
        fails(IllegalArgumentException.class, () -> new Ftrl(-0.5, 0.1, 0, 0, -1, 0, null), "l2_shrinkage");
    }

    @Test
    void identifiersAndConfigs() {
        fails(IllegalArgumentException.class, () -> Optimizers.get("adamm"), "Could not interpret optimizer identifier",
                "adamm", "adam", "sgd", "rmsprop", "ftrl");
        fails(IllegalArgumentException.class, () -> Optimizers.fromConfig("Adam", Map.of("lr", 0.1)),
                "Argument(s) not recognized", "lr");
        fails(IllegalArgumentException.class, () -> Optimizers.fromConfig("Yogi", Map.of()), "Yogi", "Adam");
        Optimizer a = Optimizers.fromConfig("adam", Map.of("decay", 0.1, "learning_rate", 0.5, "name", "x"));
        assertEquals("Adam", a.className());
        assertEquals(0.5f, a.learningRate());
        fails(IllegalArgumentException.class,
                () -> Optimizers.fromConfig("AdamW", new java.util.HashMap<>(java.util.Collections.singletonMap(
                        "weight_decay", null))), "weight_decay");
        assertEquals(0.004, Optimizers.fromConfig("AdamW", Map.of()).weightDecay());
    }

    @Test
    void scheduleConfigRoundTrips() {
        Optimizer opt = new Adam(new OptimizerOptions().learningRate(new ExponentialDecay(0.1, 10, 0.5)).name("a"));
        Map<String, Object> c = opt.getConfig();
        @SuppressWarnings("unchecked")
        Map<String, Object> lr = (Map<String, Object>) c.get("learning_rate");
        assertEquals("keras.optimizers.schedules", lr.get("module"));
        assertEquals("ExponentialDecay", lr.get("class_name"));
        assertTrue(lr.containsKey("registered_name") && lr.get("registered_name") == null);
        Optimizer back = Optimizers.fromConfig("Adam", c);
        assertEquals(c, back.getConfig());
        assertEquals(List.of("a/iteration"), back.variables().stream().map(OptimizerVariable::path).toList());
    }

    @Test
    void autoNamesFollowKeras() {
        Naming.clearSession();
        assertEquals("adam", new Adam().name());
        assertEquals("adam_1", new Adam().name());
        assertEquals("rm_sprop", new RMSprop().name());
        assertEquals("adam_w", new AdamW().name());
        assertEquals("sgd", new SGD().name());
        assertEquals("mine", new Adam(new OptimizerOptions().name("mine")).name());
        assertEquals("adam_2", new Adam().name());
    }

    @Test
    void learningRateIsSettableUnlessScheduled() {
        Optimizer opt = new SGD(0.1);
        opt.setLearningRate(0.05f);
        assertEquals(0.05f, opt.learningRate());
        assertEquals((double) 0.05f, opt.getConfig().get("learning_rate"));
        List<Weight> ws = weights();
        opt.apply(grads(1f), ws);
        assertArrayEquals(new float[] {0.45f, -0.35f, 0.75f, 0.05f, -0.65f, 0.35f}, ws.get(0).value().toFloatArray(),
                1e-7f);
        Optimizer sched = new SGD(0, false, new OptimizerOptions().learningRate(new ExponentialDecay(0.1, 1, 0.5)));
        fails(IllegalStateException.class, () -> sched.setLearningRate(0.1f), "LearningRateSchedule", "not settable");
        sched.apply(grads(1f), weights());
        assertEquals(0.05f, sched.learningRate(), 1e-9f); // evaluated at the raw step count
        opt.setLearningRate(new ExponentialDecay(0.1, 1, 0.5));
        assertEquals(List.of("sgd_probe/iteration"), new SGD(0, false, new OptimizerOptions().name("sgd_probe")
                .learningRate(new ExponentialDecay(0.1, 1, 0.5))).variables().stream().map(OptimizerVariable::path).toList());
    }

    @Test
    void applyLifecycleErrors() {
        Optimizer opt = new Adam();
        opt.apply(List.of(), weights()); // empty: no-op, no build, no step
        assertEquals(0, opt.iterations());
        assertTrue(!opt.built());
        fails(IllegalStateException.class, () -> opt.apply(grads(1f)), "build");
        List<Weight> ws = weights();
        fails(IllegalArgumentException.class, () -> opt.apply(Arrays.asList(null, null), ws),
                "No gradients provided for any variable.");
        assertEquals(0, opt.iterations());
        fails(IllegalArgumentException.class, () -> opt.apply(List.of(Tensor.zeros(2, 3), Tensor.zeros(2)), ws),
                "dense/kernel", "[2, 3]", "[3, 2]");
        fails(IllegalArgumentException.class, () -> opt.apply(grads(1f), weights()), "Unknown variable");
        fails(IllegalArgumentException.class, () -> opt.apply(List.of(Tensor.zeros(3, 2)), ws), "1 gradients", "2 variables");
        fails(IllegalStateException.class, () -> opt.excludeFromWeightDecay("bias"), "before the optimizer is built");
        opt.apply(grads(1f));
        assertEquals(1, opt.iterations());
    }

    @Test
    void nullGradientLeavesItsWeightAlone() {
        Optimizer opt = new SGD(0.1);
        List<Weight> ws = weights();
        float[] bias = ws.get(1).value().toFloatArray();
        opt.apply(Arrays.asList(Tensor.full(1f, 3, 2), null), ws);
        assertArrayEquals(bias, ws.get(1).value().toFloatArray());
        assertEquals(1, opt.iterations());
    }

    @Test
    void accumulationCountsUpdateSteps() {
        Optimizer opt = new Adam(new OptimizerOptions().gradientAccumulationSteps(3));
        List<Weight> ws = weights();
        for (int i = 0; i < 7; i++) {
            opt.apply(grads(1f), ws);
        }
        assertEquals(7, opt.rawIterations());
        assertEquals(2, opt.iterations());
    }

    @Test
    void slotsAreMadeOnceAndUpdatedInPlace() {
        Optimizer opt = new Adam(new OptimizerOptions().useEma(true).clipnorm(1.0));
        List<Weight> ws = weights();
        Tensor kernel = ws.get(0).value();
        opt.apply(grads(1f), ws);
        List<OptimizerVariable> first = opt.variables();
        opt.apply(grads(2f), ws);
        List<OptimizerVariable> second = opt.variables();
        assertSame(kernel, ws.get(0).value());
        for (int i = 1; i < first.size(); i++) {
            assertSame(first.get(i).value(), second.get(i).value(), first.get(i).path());
        }
        assertNotSame(first.get(0).value(), second.get(0).value()); // the iteration is a snapshot
        // iteration + learning_rate + (average, m, v) per weight
        assertEquals(1 + 1 + 3 * (6 + 2), opt.parameterCount());
        assertEquals(0, new Adam().parameterCount());
    }

    @Test
    void assignVariablesRestoresState() {
        Supplier<Optimizer> make = () -> new Nadam(new OptimizerOptions().learningRate(0.01).useEma(true));
        Optimizer a = make.get();
        List<Weight> wa = weights();
        a.apply(grads(1f), wa);
        a.apply(grads(-0.5f), wa);
        Optimizer b = make.get();
        List<Weight> wb = weights();
        b.build(wb);
        for (int i = 0; i < wa.size(); i++) {
            wb.get(i).assign(wa.get(i).value());
        }
        List<Tensor> state = new ArrayList<>();
        a.variables().forEach(v -> state.add(v.value().copy()));
        b.assignVariables(state);
        assertEquals(2, b.iterations());
        a.apply(grads(0.3f), wa);
        b.apply(grads(0.3f), wb);
        for (int i = 0; i < wa.size(); i++) {
            assertArrayEquals(wa.get(i).value().toFloatArray(), wb.get(i).value().toFloatArray());
        }
        fails(IllegalArgumentException.class, () -> b.assignVariables(state.subList(0, 3)), "variables", "3 values");
    }

    /** The learning rate a step uses is a host copy of the variable: every way of writing it keeps the copy. */
    @Test
    void theLearningRateFollowsEveryWriteToItsVariable() {
        Optimizer opt = new SGD(0.1);
        List<Weight> w = weights();
        opt.build(w);
        opt.setLearningRate(0.05f);
        assertEquals(0.05f, opt.learningRate());
        assertEquals((double) 0.05f, opt.getConfig().get("learning_rate"));
        List<Tensor> state = new ArrayList<>();
        opt.variables().forEach(v -> state.add(v.value().copy()));
        state.set(1, Tensor.scalar(0.25f));
        opt.assignVariables(state);
        assertEquals(0.25f, opt.learningRate());
        float before = w.get(0).value().toFloatArray()[0];
        float g = grads(1f).get(0).toFloatArray()[0];
        opt.apply(grads(1f), w);
        assertEquals(before - 0.25f * g, w.get(0).value().toFloatArray()[0], 1e-7f);
    }

    /**
     * An update step allocates no weight-sized tensor: on a 256×256 weight (256 KiB) a whole Adam step with
     * clipping, weight decay and EMA allocates far less than one copy of it (what remains: small view/shape
     * objects per op and the rank-0 norm).
     *
     * <p>Skipped while the CPU kernels themselves allocate per call: seen with the Vector API path, where
     * a warmed {@code unary(MUL_SCALAR, .., out)} allocated ~600 KB per 256×256 call once several unary
     * ops had been used (FloatVector boxing in {@code ElementwiseVector.apply} when it is not inlined).
     */
    @Test
    void stepDoesNotAllocateWeightSizedTensors() {
        Assumptions.assumeTrue(Device.defaultDevice().isCpu(), "on " + Device.defaultDevice() + " tensors are not on the "
                + "Java heap this test measures; StepMemoryTest checks a device's storage across steps");
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long kernel = kernelAllocationPerCall(mx);
        Assumptions.assumeTrue(kernel < 4096, "CPU kernels allocate " + kernel + " bytes per 256x256 unary call into "
                + "an out tensor; the optimizer's own allocation cannot be measured apart from that");
        Generator g = new Generator(7);
        Weight w = new Weight("kernel", Tensor.normal(g, 0, 1, 256, 256));
        List<Weight> ws = List.of(w);
        List<Tensor> grad = List.of(Tensor.normal(g, 0, 1, 256, 256));
        for (Supplier<Optimizer> make : List.<Supplier<Optimizer>>of(
                () -> new Adam(new OptimizerOptions().clipnorm(1.0).weightDecay(0.01).useEma(true)),
                () -> new SGD(0.01, 0.9, true), () -> new RMSprop(0.9, 0.5, 1e-7, true, null), Nadam::new, Ftrl::new,
                Adadelta::new, Adagrad::new, Adamax::new, Lion::new)) {
            Optimizer opt = make.get();
            // Warm up until C2 has compiled the kernels (in the background, so by rounds, not a fixed count):
            // before that the Vector API boxes its vectors. A step must then stay below 32 KB.
            long perStep = Long.MAX_VALUE;
            for (int round = 0; round < 40 && perStep >= 32 * 1024; round++) {
                for (int i = 0; i < 50; i++) {
                    opt.apply(grad, ws);
                }
                long before = mx.getCurrentThreadAllocatedBytes();
                int steps = 20;
                for (int i = 0; i < steps; i++) {
                    opt.apply(grad, ws);
                }
                perStep = (mx.getCurrentThreadAllocatedBytes() - before) / steps;
            }
            assertTrue(perStep < 32 * 1024, opt.className() + " allocated " + perStep + " bytes per step");
        }
    }

    /** Bytes a warmed elementwise call into an existing out tensor allocates, over a mix of the ops optimizers use. */
    private static long kernelAllocationPerCall(com.sun.management.ThreadMXBean mx) {
        Tensor x = Tensor.full(0.5f, 256, 256);
        Tensor y = Tensor.full(0.25f, 256, 256);
        Tensor out = Tensor.zeros(256, 256);
        kiln.tensor.UnaryOp[] unary = {kiln.tensor.UnaryOp.SQUARE, kiln.tensor.UnaryOp.ABS, kiln.tensor.UnaryOp.CLIP,
                kiln.tensor.UnaryOp.MUL_SCALAR, kiln.tensor.UnaryOp.ADD_SCALAR, kiln.tensor.UnaryOp.SQRT,
                kiln.tensor.UnaryOp.NEG};
        kiln.tensor.BinaryOp[] binary = {kiln.tensor.BinaryOp.ADD, kiln.tensor.BinaryOp.SUB, kiln.tensor.BinaryOp.MUL,
                kiln.tensor.BinaryOp.DIV, kiln.tensor.BinaryOp.MAXIMUM};
        Runnable pass = () -> {
            for (kiln.tensor.UnaryOp op : unary) {
                x.unary(op, 0.1f, 0.9f, out);
            }
            for (kiln.tensor.BinaryOp op : binary) {
                x.binary(op, y, out);
            }
        };
        for (int i = 0; i < 2000; i++) {
            pass.run();
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10; i++) {
            pass.run();
        }
        return (mx.getCurrentThreadAllocatedBytes() - before) / (10L * (unary.length + binary.length));
    }
}
