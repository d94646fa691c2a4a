package kiln.examples;

import java.util.Locale;
import kiln.nn.data.Categorical;
import kiln.nn.data.Dataset;
import kiln.nn.data.Datasets;
import kiln.nn.data.StandardScaler;
import kiln.nn.data.TrainTestSplit;
import kiln.nn.layers.Dense;
import kiln.nn.layers.Input;
import kiln.nn.losses.Losses;
import kiln.nn.models.FitOptions;
import kiln.nn.models.Sequential;
import kiln.nn.optimizers.SGD;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;

/**
 * The course's iris classifier: 4 → Dense 16 sigmoid → Dense 12 sigmoid → Dense 3 softmax, SGD 0.01,
 * one-hot labels with categorical cross-entropy, standardized features, batches of 8. Prints the test
 * accuracy.
 */
public final class IrisExample {
    private IrisExample() {}

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        System.out.printf(Locale.ROOT, "test_accuracy=%.4f%n", run(epochs, 42));
    }

    /** Trains for {@code epochs} and returns the accuracy on a stratified 20% test split. */
    public static double run(int epochs, long seed) {
        Generator.setGlobalSeed(seed);
        Dataset iris = Datasets.iris();
        var split = new TrainTestSplit().testSize(0.2).randomState(seed).stratify(iris.y()).split(iris.x(), iris.y());
        Sequential model = new Sequential(Input.of(4), new Dense(16, "sigmoid"), new Dense(12, "sigmoid"),
                new Dense(3, "softmax"));
        model.compile(new SGD(0.01), Losses.get("categorical_crossentropy"), "accuracy");
        StandardScaler scaler = new StandardScaler();
        Tensor xTrain = scaler.fitTransform(split.xTrain());
        model.fit(xTrain, Categorical.toCategorical(split.yTrain(), 3),
                new FitOptions().epochs(epochs).batchSize(8).verbose(0).seed(seed));
        Tensor yTest = Categorical.toCategorical(split.yTest(), 3);
        return model.evaluate(scaler.transform(split.xTest()), yTest, 32, 0).get(1);
    }
}
