package kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import kiln.autograd.Variable;
import kiln.nn.layers.Dense;
import kiln.nn.layers.Flatten;
import kiln.nn.layers.Input;
import kiln.nn.models.FitOptions;
import kiln.nn.models.Sequential;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The README's example, on random data in place of Fashion-MNIST, so it always runs. */
class ReadmeExampleTest {
    @Test
    void readmeExampleRuns() {
        Generator g = new Generator(1);
        Tensor x = Tensor.uniform(g, 0, 1, 64, 28, 28);
        Tensor y = Tensor.ofInts(new int[64], 64);
        var model = new Sequential(Input.of(28, 28), new Flatten(),
                new Dense(300, "relu"), new Dense(100, "relu"), new Dense(10, "softmax"));
        model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        var history = model.fit(x, y, new FitOptions().epochs(2).validationSplit(0.25).verbose(0));
        assertEquals(2, history.get("val_loss").size());
        assertEquals(2, model.evaluate(x, y, 32, 0).size());

        var w = Variable.parameter(Tensor.randn(3, 2), "w");
        var loss = new Variable(Tensor.ones(4, 3)).matmul(w).relu().sum();
        loss.backward();
        assertArrayEquals(new int[] {3, 2}, w.grad().dims());
    }
}
