package kiln.examples;

import java.util.List;
import java.util.Locale;
import kiln.nn.data.Dataset;
import kiln.nn.data.Datasets;
import kiln.nn.data.StandardScaler;
import kiln.nn.data.TrainTestSplit;
import kiln.nn.layers.Concatenate;
import kiln.nn.layers.Dense;
import kiln.nn.layers.Input;
import kiln.nn.layers.KerasTensor;
import kiln.nn.models.FitOptions;
import kiln.nn.models.Model;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;

/**
 * The course's wide &amp; deep functional model, on the diabetes set: the wide input takes features
 * 0–4, the deep input features 2–9 through two Dense 30 relu layers; both are concatenated into one
 * Dense 1 output. Prints the test mse.
 */
public final class WideDeepExample {
    private WideDeepExample() {}

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        System.out.printf(Locale.ROOT, "test_mse=%.1f%n", run(epochs, 42));
    }

    public static double run(int epochs, long seed) {
        Generator.setGlobalSeed(seed);
        Dataset d = Datasets.diabetes();
        var split = new TrainTestSplit().testSize(0.2).randomState(seed).split(d.x(), d.y().reshape(-1, 1));
        StandardScaler scaler = new StandardScaler();
        Tensor xTrain = scaler.fitTransform(split.xTrain());
        Tensor xTest = scaler.transform(split.xTest());

        KerasTensor wide = Input.named("wide_input", 5);
        KerasTensor deep = Input.named("deep_input", 8);
        KerasTensor h = new Dense(30, "relu").apply(deep);
        h = new Dense(30, "relu").apply(h);
        KerasTensor out = new Dense(1).apply(new Concatenate().apply(wide, h));
        Model model = new Model(List.of(wide, deep), List.of(out));
        model.compile(new kiln.nn.optimizers.Adam(new kiln.nn.optimizers.OptimizerOptions().learningRate(0.01)),
                kiln.nn.losses.Losses.get("mse"));
        model.fit(List.of(xTrain.slice(1, 0, 5), xTrain.slice(1, 2, 10)), List.of(split.yTrain()),
                new FitOptions().epochs(epochs).verbose(0).seed(seed));
        return model.evaluateDict(List.of(xTest.slice(1, 0, 5), xTest.slice(1, 2, 10)), List.of(split.yTest()), null,
                32, 0, null).get("loss");
    }
}
