package kiln.nn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MNIST: 70,000 28×28 grayscale images of handwritten digits, 60,000 for training and 10,000 for
 * testing. Like {@code keras.datasets.mnist.load_data()} but read from local files only.
 *
 * <pre>{@code
 * TrainTestData d = Mnist.load();
 * d.xTrain().dims()     // [60000, 28, 28], float32 values 0..255
 * }</pre>
 *
 * <p>Images are float32 holding the raw pixel values 0..255 (Keras returns uint8 with the same values);
 * labels are int32. Two layouts are read: a folder of the four original IDX files
 * ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz},
 * {@code t10k-labels-idx1-ubyte.gz}, with or without {@code .gz}), or Keras's own cache file
 * {@code mnist.npz}. {@link #load()} searches, in order: {@code ROOT/mnist/} and {@code ROOT/mnist.npz} for
 * {@code -Dkiln.datasets=ROOT}, the same for {@code KILN_DATASETS=ROOT}, then {@code ~/.keras/datasets/mnist.npz}
 * (where Keras caches it; {@code $KERAS_HOME} when set) and {@code ~/.keras/datasets/mnist/}. Debian has
 * no MNIST package.
 */
public final class Mnist {
    /** The class names, index = label. */
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final String HOW_TO_GET = "To get the files (Debian has no MNIST package): download the four .gz"
            + " IDX files from https://ossci-datasets.s3.amazonaws.com/mnist/ into ~/.keras/datasets/mnist/, or Keras's"
            + " https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz into ~/.keras/datasets/"
            + " (running keras.datasets.mnist.load_data() once does that), or point -Dkiln.datasets=ROOT /"
            + " KILN_DATASETS=ROOT at a folder holding mnist/ or mnist.npz, or call Mnist.load(Path).";

    private Mnist() {}

    /**
     * Loads from the first place in the search order (class comment) that holds the data.
     *
     * @throws DatasetNotFoundException if none does, listing every place tried and how to get the files
     * @throws IllegalArgumentException if a file found is malformed or the arrays do not fit
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public static TrainTestData load() {
        return load(places());
    }

    /**
     * Loads from {@code path} only: a folder of the four IDX files, or an {@code .npz} file in Keras's layout.
     *
     * @throws DatasetNotFoundException if the files are not there
     */
    public static TrainTestData load(Path path) {
        List<ImageDatasetFiles.Place> places = new ArrayList<>();
        places.add(new ImageDatasetFiles.Place(path, "given path"));
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("mnist.npz"))
                && ImageDatasetFiles.problem(path) != null) {
            places.add(new ImageDatasetFiles.Place(path.resolve("mnist.npz"), "given path"));
        }
        return load(places);
    }

    /** The folders and files {@link #load()} tries, in order (with the current properties and environment). */
    public static List<Path> searchPath() {
        return places().stream().map(ImageDatasetFiles.Place::path).toList();
    }

    static List<ImageDatasetFiles.Place> places() {
        List<ImageDatasetFiles.Place> out = new ArrayList<>();
        for (ImageDatasetFiles.Place p : ImageDatasetFiles.standardPlaces("mnist", List.of(),
                List.of("mnist.npz", "mnist"))) {
            out.add(p);
            if (!p.origin().equals("Keras cache")) {          // ROOT/mnist -> also ROOT/mnist.npz
                out.add(new ImageDatasetFiles.Place(p.path().resolveSibling("mnist.npz"), p.origin()));
            }
        }
        return out;
    }

    static TrainTestData load(List<ImageDatasetFiles.Place> places) {
        return ImageDatasetFiles.load("MNIST", places, CLASS_NAMES, HOW_TO_GET);
    }
}
