package kiln.nn.data;

import java.util.List;
import java.util.Objects;
import kiln.tensor.Tensor;

/**
 * A small in-memory dataset: features, targets and what they mean (scikit-learn's {@code Bunch}).
 *
 * @param name the dataset's name ("iris")
 * @param x the features, float32, shape (samples, features...)
 * @param y the targets: int32 class indices for classification, float32 values for regression
 * @param featureNames one name per feature column (may be empty)
 * @param classNames one name per class, index = label (empty for regression)
 */
public record Dataset(String name, Tensor x, Tensor y, List<String> featureNames, List<String> classNames) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        if (x.rank() == 0 || y.rank() == 0 || x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("Dataset " + name + ": x and y must have the same number of samples;"
                    + " got x " + java.util.Arrays.toString(x.dims()) + " and y " + java.util.Arrays.toString(y.dims()));
        }
    }

    /** The number of samples. */
    public int size() {
        return x.dim(0);
    }

    /** The number of classes (0 for a regression dataset). */
    public int numClasses() {
        return classNames.size();
    }
}
