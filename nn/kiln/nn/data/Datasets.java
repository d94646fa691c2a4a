package kiln.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kiln.tensor.Tensor;

/**
 * The small real datasets bundled with scikit-learn, shipped inside Kiln (no download): the same
 * values as {@code sklearn.datasets.load_iris()} and friends, as float32 features and int32 labels.
 *
 * <pre>{@code
 * Dataset iris = Datasets.iris();
 * iris.x().dims()            // [150, 4]
 * iris.x().get(0, 0)         // 5.1
 * iris.classNames()          // [setosa, versicolor, virginica]
 * }</pre>
 *
 * <p>Each call reads and parses the resource again (the largest, digits, is 57 KB); keep the result
 * if you need it more than once. The files are scikit-learn 1.2.1's, from Debian's python3-sklearn
 * (BSD-3; the data are the public UCI sets).
 */
public final class Datasets {
    private Datasets() {}

    /** Iris: 150 samples, 4 features (cm), 3 classes of 50. */
    public static Dataset iris() {
        return headed("iris", "iris.csv", List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)",
                "petal width (cm)"));
    }

    /** Wine: 178 samples, 13 chemical features, 3 classes (59, 71, 48). */
    public static Dataset wine() {
        return headed("wine", "wine_data.csv", List.of("alcohol", "malic_acid", "ash", "alcalinity_of_ash",
                "magnesium", "total_phenols", "flavanoids", "nonflavanoid_phenols", "proanthocyanins",
                "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline"));
    }

    /** Breast cancer (Wisconsin diagnostic): 569 samples, 30 features, classes malignant (212) and benign (357). */
    public static Dataset breastCancer() {
        List<String> names = new ArrayList<>();
        List<String> measures = List.of("radius", "texture", "perimeter", "area", "smoothness", "compactness",
                "concavity", "concave points", "symmetry", "fractal dimension");
        measures.forEach(m -> names.add("mean " + m));
        measures.forEach(m -> names.add(m + " error"));
        measures.forEach(m -> names.add("worst " + m));
        return headed("breast_cancer", "breast_cancer.csv", names);
    }

    /**
     * Digits: 1797 8×8 images of handwritten digits, flattened row-major to 64 features with values
     * 0..16 ({@code x.reshape(-1, 8, 8)} gives the images), 10 classes "0".."9".
     */
    public static Dataset digits() {
        String file = "digits.csv.gz";
        List<String> lines = Csv.lines(file);
        int n = lines.size();
        int d = 64;
        float[] x = new float[n * d];
        int[] y = new int[n];
        float[] row = new float[d + 1];
        for (int i = 0; i < n; i++) {
            Csv.parse(file, i + 1, Csv.commas(lines.get(i)), d + 1, row, 0);
            System.arraycopy(row, 0, x, i * d, d);
            y[i] = label(file, i + 1, row[d], 10);
        }
        List<String> features = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                features.add("pixel_" + r + "_" + c);
            }
        }
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            classes.add(Integer.toString(k));
        }
        return new Dataset("digits", Tensor.of(x, n, d), Tensor.ofInts(y, n), features, classes);
    }

    /** Diabetes (regression), scaled as scikit-learn does by default: see {@link #diabetes(boolean)}. */
    public static Dataset diabetes() {
        return diabetes(true);
    }

    /**
     * Diabetes: 442 samples, 10 features (age, sex, bmi, bp, s1..s6), float32 target (disease progression
     * after one year, 25..346). With {@code scaled} (scikit-learn's default) each feature is centered and
     * divided by {@code std * sqrt(442)} (population std), so every column has unit sum of squares; without
     * it, the raw values (age in years, sex 1/2, ...).
     */
    public static Dataset diabetes(boolean scaled) {
        String dataFile = "diabetes_data_raw.csv.gz";
        String targetFile = "diabetes_target.csv.gz";
        List<String> lines = Csv.lines(dataFile);
        List<String> targets = Csv.lines(targetFile);
        if (lines.size() != targets.size()) {
            throw new IllegalStateException(dataFile + " has " + lines.size() + " rows but " + targetFile + " has "
                    + targets.size());
        }
        int n = lines.size();
        int d = 10;
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            Csv.parse(dataFile, i + 1, Csv.spaces(lines.get(i)), d, x, i * d);
            Csv.parse(targetFile, i + 1, new String[] {targets.get(i)}, 1, y, i);
        }
        if (scaled) {
            scaleColumns(x, n, d);
        }
        return new Dataset("diabetes", Tensor.of(x, n, d), Tensor.of(y, n),
                List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"), List.of());
    }

    /** The scikit-learn layout "n,d,class names..." then d features and an int label per row. */
    private static Dataset headed(String name, String file, List<String> featureNames) {
        List<String> lines = Csv.lines(file);
        String[] header = Csv.commas(lines.get(0));
        int n = Integer.parseInt(header[0].strip());
        int d = Integer.parseInt(header[1].strip());
        List<String> classes = Arrays.stream(header, 2, header.length).map(String::strip).toList();
        if (lines.size() - 1 != n || featureNames.size() != d) {
            throw new IllegalStateException(file + ": header announces " + n + " rows of " + d + " features, found "
                    + (lines.size() - 1) + " rows (expected " + featureNames.size() + " features)");
        }
        float[] x = new float[n * d];
        int[] y = new int[n];
        float[] row = new float[d + 1];
        for (int i = 0; i < n; i++) {
            Csv.parse(file, i + 2, Csv.commas(lines.get(i + 1)), d + 1, row, 0);
            System.arraycopy(row, 0, x, i * d, d);
            y[i] = label(file, i + 2, row[d], classes.size());
        }
        return new Dataset(name, Tensor.of(x, n, d), Tensor.ofInts(y, n), featureNames, classes);
    }

    private static int label(String file, int lineNo, float v, int numClasses) {
        if (v != Math.rint(v) || v < 0 || v >= numClasses) {
            throw new IllegalStateException(file + " line " + lineNo + ": label " + v + " is not a class index 0.."
                    + (numClasses - 1));
        }
        return (int) v;
    }

    /** scikit-learn's {@code scale(data) / sqrt(n)}, in double precision. */
    private static void scaleColumns(float[] x, int n, int d) {
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * d + j];
            }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double c = x[i * d + j] - mean;
                ss += c * c;
            }
            double std = Math.sqrt(ss / n);
            double div = (std == 0 ? 1 : std) * Math.sqrt(n);
            for (int i = 0; i < n; i++) {
                x[i * d + j] = (float) ((x[i * d + j] - mean) / div);
            }
        }
    }
}
