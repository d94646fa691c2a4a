package kiln.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import kiln.kernels.cpu.Parallel;
import kiln.nn.callbacks.Callback;
import kiln.nn.data.FashionMnist;
import kiln.nn.data.TrainTestData;
import kiln.nn.layers.Dense;
import kiln.nn.layers.Flatten;
import kiln.nn.layers.Input;
import kiln.nn.losses.Losses;
import kiln.nn.models.FitOptions;
import kiln.nn.models.Sequential;
import kiln.nn.optimizers.SGD;
import kiln.tensor.Device;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Training throughput of the demo model (Flatten 28×28 → Dense 300 relu → Dense 100 relu → Dense 10
 * softmax, SGD 0.01, sparse categorical cross-entropy, 55,000 samples, 2 threads) in Kiln and in the
 * frameworks a user would otherwise pick, on the same model, loss, optimizer, batch and data:
 *
 * <pre>
 * mlp batch=32 kiln=61234 torch=47012 keras=38110 dl4j=9876 samples/s ratio_torch=1.30 gflops=97.8
 * </pre>
 *
 * This class is one run (a child process); {@link MlpReport} runs them all and prints the lines.
 * {@code torch} is PyTorch CPU, 2 threads, a plain training loop ({@code bench/mlp_torch.py});
 * {@code keras} is Keras 3 on JAX, {@code fit(verbose=0)} ({@code bench/mlp_keras.py}); both run from
 * {@code bench/.venv}, made by {@code bench/venv.sh}. {@code dl4j} is DL4J 1.0.0-M2.1 on nd4j-native,
 * run with {@code OMP_NUM_THREADS=1} and {@code =2}, the better one reported (design.md: 1 tends to win
 * on 2 cores). A baseline that cannot run prints {@code =unavailable} and a {@code #} line with the reason.
 *
 * <p>Not JMH: the measured unit is a whole epoch (1,719 steps at batch 32, about a second), long
 * enough for {@code System.nanoTime}, and the baselines are other processes (Python, a DL4J JVM)
 * that JMH cannot drive; each framework runs in its own process, so no JIT profile, heap or thread
 * pool is shared. Every run trains {@code epochs} epochs (6 by default) and times epochs 2..n, shuffle
 * and batch gathering included. The first epoch pays for JIT and XLA compilation and allocator
 * warm-up. On 2 cores Kiln's warm-up lasts longer: HotSpot's C2 compiler was measured (JFR
 * {@code jdk.Compilation}, async-profiler) busy for about 3 s of CPU after the first epoch — the
 * training loop's code, each method inlining the tensor and kernel layers beneath it — and it
 * competes with the 2 training threads into epochs 2 and 3; from epoch 4 on C2 is idle. Six epochs
 * (the same for every framework) weigh that as a 30-epoch training run does a little less.
 *
 * <p>GFLOP/s, a nominal count the same for every framework: forward 2·(784·300 + 300·100 + 100·10)
 * = 532,400 FLOPs per sample, backward twice that (dX and dW per layer), so a step is 6 × 266,200 =
 * 1,597,200 FLOPs per sample and gflops = samples/s × 1,597,200 / 1e9. Kiln (like PyTorch) skips the
 * first layer's dX, the gradient of the input, which needs none: the work actually done is 1,126,800
 * FLOPs per sample, 70.5% of the nominal count.
 *
 * <pre>
 * MlpBench report [--epochs 4] [--batches 32,256] [--rounds 3] # the report lines (MlpReport)
 * MlpBench kiln|dl4j --batch 32 --epochs 4 --data DIR|random    # one run; last line "result samples_per_s=.."
 * MlpBench kiln --device cuda ...       # Kiln on the GPU (GpuBench's gpu-mlp lines)
 * MlpBench dl4j ... --deadline-s 30      # stops (exit 3) once training has taken longer than that
 * </pre>
 */
public final class MlpBench {
    /** Samples per epoch: the demo's training part of Fashion-MNIST (60,000 less 5,000 held out). */
    static final int SAMPLES = 55_000;
    /** Multiply-adds per sample of one forward pass: 784·300 + 300·100 + 100·10. */
    static final long MACS = 784L * 300 + 300L * 100 + 100L * 10;
    /** Nominal FLOPs per sample of a training step: forward 2·MACS, backward 4·MACS. */
    static final long STEP_FLOPS = 6 * MACS;
    /** Epochs per run unless told otherwise (epochs 2..6 timed). */
    static final int EPOCHS = 6;
    /** Interleaved runs per framework in a report, the fastest kept (DL4J, far behind, runs once). */
    static final int ROUNDS = 3;
    /** Seconds a single framework run may take before it is reported unavailable. */
    static final long RUN_TIMEOUT_S = 300;
    /** How the last line of a run starts. */
    static final String RESULT = "result ";

    private MlpBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: MlpBench report [--epochs N] [--batches 32,256] | "
                    + "MlpBench kiln|dl4j --batch N --epochs N --data DIR|random");
        }
        Map<String, String> o = options(args);
        switch (args[0]) {
            case "report" -> MlpReport.report(Integer.parseInt(o.getOrDefault("epochs", "" + EPOCHS)),
                    MlpReport.parseBatches(o.getOrDefault("batches", "32,256")),
                    Integer.parseInt(o.getOrDefault("rounds", "" + ROUNDS)));
            case "kiln" -> System.out.println(kiln(intOption(o, "batch"), intOption(o, "epochs"), o.get("data"),
                    Device.parse(o.getOrDefault("device", "cpu"))));
            case "dl4j" -> System.out.println(dl4j(intOption(o, "batch"), intOption(o, "epochs"), o.get("data"),
                    Double.parseDouble(o.getOrDefault("deadline-s", "" + RUN_TIMEOUT_S))));
            default -> throw new IllegalArgumentException("MlpBench: unknown mode '" + args[0]
                    + "' (expected report, kiln or dl4j)");
        }
    }

    // ------------------------------------------------------------------ one run (child processes)

    /** Images [55000, 28, 28] in [0, 1] and labels [55000] as plain arrays (random when data is "random"). */
    record Data(float[] x, int[] y) {}

    static Data load(String data) {
        if (data == null) {
            throw new IllegalArgumentException("MlpBench: --data DIR|random is required");
        }
        float[] x = new float[SAMPLES * 784];
        int[] y = new int[SAMPLES];
        if (data.equals("random")) {
            Random r = new Random(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = r.nextInt(10);
            }
            return new Data(x, y);
        }
        TrainTestData d = FashionMnist.load(Path.of(data));
        float[] all = d.xTrain().narrow(0, 0, SAMPLES).toFloatArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = all[i] / 255f;
        }
        System.arraycopy(d.yTrain().narrow(0, 0, SAMPLES).toIntArray(), 0, y, 0, SAMPLES);
        return new Data(x, y);
    }

    /**
     * Kiln's side: the demo model through {@code Sequential.fit}, epochs timed by a callback. On a GPU
     * ({@code --device cuda}) the model is moved there and so is the dataset, which fit then gathers
     * batches from in place, as the PyTorch baseline does.
     */
    static String kiln(int batch, int epochs, String data, Device device) {
        Parallel.setThreads(2);
        Generator.setGlobalSeed(1);
        Data d = load(data);
        Tensor x = Tensor.of(d.x(), SAMPLES, 28, 28).to(device);
        Tensor y = Tensor.ofInts(d.y(), SAMPLES).to(device);
        Sequential model = new Sequential(Input.of(28, 28), new Flatten(), new Dense(300, "relu"),
                new Dense(100, "relu"), new Dense(10, "softmax"));
        model.to(device);
        // No metrics: the step alone, as the baselines (Keras without metrics, torch's bare loop).
        model.compile(new SGD(0.01), Losses.get("sparse_categorical_crossentropy"));
        EpochTimer timer = new EpochTimer();
        var history = model.fit(x, y, new FitOptions().epochs(epochs).batchSize(batch).verbose(0).shuffle(true)
                .seed(1).callbacks(timer));
        List<Double> losses = history.history().get("loss");
        System.out.println("# kiln threads=" + Parallel.threads() + " device=" + device);
        return result(timer.seconds, losses.getLast());
    }

    /** Times epochs 2..n (0-based 1..n-1) from onEpochBegin to onEpochEnd. */
    static final class EpochTimer implements Callback {
        final List<Double> seconds = new ArrayList<>();
        private long t0;

        @Override public void onEpochBegin(int epoch, Map<String, Double> logs) {
            t0 = System.nanoTime();
        }

        @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
            seconds.add((System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * DL4J's side: a MultiLayerNetwork of the same layers (float32, Xavier init, SGD 0.01, softmax
     * output with sparse MCXENT), trained by a plain loop of {@code fit(DataSet)} over views of the
     * arrays shuffled in place each epoch. (DataSet.batchBy would split into 55,000 one-row DataSets
     * and merge them again, which is not what a user timing DL4J would write.)
     */
    static String dl4j(int batch, int epochs, String data, double deadlineSeconds) {
        Data d = load(data);
        float[] labels = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            labels[i] = d.y()[i];
        }
        INDArray x = Nd4j.create(d.x(), new long[] {SAMPLES, 784}, DataType.FLOAT);
        INDArray y = Nd4j.create(labels, new long[] {SAMPLES, 1}, DataType.FLOAT);
        DataSet all = new DataSet(x, y);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).updater(new Sgd(0.01)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(300).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(300).nOut(100).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.SPARSE_MCXENT).nIn(100).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random rng = new Random(1);
        List<Double> seconds = new ArrayList<>();
        long start = System.nanoTime();
        long samples = 0;
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            all.shuffle(rng.nextLong());
            for (int i = 0; i < SAMPLES; i += batch) {
                int to = Math.min(SAMPLES, i + batch);
                net.fit(new DataSet(x.get(NDArrayIndex.interval(i, to), NDArrayIndex.all()),
                        y.get(NDArrayIndex.interval(i, to), NDArrayIndex.all())));
                samples += to - i;
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (elapsed > deadlineSeconds) {
                    // Already slower than the setting it is compared with: not worth finishing.
                    System.out.printf(Locale.ROOT, "stopped after %.0f s in epoch %d of %d (deadline %.0f s),"
                            + " %.0f samples/s so far, first epoch included%n",
                            elapsed, e + 1, epochs, deadlineSeconds, samples / elapsed);
                    System.exit(3);
                }
            }
            seconds.add((System.nanoTime() - t0) / 1e9);
        }
        System.out.println("# dl4j 1.0.0-M2.1 nd4j-native, OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"));
        return result(seconds, net.score());
    }

    /** The line the parent reads: samples/s of epochs 2..n, the final loss, every epoch's seconds. */
    private static String result(List<Double> epochSeconds, double loss) {
        double timed = epochSeconds.stream().skip(1).mapToDouble(Double::doubleValue).sum();
        StringBuilder each = new StringBuilder();
        for (double t : epochSeconds) {
            each.append(each.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.3f", t));
        }
        return String.format(Locale.ROOT, RESULT + "samples_per_s=%.1f timed_epochs=%d loss=%.4f epoch_s=%s",
                (double) SAMPLES * (epochSeconds.size() - 1) / timed, epochSeconds.size() - 1, loss, each);
    }

    // ------------------------------------------------------------------ small helpers

    /** "--key value" and "key=value" pairs (the first argument, a mode, is skipped when it has neither). */
    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && i + 1 < args.length) {
                o.put(a.substring(2), args[++i]);
            } else if (a.contains("=")) {
                o.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        return o;
    }

    private static int intOption(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("MlpBench: option --" + key + " N is required");
        }
        return Integer.parseInt(v);
    }
}
