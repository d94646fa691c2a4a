package kiln.nn.layers;

import static kiln.nn.layers.JsonAssert.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kiln.autograd.GradCheck;
import kiln.autograd.Variable;
import kiln.nn.Weight;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;

/**
 * Keras's {@code run_layer_test} (keras/src/testing/test_case.py) for Kiln: given a layer factory and
 * input shapes, checks
 * <ol>
 *   <li>the symbolic output shape (a call on {@link KerasTensor}s) equals {@code computeOutputShape},
 *       and the expected shape when one is given;</li>
 *   <li>the eager output shape (a call on data, fresh layer) equals the same, batch filled in, in
 *       inference and in training mode;</li>
 *   <li>the trainable and non-trainable weight counts;</li>
 *   <li>the config round trip: {@code Layers.fromConfig(className, getConfig())} — directly and
 *       through JSON text, as read from a .keras file — gives the same config, and, given the
 *       original's weights, the same inference output;</li>
 *   <li>a gradient check ({@link GradCheck}) of the layer's output with respect to every input and
 *       every trainable weight, in training mode unless told otherwise.</li>
 * </ol>
 *
 * <pre>{@code
 * LayerTestCase.runLayerTest(LayerTestCase.layer("dense", () -> new Dense(3)).inputShape(2, 4)
 *         .expectedOutputShape(-1, 3).weights(2, 0));
 * }</pre>
 */
public final class LayerTestCase {
    private LayerTestCase() {}

    /** How the gradient check runs. */
    public enum GradMode {
        /** One layer instance for every evaluation (deterministic layers). */
        SAME_LAYER,
        /** A fresh layer from the factory for every evaluation: seeded random layers repeat their draws. */
        FRESH_LAYER,
        /** No gradient check. */
        NONE
    }

    /** What to test; build with {@link #layer} and the fluent setters. */
    public static final class Spec {
        final String label;
        final Supplier<Layer> factory;
        final List<int[]> inputShapes = new ArrayList<>();
        boolean listInput;
        int[] expectedOutputShape;
        int trainable = -1;
        int nonTrainable = -1;
        boolean training = true;
        GradMode gradMode = GradMode.SAME_LAYER;
        double[] kinks = {};
        GradCheck.Tolerance tolerance = GradCheck.Tolerance.DEFAULT;

        Spec(String label, Supplier<Layer> factory) {
            this.label = label;
            this.factory = factory;
        }

        /** One input of this concrete shape (batch included). */
        public Spec inputShape(int... dims) {
            inputShapes.add(dims.clone());
            return this;
        }

        /** A list of inputs (merge layers), concrete shapes. */
        public Spec inputShapes(int[]... shapes) {
            for (int[] s : shapes) {
                inputShapes.add(s.clone());
            }
            listInput = true;
            return this;
        }

        /** Keras's expected_output_shape, batch -1. */
        public Spec expectedOutputShape(int... dims) {
            this.expectedOutputShape = dims.clone();
            return this;
        }

        /** Keras's expected_num_trainable_weights / expected_num_non_trainable_weights. */
        public Spec weights(int trainableCount, int nonTrainableCount) {
            this.trainable = trainableCount;
            this.nonTrainable = nonTrainableCount;
            return this;
        }

        /** The mode of the gradient check's calls (default training). */
        public Spec training(boolean t) {
            this.training = t;
            return this;
        }

        public Spec gradMode(GradMode mode) {
            this.gradMode = mode;
            return this;
        }

