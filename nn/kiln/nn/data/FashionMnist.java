package kiln.nn.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando): 70,000 28×28 grayscale images of 10 clothing classes, 60,000 for training
 * and 10,000 for testing, 6,000 and 1,000 per class. Like {@code keras.datasets.fashion_mnist.load_data()}
 * but read from local files only (Kiln downloads nothing).
 *
 * <pre>{@code
 * TrainTestData d = FashionMnist.load();
 * d.xTrain().dims()     // [60000, 28, 28], float32 values 0..255
 * d.yTrain().dims()     // [60000], int32 labels 0..9
 * }</pre>
 *
 * <p>The images are float32 holding the raw pixel values 0..255 (Keras returns uint8 with the same
 * values; divide by 255 yourself, as in the Keras tutorials); labels are int32 (Keras: uint8).
 *
 * <p>{@link #load()} searches, in this order, a folder holding the four IDX files
 * ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz},
 * {@code t10k-labels-idx1-ubyte.gz}; uncompressed copies without {@code .gz} work too):
 * <ol>
 *   <li>{@code ROOT/fashion-mnist/} for {@code -Dkiln.datasets=ROOT}</li>
 *   <li>{@code ROOT/fashion-mnist/} for the environment variable {@code KILN_DATASETS=ROOT}</li>
 *   <li>{@code /usr/share/datasets/fashion-mnist/}, where Debian's {@code dataset-fashion-mnist} package
 *       installs them ({@code apt-get install dataset-fashion-mnist})</li>
 *   <li>{@code ~/.keras/datasets/fashion-mnist/} ({@code $KERAS_HOME/datasets/...} when set), where
 *       Keras caches its download</li>
 * </ol>
 */
public final class FashionMnist {
    /** The class names, index = label (as in the Fashion-MNIST README). */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Where Debian's {@code dataset-fashion-mnist} package installs the IDX files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String HOW_TO_GET = "To get the files: install with: apt-get install dataset-fashion-mnist"
            + " (Debian/Ubuntu; installs them under " + DEBIAN_DIR + "), or download the four .gz files from"
            + " https://github.com/zalandoresearch/fashion-mnist (data/fashion/) into ~/.keras/datasets/fashion-mnist/,"
            + " or point -Dkiln.datasets=ROOT / KILN_DATASETS=ROOT at a folder holding fashion-mnist/, or call"
            + " FashionMnist.load(Path) with the folder.";

    private FashionMnist() {}

    /**
     * Loads from the first place in the search order (class comment) that holds all four files.
     *
     * @throws DatasetNotFoundException if none does, listing every place tried and how to get the files
     * @throws IllegalArgumentException if a file found is not a valid IDX file or the arrays do not fit
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public static TrainTestData load() {
        return load(places());
    }

    /**
     * Loads from {@code dir} only (no fallback to the other places).
     *
     * @throws DatasetNotFoundException if {@code dir} lacks any of the four files
     */
    public static TrainTestData load(Path dir) {
        return ImageDatasetFiles.load("Fashion-MNIST", List.of(new ImageDatasetFiles.Place(dir, "given path")),
                CLASS_NAMES, HOW_TO_GET);
    }

    /** The folders {@link #load()} tries, in order (with the current properties and environment). */
    public static List<Path> searchPath() {
        return places().stream().map(ImageDatasetFiles.Place::path).toList();
    }

    static List<ImageDatasetFiles.Place> places() {
        return ImageDatasetFiles.standardPlaces("fashion-mnist",
                List.of(new ImageDatasetFiles.Place(DEBIAN_DIR, "Debian package dataset-fashion-mnist")),
                List.of("fashion-mnist"));
    }

    static TrainTestData load(List<ImageDatasetFiles.Place> places) {
        return ImageDatasetFiles.load("Fashion-MNIST", places, CLASS_NAMES, HOW_TO_GET);
    }
}
