package kiln.nn.data;

import java.util.List;
import java.util.Objects;
import kiln.tensor.Tensor;

/**
 * A dataset that comes already split, as Keras's {@code load_data()} returns it:
 * {@code ((x_train, y_train), (x_test, y_test))}.
 *
 * @param xTrain training inputs, float32
 * @param yTrain training labels, int32
 * @param xTest test inputs, float32
 * @param yTest test labels, int32
 * @param classNames one name per class, index = label
 */
public record TrainTestData(Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest, List<String> classNames) {
    public TrainTestData {
        Objects.requireNonNull(xTrain, "xTrain");
        Objects.requireNonNull(yTrain, "yTrain");
        Objects.requireNonNull(xTest, "xTest");
        Objects.requireNonNull(yTest, "yTest");
        classNames = List.copyOf(classNames);
    }
}