        /** Points where the layer is not differentiable; inputs are moved at least 0.05 away from them. */
        public Spec kinks(double... points) {
            this.kinks = points.clone();
            return this;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Starts a spec: a label for messages and a factory making a fresh, unbuilt layer. */
    public static Spec layer(String label, Supplier<Layer> factory) {
        return new Spec(label, factory);
    }

    /** The short form: one input shape and the weight counts. */
    public static void runLayerTest(Supplier<Layer> factory, int[] inputShape, int trainable, int nonTrainable) {
        runLayerTest(layer("layer", factory).inputShape(inputShape).weights(trainable, nonTrainable));
    }

    /** Runs every check on the spec; fails with the spec's label. */
    public static void runLayerTest(Spec spec) {
        assertTrue(!spec.inputShapes.isEmpty(), spec.label + ": no input shape");
        List<Tensor> data = inputs(spec);
        List<int[]> symbolicShapes = new ArrayList<>();
        for (int[] s : spec.inputShapes) {
            int[] sym = s.clone();
            sym[0] = -1;
            symbolicShapes.add(sym);
        }

        // 1. symbolic call
        Layer symbolic = spec.factory.get();
        int[] symOut;
        if (symbolic instanceof InputLayer in) {
            symOut = in.output().shape();
        } else {
            List<KerasTensor> ins = new ArrayList<>();
            for (int[] s : symbolicShapes) {
                ins.add(Input.of(Arrays.copyOfRange(s, 1, s.length)));
            }
            KerasTensor out = spec.listInput ? symbolic.apply(ins) : symbolic.apply(ins.get(0));
            symOut = out.shape();
            assertArrayEquals(symbolic.computeOutputShape(symbolicShapes), symOut,
                    spec.label + ": symbolic output shape vs computeOutputShape");
        }
        if (spec.expectedOutputShape != null) {
            assertArrayEquals(spec.expectedOutputShape, symOut, spec.label + ": symbolic output shape");
        }

        // 3. weight counts (on the symbolically built layer)
        if (spec.trainable >= 0) {
            assertEquals(spec.trainable, symbolic.trainableWeights().size(), spec.label + ": trainable weights");
            assertEquals(spec.nonTrainable, symbolic.nonTrainableWeights().size(), spec.label + ": non-trainable weights");
            assertEquals(spec.trainable + spec.nonTrainable, symbolic.weights().size(), spec.label + ": weights");
        }

        // 2. eager call on a fresh layer, both modes
        Layer eager = spec.factory.get();
        Tensor inference = call(eager, spec, data, false).value();
        int[] expectedEager = symOut.clone();
        expectedEager[0] = spec.inputShapes.get(0)[0];
        assertArrayEquals(expectedEager, inference.dims(), spec.label + ": eager output shape (inference)");
        assertArrayEquals(expectedEager, call(eager, spec, data, true).value().dims(),
                spec.label + ": eager output shape (training)");
        if (spec.trainable >= 0) {
            assertEquals(spec.trainable, eager.trainableWeights().size(), spec.label + ": trainable weights (eager)");
            assertEquals(spec.nonTrainable, eager.nonTrainableWeights().size(),
                    spec.label + ": non-trainable weights (eager)");
        }
        inference = call(eager, spec, data, false).value(); // after the training call (BN moved its statistics)

        // 4. config round trip, directly and through JSON text
        Map<String, Object> config = eager.getConfig();
        Layer revived = Layers.fromConfig(eager.className(), config);
        assertEquals(eager.className(), revived.className(), spec.label);
        assertJsonEquals(config, revived.getConfig(), spec.label + " (fromConfig)");
        Map<String, Object> parsed = viaJson(config);
        Layer fromJson = Layers.fromConfig(eager.className(), parsed);
        assertJsonEquals(config, fromJson.getConfig(), spec.label + " (fromConfig of JSON text)");
        if (!(fromJson instanceof InputLayer)) {
            fromJson.ensureBuilt(symbolicShapes);
            fromJson.setWeights(eager.getWeights());
            Tensor again = call(fromJson, spec, data, false).value();
            assertTrue(again.allClose(inference, 0, 0), spec.label + ": revived layer's output differs");
        }

        // 5. gradient check over inputs and trainable weights
        if (spec.gradMode != GradMode.NONE) {
            gradCheck(spec, data, symbolicShapes);
        }
    }

    private static void gradCheck(Spec spec, List<Tensor> data, List<int[]> symbolicShapes) {
        Layer layer = spec.factory.get();
        layer.ensureBuilt(symbolicShapes);
        List<Weight> trainable = layer.trainableWeights();
        int n = data.size();
        Tensor[] all = new Tensor[n + trainable.size()];
        for (int i = 0; i < n; i++) {
            all[i] = data.get(i);
        }
        for (int k = 0; k < trainable.size(); k++) {
            all[n + k] = trainable.get(k).value().copy();
        }
        GradCheck.check(spec.label + (spec.training ? " (training)" : " (inference)"), in -> {
            Layer l = spec.gradMode == GradMode.FRESH_LAYER ? spec.factory.get() : layer;
            List<Variable> xs = Arrays.asList(Arrays.copyOfRange(in, 0, n));
            List<Variable> ws = Arrays.asList(Arrays.copyOfRange(in, n, in.length));
            return l.applyWith(ws, xs, spec.training);
        }, spec.tolerance, null, all);
    }

    private static Variable call(Layer layer, Spec spec, List<Tensor> data, boolean training) {
        if (spec.listInput) {
            List<Variable> xs = new ArrayList<>();
            for (Tensor t : data) {
                xs.add(Variable.constant(t));
            }
            return layer.apply(xs, training);
        }
        return layer.apply(Variable.constant(data.get(0)), training);
    }

    /** Normal inputs (fixed seed), moved away from the spec's kinks. */
    private static List<Tensor> inputs(Spec spec) {
        Generator g = new Generator(17);
        List<Tensor> out = new ArrayList<>();
        for (int[] s : spec.inputShapes) {
            float[] v = Tensor.normal(g, 0f, 1f, s).toFloatArray();
            for (int i = 0; i < v.length; i++) {
                for (double k : spec.kinks) {
                    if (Math.abs(v[i] - k) < 0.05) {
                        v[i] = (float) (k + (v[i] >= k ? 0.1 : -0.1));
                    }
                }
            }
            out.add(Tensor.of(v, s));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> viaJson(Map<String, Object> config) {
        try {
            ObjectMapper json = new ObjectMapper();
            return json.readValue(json.writeValueAsString(config), Map.class);
        } catch (Exception e) {
            throw new AssertionError("config is not JSON-serializable: " + config, e);
        }
    }
}
