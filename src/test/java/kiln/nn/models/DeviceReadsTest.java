package kiln.nn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kiln.autograd.Variable;
import kiln.nn.callbacks.Callback;
import kiln.nn.callbacks.History;
import kiln.nn.callbacks.ProgbarLogger;
import kiln.nn.callbacks.ProgressBar;
import kiln.nn.layers.Dense;
import kiln.nn.layers.Input;
import kiln.nn.losses.Loss;
import kiln.nn.losses.Losses;
import kiln.nn.losses.Reduction;
import kiln.nn.losses.SparseCategoricalCrossentropy;
import kiln.nn.metrics.AUC;
import kiln.nn.metrics.Precision;
import kiln.nn.metrics.Recall;
import kiln.nn.metrics.RootMeanSquaredError;
import kiln.nn.optimizers.Adam;
import kiln.nn.optimizers.Nadam;
import kiln.nn.optimizers.Optimizer;
import kiln.nn.optimizers.OptimizerOptions;
import kiln.nn.optimizers.RMSprop;
import kiln.nn.optimizers.SGD;
import kiln.tensor.Device;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;
import kiln.testing.CountingDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The requirement for accelerators: a training or test step reads nothing back from the device (each
 * read waits for the device to finish its queued work), so the running loss and metrics are read only when
 * logs are read: at epoch end, or when the progress bar prints. Checked on {@link CountingDevice}, the CPU
 * kernels behind a device that counts its device-to-host copies; its numbers are the CPU's bit for bit, so the
 * same fits also show that the device paths (values accumulated there, checks made there) compute what the
 * CPU paths do. The CPU is the default device here whatever {@code -Dkiln.device} says: the comparison is
 * with it.
 */
class DeviceReadsTest {
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

    /** One training set-up: optimizer, loss, metrics, weighted metrics, class weights. */
    record Setup(String name, Supplier<Optimizer> optimizer, Supplier<Loss> loss, String activation,
                 List<Object> metrics, List<Object> weightedMetrics, boolean oneHot, Map<Integer, Double> classWeight) {}

    private static List<Setup> setups() {
        return List.of(
                new Setup("nadam+clipnorm, sparse CE, accuracy/top-k, class weights",
                        () -> new Nadam(new OptimizerOptions().learningRate(0.01).clipnorm(0.5)),
                        () -> Losses.get("sparse_categorical_crossentropy"), "softmax",
                        List.of("accuracy", "sparse_top_k_categorical_accuracy"), List.of("accuracy"), false,
                        Map.of(0, 1.0, 1, 2.0, 2, 0.5)),
                new Setup("adam+global_clipnorm, sparse CE from logits with ignore_class",
                        () -> new Adam(new OptimizerOptions().learningRate(0.01).globalClipnorm(1.0)),
                        () -> new SparseCategoricalCrossentropy(true, 2), "linear",
                        List.of("sparse_categorical_accuracy"), List.of(), false, null),
                new Setup("rmsprop+clipvalue, binary CE on one-hot, AUC/precision/recall/rmse",
                        () -> new RMSprop(new OptimizerOptions().learningRate(0.01).clipvalue(0.1)),
                        () -> Losses.get("binary_crossentropy"), "sigmoid",
                        List.of(new AUC(200, "ROC", "interpolation", "auc", null, false, null, null, false),
                                new Precision(new double[] {0.5}, null, null, "precision"),
                                new Recall(new double[] {0.3}, null, 1, "recall"),
                                new RootMeanSquaredError(), "top_k_categorical_accuracy"),
                        List.of(new Precision(new double[] {0.5}, 2, null, "p_top2")), true, Map.of(0, 3.0, 1, 1.0, 2, 1.0)),
                new Setup("sgd+momentum, categorical CE, mse",
                        () -> new SGD(0.05, 0.9, true), () -> Losses.get("categorical_crossentropy"), "softmax",
                        List.of("mse", "categorical_accuracy"), List.of("mae"), true, null));
    }

