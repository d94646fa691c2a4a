package kiln.nn.callbacks;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code Progbar} (keras-training.md §5.3–5.5): the progress line of {@code fit}, {@code evaluate} and
 * {@code predict}.
 *
 * <p>verbose=1 redraws one line: each printed update starts with {@code "\b"} × the previous visible width and
 * {@code "\r"}, then {@code " 3/19 ━━━━━━━━━━━━━━━━━━━━ 0s 32ms/step - loss: 2.4114"} with Keras's ANSI bold/colour,
 * blanks any leftover tail with spaces, and ends with {@code "\n"} only when final. Non-final updates closer than
 * {@code interval} seconds to the last printed one are skipped. verbose=2 prints one line at the end,
 * {@code "19/19 - 1s - 64ms/step - loss: 2.3526"}. verbose=0 prints nothing.
 *
 * <p>{@link Display#DYNAMIC} is Keras's output byte for byte. {@link Display#LOG} is for files and pipes: no
 * escapes, no redraws, no intermediate updates; verbose=1 prints only the final line, with the same text a terminal
 * would end up showing. {@link Display#auto()} picks DYNAMIC when the JVM has a terminal.
 *
 * <p>Values are shown as given (Keras's {@code ProgbarLogger} makes every metric "stateful": the logs are already
 * running means). A key keeps its last value in later updates; keys print in first-seen order. Values are read
 * from the logs only for an update that is printed: fit's logs read the running values from the model's device
 * when asked, and an update skipped by the throttle (or by verbose=2, or by {@link Display#LOG}) should cost no
 * such read.
 */
public final class ProgressBar {

    /** How verbose=1 output is written. */
    public enum Display {
        /** Keras's redrawn line with {@code \b}/{@code \r} and ANSI escapes. */
        DYNAMIC,
        /** One plain final line per bar, for logs. */
        LOG;

        /** DYNAMIC when {@link System#console()} is an interactive terminal, else LOG. */
        public static Display auto() {
            java.io.Console c = System.console();
            return c != null && c.isTerminal() ? DYNAMIC : LOG;
        }
    }

    /** Keras's defaults: a 20-cell bar, redrawn at most every 0.05 s, counting "step"s. */
    public static final int DEFAULT_WIDTH = 20;
    public static final double DEFAULT_INTERVAL = 0.05;

    private static final char CELL = '━';

    private Integer target;
    private final int width;
    private final int verbose;
    private final double interval;
    private final String unitName;
    private final Appendable out;
    private final Clock clock;
    private final Display display;

    private final List<String> order = new ArrayList<>();
    private final Map<String, Double> values = new HashMap<>();
    /** For each key given since the last printed update: the newest logs holding it, not read yet. */
    private final Map<String, Map<String, ? extends Number>> unread = new HashMap<>();
    private final long start;
    private Long lastUpdate;
    private Long afterFirstStep;
    private int prevTotalWidth;
    private int seenSoFar;

    /** A bar with Keras's defaults (width 20, interval 0.05 s, unit "step"); {@code target} null if unknown. */
    public ProgressBar(Integer target, int verbose, Appendable out, Clock clock, Display display) {
        this(target, DEFAULT_WIDTH, verbose, DEFAULT_INTERVAL, "step", out, clock, display);
    }

    /** The clock starts now: the final line's elapsed seconds count from here. */
    public ProgressBar(Integer target, int width, int verbose, double interval, String unitName,
                       Appendable out, Clock clock, Display display) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, received: verbose=" + verbose);
        }
        if (width < 1) throw new IllegalArgumentException("width must be >= 1, received: width=" + width);
        this.target = target;
        this.width = width;
        this.verbose = verbose;
        this.interval = interval;
        this.unitName = Objects.requireNonNull(unitName, "unitName");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.display = Objects.requireNonNull(display, "display");
        this.start = clock.nanoTime();
    }

    /** The number of steps, or null while unknown. */
    public Integer target() {
        return target;
    }

    /** Sets the number of steps, e.g. once an unknown-length epoch has ended. */
    public void setTarget(Integer target) {
        this.target = target;
    }

    /** The step count of the last update. */
    public int seenSoFar() {
        return seenSoFar;
    }

    /** {@link #update(int, Map, boolean)} finalizing when {@code current >= target}. */
    public void update(int current, Map<String, ? extends Number> logs) {
        update(current, logs, target != null && current >= target);
    }

    /** {@link #update} at {@link #seenSoFar()} {@code + n}. */
    public void add(int n, Map<String, ? extends Number> logs) {
        update(seenSoFar + n, logs);
    }

    /**
     * Records step {@code current} (1-based) with these values (null for none; iteration order is display order)
     * and prints according to verbose and display. A final update is always printed and ends the line.
     */
    public void update(int current, Map<String, ? extends Number> logs, boolean finalize) {
        if (logs != null) {
            for (String key : logs.keySet()) {
                if (!values.containsKey(key) && !unread.containsKey(key)) order.add(key);
                unread.put(key, logs);
            }
        }
        seenSoFar = current;
        long now = clock.nanoTime();
        double timePerUnit = estimateStepDuration(current, now);

        if (verbose == 1) {
            if (!finalize && lastUpdate != null && seconds(now - lastUpdate) < interval) return;
            if (display == Display.DYNAMIC) {
                readValues();
                String line = line(current, finalize, now, timePerUnit, true);
                int totalWidth = visibleWidth(line);
                StringBuilder msg = new StringBuilder();
                msg.append("\b".repeat(prevTotalWidth)).append('\r').append(line);
                if (prevTotalWidth > totalWidth) msg.append(" ".repeat(prevTotalWidth - totalWidth));
                if (finalize) msg.append('\n');
                write(msg);
                prevTotalWidth = totalWidth;
            } else if (finalize) {
                readValues();
                write(line(current, true, now, timePerUnit, false) + "\n");
            }
        } else if (verbose == 2) {
            if (finalize && target != null && target > 0) {
                readValues();
                StringBuilder info = new StringBuilder(counter(current))
                        .append(" - ").append(fixed(seconds(now - start), 0)).append('s')
                        .append(" -").append(formatTimePerUnit(timePerUnit, unitName));
                for (String k : order) {
                    info.append(" - ").append(k).append(": ").append(formatValueVerbose2(values.get(k)));
                }
                write(info.append('\n'));
            }
        }
        lastUpdate = now;
    }

    /** Reads the values given since the last printed update. */
    private void readValues() {
        unread.forEach((key, logs) -> values.put(key, logs.get(key).doubleValue()));
        unread.clear();
    }

    /** One verbose=1 line without the leading redraw and trailing blanks; escapes only when {@code ansi}. */
    private String line(int current, boolean finalize, long now, double timePerUnit, boolean ansi) {
        StringBuilder sb = new StringBuilder();
        boolean known = target != null && target > 0;
        if (known) {
            sb.append(sgr("1", counter(current), ansi)).append(' ');
            int filled = (int) (width * ((double) current / target));
            if (filled > 0) sb.append(sgr("32", String.valueOf(CELL).repeat(filled), ansi));
            String rest = String.valueOf(CELL).repeat(Math.max(0, width - filled));
            sb.append(ansi ? sgr("37", rest, true) : rest);
        } else {
            sb.append(String.format(Locale.ROOT, "%7d/Unknown", current));
        }
        String time = known && !finalize
                ? formatEta(timePerUnit * (target - current))
                : fixed(seconds(now - start), 0) + "s";
        sb.append(' ').append(sgr("1", time, ansi));
        sb.append(formatTimePerUnit(timePerUnit, unitName));
        for (String k : order) sb.append(" - ").append(k).append(": ").append(formatValue(values.get(k)));
        return sb.toString();
    }

    /** Keras's estimate: the first (compiling) step is left out once there are more. */
    private double estimateStepDuration(int current, long now) {
        if (current == 0) return 0;
        double t = afterFirstStep != null && current > 1
                ? seconds(now - afterFirstStep) / (current - 1)
                : seconds(now - start) / current;
        if (current == 1) afterFirstStep = now;
        return t;
    }

    /** {@code " 3/19"}: the step right-aligned to the digits of the target. */
    private String counter(int current) {
        int digits = Integer.toString(target).length();
        return String.format(Locale.ROOT, "%" + digits + "d/%d", current, target);
    }

    private void write(CharSequence s) {
        try {
            out.append(s);
            if (out instanceof Flushable f) f.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String sgr(String code, String text, boolean ansi) {
        return ansi ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    /** Code points excluding ANSI escapes, as Keras counts the line. */
    static int visibleWidth(String s) {
        String plain = s.replaceAll("\u001b\\[[0-9;]*m", "");
        return plain.codePointCount(0, plain.length());
    }

    /** verbose=1 metric value: {@code %.4f} if {@code |v| > 1e-3}, else {@code %.4e} (Python's formatting). */
    static String formatValue(double v) {
        return Math.abs(v) > 1e-3 ? fixed(v, 4) : scientific(v, 4);
    }

    /** verbose=2 metric value: as {@link #formatValue} but Keras tests {@code v > 1e-3} without the absolute value. */
    static String formatValueVerbose2(double v) {
        return v > 1e-3 ? fixed(v, 4) : scientific(v, 4);
    }

    /** {@code " 618ms/step"}: whole seconds at or above 1 s (or exactly 0), else ms, else us. */
    static String formatTimePerUnit(double t, String unitName) {
        if (t >= 1 || t == 0) return " " + fixed(t, 0) + "s/" + unitName;
        if (t >= 1e-3) return " " + fixed(t * 1000.0, 0) + "ms/" + unitName;
        return " " + fixed(t * 1000000.0, 0) + "us/" + unitName;
    }

    /** ETA as Keras: {@code H:MM:SS} above an hour, {@code M:SS} above a minute, else whole seconds, truncated. */
    static String formatEta(double eta) {
        if (eta > 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", (long) Math.floor(eta / 3600),
                    (long) Math.floor((eta % 3600) / 60), (long) (eta % 60));
        }
        if (eta > 60) return String.format(Locale.ROOT, "%d:%02d", (long) Math.floor(eta / 60), (long) (eta % 60));
        return (long) eta + "s";
    }

    /** Python's {@code f"{v:.Nf}"}: the exact binary value rounded half-to-even. */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return isNegative(v) && !s.startsWith("-") ? "-" + s : s;
    }

    /** Python's {@code f"{v:.Ne}"}: {@code 5.1234e-04}, {@code 0.0000e+00}, exponent at least two digits. */
    static String scientific(double v, int decimals) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        String sign = isNegative(v) ? "-" : "";
        if (v == 0) return sign + "0." + "0".repeat(decimals) + "e+00";
        BigDecimal bd = new BigDecimal(Math.abs(v)).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        StringBuilder digits = new StringBuilder(bd.unscaledValue().toString());
        while (digits.length() < decimals + 1) digits.append('0');
        String mant = digits.substring(0, 1) + (decimals > 0 ? "." + digits.substring(1, decimals + 1) : "");
        return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    private static boolean isNegative(double v) {
        return v < 0 || (v == 0 && 1 / v < 0);
    }
}
