package kiln.examples;

import java.util.Locale;
import kiln.nn.data.Dataset;
import kiln.nn.data.Datasets;
import kiln.nn.data.TrainTestSplit;
import kiln.nn.layers.Dense;
import kiln.nn.layers.Dropout;
import kiln.nn.layers.Input;
import kiln.nn.models.FitOptions;
import kiln.nn.models.Sequential;
import kiln.tensor.Generator;

/** Dense 100 relu + Dropout 0.3 with Adam, on the embedded 8×8 digits; prints the test accuracy. */
public final class DropoutExample {
    private DropoutExample() {}

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        System.out.printf(Locale.ROOT, "test_accuracy=%.4f%n", run(epochs, 42));
    }

    public static double run(int epochs, long seed) {
        Generator.setGlobalSeed(seed);
        Dataset digits = Datasets.digits();
        var split = new TrainTestSplit().testSize(0.2).randomState(seed).split(digits.x(), digits.y());
        Sequential model = new Sequential(Input.of(64), new Dense(100, "relu"), new Dropout(0.3),
                new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        model.fit(split.xTrain().div(16f), split.yTrain(), new FitOptions().epochs(epochs).verbose(0).seed(seed));
        return model.evaluate(split.xTest().div(16f), split.yTest(), 32, 0).get(1);
    }
}