    private static Sequential model(Setup s) {
        Generator.setGlobalSeed(11);
        Sequential m = new Sequential(Input.of(4), new Dense(8, "relu"), new Dense(3, s.activation()));
        m.compile(s.optimizer().get(), s.loss().get(), s.metrics(), s.weightedMetrics());
        return m;
    }

    private static Tensor x(int n, int seed) {
        return Tensor.normal(new Generator(seed), 0f, 1f, n, 4).to(Device.CPU);
    }

    private static Tensor y(int n, boolean oneHot) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % 3;
        }
        Tensor ids = Tensor.ofInts(labels, n).to(Device.CPU);
        return oneHot ? ids.oneHot(3) : ids;
    }

    private static FitOptions options(Setup s, Callback... callbacks) {
        FitOptions o = new FitOptions().epochs(2).batchSize(8).verbose(0).seed(5)
                .validationData(x(12, 9), y(12, s.oneHot())).callbacks(callbacks);
        return s.classWeight() == null ? o : o.classWeight(s.classWeight());
    }

    /** The read count at each hook. */
    static final class ReadProbe implements Callback {
        record Mark(String hook, long reads) {}

        private final CountingDevice device;
        final List<Mark> marks = new ArrayList<>();

        ReadProbe(CountingDevice device) {
            this.device = device;
        }

        private void mark(String hook) {
            marks.add(new Mark(hook, device.reads()));
        }

        @Override public void onEpochBegin(int epoch, Map<String, Double> logs) { mark("epoch_begin"); }
        @Override public void onEpochEnd(int epoch, Map<String, Double> logs) { mark("epoch_end"); }
        @Override public void onTrainBatchBegin(int batch, Map<String, Double> logs) { mark("train_batch_begin"); }
        @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) { mark("train_batch_end"); }
        @Override public void onTestBegin(Map<String, Double> logs) { mark("test_begin"); }
        @Override public void onTestBatchBegin(int batch, Map<String, Double> logs) { mark("test_batch_begin"); }
        @Override public void onTestBatchEnd(int batch, Map<String, Double> logs) { mark("test_batch_end"); }
        @Override public void onTestEnd(Map<String, Double> logs) { mark("test_end"); }

        /** The reads between the first {@code from} mark at or after index {@code start} and the last {@code to} before the next {@code from}. */
        long readsOver(int start, String from, String to) {
            int i = start;
            while (!marks.get(i).hook().equals(from)) {
                i++;
            }
            long first = marks.get(i).reads();
            long last = first;
            for (int j = i + 1; j < marks.size() && !marks.get(j).hook().equals(from); j++) {
                if (marks.get(j).hook().equals(to)) {
                    last = marks.get(j).reads();
                }
            }
            return last - first;
        }
    }

    @Test
    void fitStepsReadNothingAndEpochsReadOnlyAtTheirEnd() {
        for (Setup s : setups()) {
            ReadProbe probe = new ReadProbe(gpu);
            Model m = model(s).to(CountingDevice.DEVICE);
            m.fit(x(40, 3), y(40, s.oneHot()), options(s, probe));
            List<ReadProbe.Mark> marks = probe.marks;
            int epochs = 0;
            for (int i = 0; i < marks.size(); i++) {
                switch (marks.get(i).hook()) {
                    case "epoch_begin" -> {
                        epochs++;
                        assertEquals(0, probe.readsOver(i, "epoch_begin", "train_batch_end"),
                                s.name() + ": device reads during the training steps of epoch " + epochs);
                    }
                    case "test_begin" -> assertEquals(0, probe.readsOver(i, "test_begin", "test_batch_end"),
                            s.name() + ": device reads during the validation steps of epoch " + epochs);
                    default -> { }
                }
            }
            assertEquals(2, epochs);
            long total = marks.getLast().reads() - marks.getFirst().reads();
            assertTrue(total > 0 && total < 80, s.name() + ": the epoch ends read the logs, once each: " + total);
        }
    }

    @Test
    void evaluateReadsOnlyAtItsEnd() {
        Setup s = setups().get(2);
        Model m = model(s).to(CountingDevice.DEVICE);
        ReadProbe probe = new ReadProbe(gpu);
        List<Double> result = m.evaluate(List.of(x(30, 4)), List.of(y(30, true)),
                new FitOptions().batchSize(4).verbose(0).callbacks(probe));
        assertEquals(0, probe.readsOver(0, "test_begin", "test_batch_end"));
        assertEquals(s.metrics().size() + s.weightedMetrics().size() + 1, result.size());
    }

    @Test
    void theDevicePathsComputeWhatTheCpuComputes() {
        for (int k = 0; k < setups().size(); k++) {
            Setup s = setups().get(k);
            Sequential onCpu = model(s);
            Model onDevice = model(setups().get(k)).to(CountingDevice.DEVICE); // metric objects of its own
            History h1 = onCpu.fit(x(40, 3), y(40, s.oneHot()), options(s));
            History h2 = onDevice.fit(x(40, 3), y(40, s.oneHot()), options(s));
            assertEquals(h1.history(), h2.history(), s.name());
            for (int i = 0; i < onCpu.getWeights().size(); i++) {
                assertArrayEquals(onCpu.getWeights().get(i).toFloatArray(),
                        onDevice.getWeights().get(i).to(Device.CPU).toFloatArray(), s.name() + ": weight " + i);
            }
        }
    }

    @Test
    void batchLogsAreReadOnDemandAndKeepTheirBatchsValues() {
        Setup s = setups().get(0);
        List<Map<String, Double>> kept = new ArrayList<>();
        List<Map<String, Double>> readAtOnce = new ArrayList<>();
        Callback keeper = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                kept.add(logs); // not read now
            }
        };
        Callback reader = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                readAtOnce.add(new LinkedHashMap<>(logs));
            }
        };
        model(s).to(CountingDevice.DEVICE).fit(x(40, 3), y(40, false), options(s, keeper));
        model(setups().get(0)).to(CountingDevice.DEVICE).fit(x(40, 3), y(40, false), options(s, reader));
        assertEquals(10, kept.size());
        assertEquals(readAtOnce, kept.stream().map(LinkedHashMap::new).toList(),
                "logs read after the fit give each batch's running values, as read at the time");
    }

    @Test
    void theProgressBarReadsOnlyTheUpdatesItPrints() {
        Setup s = setups().get(0);
        List<Long> afterBatchEnd = new ArrayList<>();
        List<Long> beforeBatchEnd = new ArrayList<>();
        Callback probe = new Callback() {
            @Override
            public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
                afterBatchEnd.add(gpu.reads()); // what the previous batch end read, progress bar included
            }

            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                beforeBatchEnd.add(gpu.reads());
            }
        };
        StringBuilder out = new StringBuilder();
        // The clock never moves: after the first update every one within the 0.05 s interval is skipped.
        ProgbarLogger bar = new ProgbarLogger(out, () -> 0L, ProgressBar.Display.DYNAMIC);
        model(s).to(CountingDevice.DEVICE).fit(x(40, 3), y(40, false), options(s, probe).verbose(1).progbar(bar));
        afterBatchEnd.add(gpu.reads());
        List<Long> printed = new ArrayList<>();
        for (int b = 0; b < beforeBatchEnd.size(); b++) {
            printed.add(afterBatchEnd.get(b + 1) - beforeBatchEnd.get(b));
        }
        // epoch by epoch: the first update is printed (so read), the next ones are skipped and read nothing
        assertTrue(printed.get(0) > 0 && printed.get(5) > 0, "printed updates read the logs: " + printed);
        assertEquals(List.of(0L, 0L, 0L), printed.subList(1, 4), "skipped updates read nothing: " + printed);
        assertEquals(List.of(0L, 0L, 0L), printed.subList(6, 9), "skipped updates read nothing: " + printed);
        assertTrue(out.toString().contains("accuracy: "), out.toString());
    }

    @Test
    void aNonFiniteLossOnADeviceIsReportedAtOrBeforeTheBatchWhereItWasRead() {
        Setup s = setups().get(0);
        float[] v = new float[24];
        v[9] = Float.NaN; // sample 2 of batch 2 (of 3)
        Tensor x = Tensor.of(v, 6, 4).to(Device.CPU);
        FitOptions o = new FitOptions().epochs(3).batchSize(2).shuffle(false).verbose(0);
        var e = assertThrows(IllegalStateException.class, () -> model(s).to(CountingDevice.DEVICE).fit(x, y(6, false), o));
        assertTrue(e.getMessage().contains("became NaN at or before epoch 1/3, batch 3/3: check"), e.getMessage());
        // on the CPU the step itself is checked, as before
        e = assertThrows(IllegalStateException.class, () -> model(s).fit(x, y(6, false), o));
        assertTrue(e.getMessage().contains("became NaN at epoch 1/3, batch 2/3: check"), e.getMessage());
        // a callback that reads each batch's logs finds it at that batch
        Callback reader = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                logs.get("loss");
            }
        };
        e = assertThrows(IllegalStateException.class,
                () -> model(s).to(CountingDevice.DEVICE).fit(x, y(6, false), o.callbacks(reader)));
        assertTrue(e.getMessage().contains("at or before epoch 1/3, batch 2/3"), e.getMessage());
    }

    @Test
    void badSparseLabelsOnADeviceGiveANonFiniteLossNotARead() {
        Setup s = setups().get(0);
        Tensor y = Tensor.ofInts(new int[] {0, 1, 7, 1}, 4).to(Device.CPU);
        var e = assertThrows(IllegalStateException.class,
                () -> model(s).to(CountingDevice.DEVICE).fit(x(4, 3), y, new FitOptions().verbose(0)));
        assertTrue(e.getMessage().contains("became NaN at or before epoch 1/1, batch 1/1") && e.getMessage().contains("labels"),
                e.getMessage());
        // on the host the label is named at once
        var bad = assertThrows(IllegalArgumentException.class, () -> model(s).fit(x(4, 3), y, new FitOptions().verbose(0)));
        assertTrue(bad.getMessage().contains("label 7"), bad.getMessage());

        // the loss alone: the bad sample's loss is NaN, the others' are the host's, and ignore_class still masks
        Tensor p = Tensor.of(new float[] {.7f, .2f, .1f, .1f, .8f, .1f, .3f, .3f, .4f, .2f, .2f, .6f}, 4, 3);
        Tensor labels = Tensor.of(new float[] {0, 1, 2.5f, 2}, 4);
        SparseCategoricalCrossentropy perSample = new SparseCategoricalCrossentropy(false, null,
                Reduction.NONE, "scce");
        long before = gpu.reads();
        Variable onDevice = perSample.apply(labels.to(CountingDevice.DEVICE), Variable.constant(p.to(CountingDevice.DEVICE)));
        assertEquals(before, gpu.reads(), "no label read");
        float[] d = onDevice.value().to(Device.CPU).toFloatArray();
        float[] h = perSample.apply(Tensor.of(new float[] {0, 1, 0, 2}, 4), Variable.constant(p)).value().toFloatArray();
        assertEquals(List.of(h[0], h[1], Float.NaN, h[3]), List.of(d[0], d[1], d[2], d[3]));
        Tensor ignored = Tensor.of(new float[] {0, 1, 2, 2}, 4).to(CountingDevice.DEVICE);
        float[] masked = new SparseCategoricalCrossentropy(false, 2, Reduction.NONE, "scce")
                .apply(ignored, Variable.constant(p.to(CountingDevice.DEVICE))).value().to(Device.CPU).toFloatArray();
        assertEquals(List.of(h[0], h[1], 0f, 0f), List.of(masked[0], masked[1], masked[2], masked[3]));
    }
}
