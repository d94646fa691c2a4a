package kiln.nn.models;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Keras 3's {@code model.summary()} text (keras-training.md §2), byte for byte: the title, the box-drawn
 * table that Keras lays out with the {@code rich} library, and the parameter totals.
 *
 * <p>Layout: the sequential form has columns "Layer (type)", "Output Shape", "Param #" (nominal width 88, split at
 * 0.45/0.80/1.0); the connected form adds "Connected to" (nominal width 108, split at 0.30/0.56/0.74/1.0). The line
 * width is {@code min(nominal, terminalColumns - 4)}, so 76 without a terminal ({@link #defaultLineLength}).
 * Cells wrap at spaces; a word longer than its column is cut and ends in {@code …}.
 *
 * <p>The ANSI form ({@link #renderAnsi}) adds the escapes Keras prints to a terminal (bold title, header and footer
 * labels; green numbers, bright cyan {@code None}, bright blue class names). Lines wider than the console are not
 * cropped here (rich crops them to the terminal width when a caller asks for a {@code line_length} wider than it).
 */
public final class SummaryTable {

    /** Columns Python's {@code shutil.get_terminal_size} falls back to when stdout is not a terminal. */
    public static final int FALLBACK_TERMINAL_COLUMNS = 80;

    private static final String BOLD = "1";
    private static final String NUMBER = "32";
    private static final String NONE = "96";
    private static final String SYMBOL = "94";
    private static final Pattern SHAPE_TOKEN = Pattern.compile("None|\\d+");
    private static final Pattern CONNECTION_INDEX = Pattern.compile("\\[(\\d+)]");
    private static final Pattern WORD = Pattern.compile("\\s*\\S+\\s*");

    private enum Justify { LEFT, RIGHT }

    private SummaryTable() {
    }

    /** The summary at {@link #defaultLineLength} for this process's terminal ({@code COLUMNS}, else 80). */
    public static String render(SummaryData data) {
        return render(data, defaultLineLength(data.connected(), terminalColumns()));
    }

    /** The plain summary with lines exactly {@code lineLength} characters wide (Keras's {@code line_length}). */
    public static String render(SummaryData data, int lineLength) {
        return new Renderer(data, lineLength, false).render();
    }

    /** As {@link #render(SummaryData, int)} with the ANSI bold/colour escapes Keras prints to a terminal. */
    public static String renderAnsi(SummaryData data, int lineLength) {
        return new Renderer(data, lineLength, true).render();
    }

    /** Keras's default line length: {@code min(88 or 108, terminalColumns - 4)}. */
    public static int defaultLineLength(boolean connected, int terminalColumns) {
        return Math.min(connected ? 108 : 88, terminalColumns - 4);
    }

    /** Terminal width as Python sees it without a terminal: a positive {@code COLUMNS}, else 80. */
    public static int terminalColumns() {
        String env = System.getenv("COLUMNS");
        if (env != null) {
            try {
                int c = Integer.parseInt(env.trim());
                if (c > 0) return c;
            } catch (NumberFormatException ignored) {
                // Python ignores a malformed COLUMNS too
            }
        }
        return FALLBACK_TERMINAL_COLUMNS;
    }

    /** Keras's shape text, {@code -1} meaning an unknown dim: {@code {-1, 28, 28}} gives {@code (None, 28, 28)}. */
    public static String formatShape(int... dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(dims[i] < 0 ? "None" : Integer.toString(dims[i]));
        }
        return sb.append(')').toString();
    }

    /** A layer with several outputs: {@code [(None, 3), (None, 4)]}; a single one prints as {@link #formatShape}. */
    public static String formatShapes(List<int[]> shapes) {
        if (shapes.size() == 1) return formatShape(shapes.get(0));
        List<String> parts = new ArrayList<>();
        for (int[] s : shapes) parts.add(formatShape(s));
        return "[" + String.join(", ", parts) + "]";
    }

    /** Comma thousands separators, as Python's {@code f"{n:,}"}: {@code 235,500}. */
    public static String thousands(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder sb = new StringBuilder();
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        sb.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) sb.append(',').append(digits, i, i + 3);
        return (n < 0 ? "-" : "") + sb;
    }

    /** Bytes in base 1024 with two decimals, as Keras: {@code 0.00 B}, {@code 9.25 KB}, {@code 1.02 MB}. */
    public static String readableSize(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        for (String unit : units) {
            if (v / 1024 < 1) return fixed2(v) + " " + unit;
            v /= 1024;
        }
        return fixed2(v) + " " + units[units.length - 1];
    }

    /** Python's {@code "{:.2f}"}: the exact binary value rounded half-to-even. */
    private static String fixed2(double v) {
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * Python's {@code round(x)} on {@code total / parts}, the share rich's {@code ratio_reduce} takes off each
     * column; half-to-even.
     */
    private static int[] ratioReduce(int total, int[] values) {
        int[] out = values.clone();
        int remaining = total;
        int parts = 0;
        for (int v : values) if (v != 0) parts++;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == 0 || parts <= 0) continue;
            int d = Math.min(values[i], (int) Math.rint((double) remaining / parts));
            out[i] = values[i] - d;
            remaining -= d;
            parts--;
        }
        return out;
    }

    /** Inner column widths (padding included, borders excluded) for a table exactly {@code lineLength} wide. */
    static int[] innerWidths(double[] positions, int lineLength) {
        int n = positions.length;
        int[] padded = new int[n];
        int current = 0;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            int width = (int) (positions[i] * lineLength) - current;
            if (width < 4) throw new IllegalArgumentException("Insufficient console width to print summary.");
            current += width;
            padded[i] = width + 2;
            sum += padded[i];
        }
        int room = lineLength - (n + 1);
        return sum > room ? ratioReduce(sum - room, padded) : padded;
    }

    /** Text with one ANSI SGR code (or null) per char. */
    private record Styled(String text, String[] styles) {
        static Styled plain(String s) {
            return new Styled(s, new String[s.length()]);
        }

        static Styled of(String s, String style) {
            String[] st = new String[s.length()];
            Arrays.fill(st, style);
            return new Styled(s, st);
        }

        Styled color(Pattern p, int group, String style) {
            String[] st = styles.clone();
            Matcher m = p.matcher(text);
            while (m.find()) {
                String code = style != null ? style : (m.group().equals("None") ? NONE : NUMBER);
                for (int i = m.start(group); i < m.end(group); i++) st[i] = code;
            }
            return new Styled(text, st);
        }

        Styled sub(int from, int to) {
            return new Styled(text.substring(from, to), Arrays.copyOfRange(styles, from, to));
        }

        Styled concat(Styled o) {
            String[] st = Arrays.copyOf(styles, styles.length + o.styles.length);
            System.arraycopy(o.styles, 0, st, styles.length, o.styles.length);
            return new Styled(text + o.text, st);
        }

        int length() {
            return text.length();
        }

        void write(StringBuilder sb, boolean ansi) {
            if (!ansi) {
                sb.append(text);
                return;
            }
            int i = 0;
            while (i < text.length()) {
                int j = i;
                while (j < text.length() && Objects.equals(styles[j], styles[i])) j++;
                if (styles[i] == null) sb.append(text, i, j);
                else sb.append("\u001b[").append(styles[i]).append('m').append(text, i, j).append("\u001b[0m");
                i = j;
            }
        }
    }

    private static final class Renderer {
        private final SummaryData data;
        private final int lineLength;
        private final boolean ansi;
        private final StringBuilder out = new StringBuilder();

        Renderer(SummaryData data, int lineLength, boolean ansi) {
            this.data = data;
            this.lineLength = lineLength;
            this.ansi = ansi;
        }

        String render() {
            boolean conn = data.connected();
            double[] positions = conn ? new double[] {0.3, 0.56, 0.74, 1.0} : new double[] {0.45, 0.80, 1.0};
            String[] header = conn
                    ? new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"}
                    : new String[] {"Layer (type)", "Output Shape", "Param #"};
            Justify[] justify = conn
                    ? new Justify[] {Justify.LEFT, Justify.LEFT, Justify.RIGHT, Justify.LEFT}
                    : new Justify[] {Justify.LEFT, Justify.LEFT, Justify.RIGHT};
            int[] inner = innerWidths(positions, lineLength);

            line(Styled.of("Model: \"" + data.name() + "\"", BOLD));
            rule(inner, '┏', '━', '┳', '┓');
            Styled[] head = new Styled[header.length];
            for (int i = 0; i < header.length; i++) head[i] = Styled.of(header[i], BOLD);
            row(inner, head, justify, '┃', BOLD);
            rule(inner, '┡', '━', '╇', '┩');
            for (int r = 0; r < data.rows().size(); r++) {
                if (r > 0) rule(inner, '├', '─', '┼', '┤');
                row(inner, cells(data.rows().get(r), conn), justify, '│', null);
            }
            rule(inner, '└', '─', '┴', '┘');
            footer(" Total params: ", data.total());
            footer(" Trainable params: ", data.trainable());
            footer(" Non-trainable params: ", data.nonTrainable());
            if (data.optimizer() != null) footer(" Optimizer params: ", data.optimizer());
            return out.toString();
        }

        private static Styled[] cells(SummaryRow row, boolean conn) {
            Styled layer = Styled.plain(row.name() + " (")
                    .concat(Styled.of(row.className(), SYMBOL)).concat(Styled.plain(")"));
            Styled shape = Styled.plain(row.outputShape()).color(SHAPE_TOKEN, 0, null);
            Styled params = row.built()
                    ? Styled.of(row.paramsText(), NUMBER)
                    : Styled.of("0", NUMBER).concat(Styled.plain(" (unbuilt)"));
            if (!conn) return new Styled[] {layer, shape, params};
            Styled links = Styled.plain(row.connectedToText()).color(CONNECTION_INDEX, 1, NUMBER);
            return new Styled[] {layer, shape, params, links};
        }

        private void footer(String label, SummaryData.Params p) {
            line(Styled.of(label, BOLD).concat(Styled.of(thousands(p.count()), NUMBER))
                    .concat(Styled.plain(" (" + readableSize(p.bytes()) + ")")));
        }

        private void line(Styled s) {
            s.write(out, ansi);
            out.append('\n');
        }

        private void rule(int[] inner, char left, char fill, char mid, char right) {
            out.append(left);
            for (int i = 0; i < inner.length; i++) {
                if (i > 0) out.append(mid);
                out.append(String.valueOf(fill).repeat(inner[i]));
            }
            out.append(right).append('\n');
        }

        /** One table row: every cell wrapped to its text width, shorter cells padded with blank lines. */
        private void row(int[] inner, Styled[] cells, Justify[] justify, char border, String cellStyle) {
            List<List<Styled>> wrapped = new ArrayList<>();
            int height = 0;
            for (int i = 0; i < cells.length; i++) {
                List<Styled> lines = wrap(cells[i], inner[i] - 2, justify[i], cellStyle);
                wrapped.add(lines);
                height = Math.max(height, lines.size());
            }
            Styled pad = Styled.of(" ", cellStyle);
            for (int l = 0; l < height; l++) {
                out.append(border);
                for (int i = 0; i < cells.length; i++) {
                    List<Styled> lines = wrapped.get(i);
                    Styled text = l < lines.size() ? lines.get(l) : Styled.of(" ".repeat(inner[i] - 2), cellStyle);
                    pad.write(out, ansi);
                    text.write(out, ansi);
                    pad.write(out, ansi);
                    out.append(border);
                }
                out.append('\n');
            }
        }
    }

    /**
     * rich's word wrap with the "ellipsis" overflow: break at whitespace (a word keeps its trailing spaces), never
     * split a word; then justify each line to exactly {@code width}, cutting an over-long one to
     * {@code width - 1} characters and {@code …}.
     */
    private static List<Styled> wrap(Styled cell, int width, Justify justify, String base) {
        List<Styled> lines = new ArrayList<>();
        int lineStart = 0;
        for (String part : cell.text().split("\n", -1)) {
            Styled text = cell.sub(lineStart, lineStart + part.length());
            lineStart += part.length() + 1;
            List<Integer> breaks = new ArrayList<>();
            int offset = 0;
            Matcher m = WORD.matcher(part);
            int pos = 0;
            while (pos < part.length() && m.find(pos) && m.start() == pos) {
                int start = m.start();
                String word = m.group();
                int wordLength = word.stripTrailing().length();
                if (width - offset >= wordLength) {
                    offset += word.length();
                } else if (wordLength > width) {
                    if (start > 0) breaks.add(start);
                    offset = word.length();
                } else if (offset > 0 && start > 0) {
                    breaks.add(start);
                    offset = word.length();
                }
                pos = m.end();
            }
            breaks.add(part.length());
            int from = 0;
            for (int b : breaks) {
                lines.add(justify(text.sub(from, b), width, justify, base));
                from = b;
            }
        }
        return lines;
    }

    private static Styled justify(Styled line, int width, Justify justify, String base) {
        String t = line.text();
        int end = t.length();
        if (justify == Justify.RIGHT) {
            end = t.stripTrailing().length();
        } else if (end > width) {
            int trailing = end - t.stripTrailing().length();
            end -= Math.min(trailing, end - width);
        }
        Styled s = line.sub(0, end);
        if (s.length() > width) s = s.sub(0, Math.max(0, width - 1)).concat(Styled.of("…", base));
        Styled pad = Styled.of(" ".repeat(width - s.length()), base);
        return justify == Justify.RIGHT ? pad.concat(s) : s.concat(pad);
    }
}
