package kiln.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import kiln.tensor.DType;
import kiln.tensor.Tensor;

/**
 * Finding and reading the MNIST-shaped image sets: four IDX files per folder ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each
 * with or without {@code .gz}) or one Keras {@code .npz} with {@code x_train, y_train, x_test, y_test}.
 */
final class ImageDatasetFiles {
    static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** A place to look: a folder of IDX files or an .npz file, and why it is on the list. */
    record Place(Path path, String origin) {}

    private ImageDatasetFiles() {}

    /**
     * The configurable places, in search order: {@code -Dkiln.datasets=ROOT} and env {@code KILN_DATASETS=ROOT}
     * (each as {@code ROOT/subdir}), then {@code fixed} (system folders), then Keras's cache
     * {@code $KERAS_HOME/datasets/} or {@code ~/.keras/datasets/}, as {@code kerasNames} inside it.
     */
    static List<Place> standardPlaces(String subdir, List<Place> fixed, List<String> kerasNames) {
        List<Place> places = new ArrayList<>();
        String prop = System.getProperty("kiln.datasets");
        if (prop != null && !prop.isBlank()) {
            places.add(new Place(Path.of(prop).resolve(subdir), "-Dkiln.datasets"));
        }
        String env = System.getenv("KILN_DATASETS");
        if (env != null && !env.isBlank()) {
            places.add(new Place(Path.of(env).resolve(subdir), "environment variable KILN_DATASETS"));
        }
        places.addAll(fixed);
        String kerasHome = System.getenv("KERAS_HOME");
        Path keras = kerasHome != null && !kerasHome.isBlank() ? Path.of(kerasHome)
                : Path.of(System.getProperty("user.home"), ".keras");
        for (String name : kerasNames) {
            places.add(new Place(keras.resolve("datasets").resolve(name), "Keras cache"));
        }
        return places;
    }

    /** Loads from the first complete place, or throws listing every place and what was missing there. */
    static TrainTestData load(String title, List<Place> places, List<String> classNames, String howToGet) {
        List<String> report = new ArrayList<>();
        for (Place p : places) {
            String problem = problem(p.path());
            if (problem == null) {
                return read(title, p.path(), classNames);
            }
            report.add("  - " + p.path() + " (" + p.origin() + "): " + problem);
        }
        boolean npz = places.stream().anyMatch(p -> isNpz(p.path()));
        throw new DatasetNotFoundException(title + " not found. Looked for the IDX files "
                + String.join(", ", IDX_FILES) + " (each optionally .gz)" + (npz ? " or a Keras .npz file" : "")
                + " in:\n" + String.join("\n", report) + "\n" + howToGet,
                places.stream().map(Place::path).toList());
    }

    /** Why {@code path} cannot be loaded, or null when it can. */
    static String problem(Path path) {
        if (isNpz(path)) {
            return Files.isRegularFile(path) ? null : "no such file";
        }
        if (!Files.isDirectory(path)) {
            return Files.exists(path) ? "not a folder" : "folder does not exist";
        }
        List<String> missing = IDX_FILES.stream().filter(f -> idxFile(path, f) == null).toList();
        if (missing.isEmpty()) {
            return null;
        }
        return missing.size() == IDX_FILES.size() ? "folder exists but holds none of the files"
                : "missing " + String.join(", ", missing);
    }

    /** Reads and checks the four arrays at {@code path} (a folder of IDX files or an .npz file). */
    static TrainTestData read(String title, Path path, List<String> classNames) {
        try {
            Tensor[] a = new Tensor[4];
            String[] names = new String[4];
            if (isNpz(path)) {
                String[] keys = {"x_train", "y_train", "x_test", "y_test"};
                try (ZipFile zip = new ZipFile(path.toFile())) {
                    for (int i = 0; i < 4; i++) {
                        ZipEntry e = zip.getEntry(keys[i] + ".npy");
                        names[i] = path + ":" + keys[i] + ".npy";
                        if (e == null) {
                            throw new IllegalArgumentException(path + ": no array '" + keys[i] + "' in the .npz"
                                    + " (expected x_train, y_train, x_test, y_test as in Keras's mnist.npz)");
                        }
                        try (InputStream in = zip.getInputStream(e)) {
                            a[i] = Npy.read(in, names[i], i % 2 == 0 ? DType.FLOAT32 : DType.INT32);
                        }
                    }
                }
            } else {
                for (int i = 0; i < 4; i++) {
                    Path f = idxFile(path, IDX_FILES.get(i));
                    names[i] = f.toString();
                    a[i] = Idx.read(f, i % 2 == 0 ? DType.FLOAT32 : DType.INT32);
                }
            }
            check(names[0], a[0], names[1], a[1], classNames.size());
            check(names[2], a[2], names[3], a[3], classNames.size());
            return new TrainTestData(a[0], a[1], a[2], a[3], classNames);
        } catch (IOException e) {
            throw new UncheckedIOException(title + ": cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static void check(String xName, Tensor x, String yName, Tensor y, int numClasses) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException(xName + ": expected images of shape (samples, rows, cols), got "
                    + Arrays.toString(x.dims()));
        }
        if (y.rank() != 1) {
            throw new IllegalArgumentException(yName + ": expected labels of shape (samples,), got "
                    + Arrays.toString(y.dims()));
        }
        if (x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException(xName + " has " + x.dim(0) + " images but " + yName + " has "
                    + y.dim(0) + " labels");
        }
        int[] labels = y.toIntArray();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(yName + ": label " + labels[i] + " at index " + i
                        + " is not a class index 0.." + (numClasses - 1));
            }
        }
    }

    /** {@code dir/name.gz} or {@code dir/name}, whichever exists (gzip first), else null. */
    static Path idxFile(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(name);
        return Files.isRegularFile(plain) ? plain : null;
    }

    private static boolean isNpz(Path p) {
        return p.getFileName() != null && p.getFileName().toString().endsWith(".npz");
    }
}
