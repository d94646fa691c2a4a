package kiln.nn.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.nn.callbacks.Callback;
import kiln.nn.layers.Dense;
import kiln.nn.layers.Input;
import kiln.nn.losses.Losses;
import kiln.nn.optimizers.Adam;
import kiln.tensor.Device;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;
import kiln.testing.CountingDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GPU issue's "no device memory growth across training steps": after the first step (which builds the
 * optimizer's slots and the metrics' state), every step releases what it allocated, so the device storage
 * still held after each batch stays the same. Measured on {@link CountingDevice}, which counts what is
 * allocated on it and released (one-element running totals, which the garbage collector frees, excluded).
 */
class StepMemoryTest {
    private CountingDevice gpu;
    private Device defaultDevice;

    @BeforeEach
    void install() {
        defaultDevice = Device.defaultDevice();
        Device.setDefaultDevice(Device.CPU);
        gpu = CountingDevice.install();
    }

    @AfterEach
    void uninstall() {
        gpu.close();
        Device.setDefaultDevice(defaultDevice);
    }

    @Test
    void deviceStorageHeldAfterEachStepStopsGrowingAfterTheFirst() {
        Generator.setGlobalSeed(3);
        Sequential m = new Sequential(Input.of(6), new Dense(16, "relu"), new Dense(4, "softmax"));
        m.compile(new Adam(0.01), Losses.get("sparse_categorical_crossentropy"), "accuracy");
        m.to(CountingDevice.DEVICE);
        Tensor x = Tensor.normal(new Generator(1), 0f, 1f, 96, 6).to(Device.CPU);
        int[] labels = new int[96];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 4;
        }
        Tensor y = Tensor.ofInts(labels, 96).to(Device.CPU);
        List<Long> held = new ArrayList<>();
        Callback probe = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                held.add(gpu.unreleasedElements());
            }
        };
        m.fit(x, y, new FitOptions().epochs(3).batchSize(16).verbose(0).seed(2).callbacks(probe));
        assertEquals(18, held.size());
        assertTrue(held.get(0) > 0, "the first step leaves the optimizer's state behind: " + held);
        for (int i = 1; i < held.size(); i++) {
            assertEquals(held.get(0), held.get(i), "storage held after batch " + i + " of " + held);
        }
    }
}
