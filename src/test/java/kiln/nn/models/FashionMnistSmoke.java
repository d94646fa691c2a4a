package kiln.nn.models;

import kiln.nn.data.FashionMnist;
import kiln.nn.data.TrainTestData;
import kiln.nn.layers.Dense;
import kiln.nn.layers.Flatten;
import kiln.nn.layers.Input;
import kiln.nn.layers.Naming;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;

public class FashionMnistSmoke {
    public static void main(String[] args) {
        Generator.setGlobalSeed(42);
        Naming.clearSession();
        TrainTestData d = FashionMnist.load();
        Tensor xTrain = d.xTrain().div(255f);
        Tensor xTest = d.xTest().div(255f);
        Tensor xValid = xTrain.narrow(0, 0, 5000), xTr = xTrain.narrow(0, 5000, 55000);
        Tensor yValid = d.yTrain().narrow(0, 0, 5000), yTr = d.yTrain().narrow(0, 5000, 55000);
        Sequential model = new Sequential(Input.of(28, 28), new Flatten(), new Dense(300, "relu"),
                new Dense(100, "relu"), new Dense(10, "softmax"));
        System.out.println(model.summary());
        model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long t0 = System.nanoTime();
        var h = model.fit(xTr, yTr, new FitOptions().epochs(epochs).validationData(xValid, yValid).verbose(2));
        double secs = (System.nanoTime() - t0) / 1e9;
        var r = model.evaluate(xTest, yTest(d), 32, 0);
        System.out.printf("test_accuracy=%.4f test_loss=%.4f seconds_per_epoch=%.2f%n", r.get(1), r.get(0), secs / epochs);
        System.out.println(h.history().keySet());
    }

    static Tensor yTest(TrainTestData d) {
        return d.yTest();
    }
}
