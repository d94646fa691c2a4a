package kiln.examples;

import java.util.Locale;
import kiln.nn.data.Dataset;
import kiln.nn.data.Datasets;
import kiln.nn.data.StandardScaler;
import kiln.nn.data.TrainTestSplit;
import kiln.nn.layers.Dense;
import kiln.nn.layers.Input;
import kiln.nn.models.FitOptions;
import kiln.nn.models.Sequential;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;

/** A regression MLP on the diabetes set (10 features → Dense 30 relu → Dense 1), mse, Adam; prints test MAE. */
public final class DiabetesRegression {
    private DiabetesRegression() {}

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        double[] r = run(epochs, 42);
        System.out.printf(Locale.ROOT, "test_mse=%.1f test_mae=%.2f baseline_mae=%.2f%n", r[0], r[1], r[2]);
    }

    /** {test mse, test mae, mae of always predicting the training mean}. */
    public static double[] run(int epochs, long seed) {
        Generator.setGlobalSeed(seed);
        Dataset d = Datasets.diabetes();
        Tensor y = d.y().reshape(-1, 1);
        var split = new TrainTestSplit().testSize(0.2).randomState(seed).split(d.x(), y);
        StandardScaler scaler = new StandardScaler();
        Tensor xTrain = scaler.fitTransform(split.xTrain());
        Tensor xTest = scaler.transform(split.xTest());
        Sequential model = new Sequential(Input.of(10), new Dense(30, "relu"), new Dense(1));
        model.compile(new kiln.nn.optimizers.Adam(new kiln.nn.optimizers.OptimizerOptions().learningRate(0.01)),
                kiln.nn.losses.Losses.get("mse"), "mae");
        model.fit(xTrain, split.yTrain(), new FitOptions().epochs(epochs).verbose(0).seed(seed));
        var r = model.evaluate(xTest, split.yTest(), 32, 0);
        float mean = split.yTrain().mean().item();
        double baseline = split.yTest().sub(mean).abs().mean().item();
        return new double[] {r.get(0), r.get(1), baseline};
    }
}
