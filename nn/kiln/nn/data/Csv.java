package kiln.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Reads the bundled scikit-learn CSV files (plain or gzip) from this package's resources. */
final class Csv {
    private static final Pattern COMMA = Pattern.compile(",");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Csv() {}

    /** The non-empty lines of a resource beside this class. */
    static List<String> lines(String resource) {
        InputStream in = Csv.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("bundled dataset file kiln/nn/data/" + resource + " is not on the class"
                    + " path; it ships in the Kiln jar (source folder nn/resources/kiln/nn/data/)");
        }
        try (in; InputStream raw = resource.endsWith(".gz") ? new GZIPInputStream(in) : in;
                BufferedReader r = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
            List<String> out = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading bundled dataset file " + resource, e);
        }
    }

    /** Splits a comma-separated line. */
    static String[] commas(String line) {
        return COMMA.split(line);
    }

    /** Splits a whitespace-separated line. */
    static String[] spaces(String line) {
        return SPACES.split(line);
    }

    /** Parses {@code count} numbers of a row, naming the file and line on failure. */
    static void parse(String resource, int lineNo, String[] cells, int count, float[] out, int outOffset) {
        if (cells.length < count) {
            throw new IllegalStateException(resource + " line " + lineNo + ": expected " + count + " values, found "
                    + cells.length);
        }
        for (int i = 0; i < count; i++) {
            try {
                out[outOffset + i] = Float.parseFloat(cells[i]);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(resource + " line " + lineNo + ", column " + (i + 1)
                        + ": not a number: '" + cells[i] + "'", e);
            }
        }
    }
}
