package kiln.examples;

import java.util.Locale;
import kiln.kernels.cpu.Parallel;
import kiln.nn.data.Dataset;
import kiln.nn.data.DatasetNotFoundException;
import kiln.nn.data.Datasets;
import kiln.nn.data.FashionMnist;
import kiln.nn.data.TrainTestData;
import kiln.nn.data.TrainTestSplit;
import kiln.nn.layers.Dense;
import kiln.nn.layers.Flatten;
import kiln.nn.layers.Input;
import kiln.nn.models.FitOptions;
import kiln.nn.models.Sequential;
import kiln.nn.optimizers.Optimizer;
import kiln.nn.optimizers.Optimizers;
import kiln.nn.optimizers.SGD;
import kiln.tensor.Generator;
import kiln.tensor.Device;
import kiln.tensor.Tensor;

/**
 * The course's Fashion-MNIST classifier, as in the Keras notebook: Flatten → Dense 300 relu →
 * Dense 100 relu → Dense 10 softmax, SGD 0.01, sparse categorical cross-entropy, 30 epochs, the
 * first 5,000 training images held out for validation, pixels scaled to [0, 1].
 *
 * <pre>
 * examples/run.sh [--epochs 30] [--batch-size 32] [--optimizer sgd] [--threads N] [--seed 42] [--device cpu|cuda[:N]]
 * </pre>
 * With {@code --device cuda} the model is moved to the GPU ({@code model.to}) and fit moves each batch there.
 * Without the Fashion-MNIST files it says so and trains the embedded 8×8 digits set instead.
 * The last line is {@code test_accuracy=0.xxxx test_loss=0.xxxx seconds_per_epoch=x.xx}.
 */
public final class FashionMnistDemo {
    private FashionMnistDemo() {}

    public static void main(String[] args) {
        int epochs = 30;
        int batchSize = 32;
        String optimizer = "sgd";
        long seed = 42;
        Device device = Device.CPU;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--epochs" -> epochs = Integer.parseInt(need(a, v));
                case "--batch-size" -> batchSize = Integer.parseInt(need(a, v));
                case "--optimizer" -> optimizer = need(a, v);
                case "--threads" -> Parallel.setThreads(Integer.parseInt(need(a, v)));
                case "--seed" -> seed = Long.parseLong(need(a, v));
                case "--device" -> device = Device.parse(need(a, v));
                case "-h", "--help" -> {
                    System.out.println("usage: examples/run.sh [--epochs N] [--batch-size N] [--optimizer sgd|adam|...] "
                            + "[--threads N] [--seed N] [--device cpu|cuda[:N]]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "' (try --help)");
            }
            if (!a.startsWith("-h") && !a.equals("--help")) {
                i++;
            }
        }
        Generator.setGlobalSeed(seed);
        Result r = run(epochs, batchSize, optimizer, seed, 1, device);
        System.out.printf(Locale.ROOT, "test_accuracy=%.4f test_loss=%.4f seconds_per_epoch=%.2f%n",
                r.accuracy(), r.loss(), r.secondsPerEpoch());
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return value;
    }

    /** What the demo reports. */
    public record Result(double accuracy, double loss, double secondsPerEpoch, String dataset) {}

    /** Trains and evaluates on the CPU; {@code verbose} as Keras's fit. */
    public static Result run(int epochs, int batchSize, String optimizer, long seed, int verbose) {
        return run(epochs, batchSize, optimizer, seed, verbose, Device.CPU);
    }

    /** Trains and evaluates on a device; {@code verbose} as Keras's fit. */
    public static Result run(int epochs, int batchSize, String optimizer, long seed, int verbose, Device device) {
        Tensor xTrain;
        Tensor yTrain;
        Tensor xTest;
        Tensor yTest;
        int[] inputShape;
        String dataset;
        int validation;
        try {
            TrainTestData d = FashionMnist.load();
            xTrain = d.xTrain().div(255f);
            yTrain = d.yTrain();
            xTest = d.xTest().div(255f);
            yTest = d.yTest();
            inputShape = new int[] {28, 28};
            dataset = "fashion-mnist";
            validation = 5000;
        } catch (DatasetNotFoundException e) {
            System.out.println("Fashion-MNIST not found, training the embedded digits set (8x8) instead:\n  "
                    + e.getMessage().replace("\n", "\n  "));
            Dataset digits = Datasets.digits();
            var split = new TrainTestSplit().testSize(0.2).randomState(seed).split(digits.x(), digits.y());
            xTrain = split.xTrain().div(16f).reshape(-1, 8, 8);
            yTrain = split.yTrain();
            xTest = split.xTest().div(16f).reshape(-1, 8, 8);
            yTest = split.yTest();
            inputShape = new int[] {8, 8};
            dataset = "digits";
            validation = xTrain.dim(0) / 10;
        }
        // As the course: the first images are the validation set, the rest the training set.
        int n = xTrain.dim(0);
        Tensor xValid = xTrain.narrow(0, 0, validation);
        Tensor yValid = yTrain.narrow(0, 0, validation);
        Tensor xFit = xTrain.narrow(0, validation, n - validation);
        Tensor yFit = yTrain.narrow(0, validation, n - validation);

        Sequential model = new Sequential(Input.of(inputShape), new Flatten(), new Dense(300, "relu"),
                new Dense(100, "relu"), new Dense(10, "softmax"));
        model.to(device);
        if (verbose != 0) {
            System.out.println(model.summary());
        }
        Optimizer opt = optimizer.equalsIgnoreCase("sgd") ? new SGD(0.01) : Optimizers.get(optimizer);
        model.compile(opt, kiln.nn.losses.Losses.get("sparse_categorical_crossentropy"), "accuracy");
        long t0 = System.nanoTime();
        model.fit(xFit, yFit, new FitOptions().epochs(epochs).batchSize(batchSize).validationData(xValid, yValid)
                .verbose(verbose).seed(seed));
        double seconds = (System.nanoTime() - t0) / 1e9;
        var r = model.evaluate(xTest, yTest, 32, 0);
        return new Result(r.get(1), r.get(0), seconds / epochs, dataset);
    }
}
