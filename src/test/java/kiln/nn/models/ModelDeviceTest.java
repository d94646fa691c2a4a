package kiln.nn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import kiln.nn.layers.Dense;
import kiln.nn.layers.Input;
import kiln.nn.losses.Losses;
import kiln.nn.optimizers.SGD;
import kiln.tensor.Backends;
import kiln.tensor.Device;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@code model.to(device)}: the model's weights and batches follow it. The CPU cases run everywhere; the
 * CUDA case trains the same model on the GPU and on the CPU and compares, and skips (saying why) where
 * no GPU is usable.
 */
class ModelDeviceTest {

    private static Sequential model(boolean withInput) {
        Generator.setGlobalSeed(7);
        Sequential m = withInput ? new Sequential(Input.of(4), new Dense(8, "relu"), new Dense(3, "softmax"))
                : new Sequential(new Dense(8, "relu"), new Dense(3, "softmax"));
        m.compile(new SGD(0.1), Losses.get("sparse_categorical_crossentropy"));
        return m;
    }

    private static Tensor x() {
        Generator.setGlobalSeed(3);
        return Tensor.randn(40, 4);
    }

    private static Tensor y() {
        int[] labels = new int[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        return Tensor.ofInts(labels, 40);
    }

    private static float[] weightsOf(Model m) {
        List<Tensor> ws = m.getWeights();
        int n = ws.stream().mapToInt(Tensor::size).sum();
        float[] out = new float[n];
        int k = 0;
        for (Tensor w : ws) {
            float[] v = w.to(Device.CPU).toFloatArray();
            System.arraycopy(v, 0, out, k, v.length);
            k += v.length;
        }
        return out;
    }

    @Test
    void onTheCpuItChangesNothing() {
        Device.setDefaultDevice(Device.CPU); // both built on the CPU, whatever the run's device (DeviceUnderTest)
        Sequential plain = model(true);
        Sequential moved = model(true);
        assertSame(moved, moved.to(Device.CPU));
        assertEquals(Device.CPU, moved.device());
        FitOptions o = new FitOptions().epochs(2).batchSize(8).verbose(0).seed(1);
        plain.fit(x(), y(), o);
        moved.fit(x(), y(), o);
        assertArrayEquals(weightsOf(plain), weightsOf(moved));
        assertEquals(Device.CPU, moved.predict(x(), 16, 0).device());
    }

    @Test
    void aLazilyBuiltModelBuildsThenMoves() {
        Sequential m = model(false);
        m.to(Device.CPU);
        assertEquals(Device.CPU, m.device()); // no weights yet: the device given
        m.fit(x(), y(), new FitOptions().epochs(1).batchSize(8).verbose(0));
        assertEquals(4, m.weights().size());
        assertEquals(Device.CPU, m.weights().get(0).value().device());
    }

    @Test
    void anUnavailableDeviceIsRefusedWithTheReason() {
        assumeFalse(Device.cudaAvailable(), "a GPU is usable here: the refusal cannot happen");
        assumeTrue(Device.defaultDevice().isCpu(), "models are built on " + Device.defaultDevice() + " in this run");
        Sequential m = model(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.to(Device.cuda(0)));
        assertTrue(e.getMessage().contains(".to(cuda:0): "), e.getMessage());
        assertTrue(e.getMessage().contains(Backends.unavailableReason(Device.Type.CUDA)), e.getMessage());
        assertEquals(Device.CPU, m.device(), "the model stays where it was");
    }

    @Test
    void onTheGpuItTrainsAsOnTheCpu() {
        assumeTrue(Device.cudaAvailable(), () -> "no usable GPU: " + Backends.unavailableReason(Device.Type.CUDA));
        Sequential cpu = model(true);
        Sequential gpu = model(true);
        gpu.to(Device.cuda(0));
        assertEquals(Device.cuda(0), gpu.weights().get(0).value().device());
        FitOptions o = new FitOptions().epochs(3).batchSize(8).verbose(0).seed(1);
        cpu.fit(x(), y(), o);
        gpu.fit(x(), y(), o);
        // float32 GEMMs and reductions summed in another order: agree to ~1e-5 after 15 steps
        assertArrayEquals(weightsOf(cpu), weightsOf(gpu), 1e-4f);
        Tensor p = gpu.predict(x(), 16, 0);
        assertEquals(Device.CPU, p.device(), "predict returns host tensors, as Keras returns NumPy arrays");
        assertArrayEquals(cpu.predict(x(), 16, 0).toFloatArray(), p.toFloatArray(), 1e-4f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gpu.to(Device.CPU));
        assertTrue(e.getMessage().contains("optimizer"), e.getMessage());
    }
}
