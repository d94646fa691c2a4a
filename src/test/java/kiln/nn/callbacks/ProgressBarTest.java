package kiln.nn.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link ProgressBar} and {@link ProgbarLogger} against the Keras 3.15.1 captures (keras-training.md §5, §10).
 * A fake clock replays the timings each capture implies (e.g. step 1 after 618 ms, then 32 ms per step), so the
 * time-dependent fields come out equal too and the raw streams are compared byte for byte.
 */
class ProgressBarTest {

    /** keras-training.md §10: a final epoch line after stripping ANSI. */
    static final Pattern FINAL_LINE = Pattern.compile(
            "^\\d+/\\d+ ━{20} \\d+s \\d+(s|ms|us)/step( - [A-Za-z0-9_]+: -?\\d+\\.\\d{4}(e[+-]\\d\\d)?)+$");

    /** A clock the test moves by hand. */
    static final class FakeClock implements Clock {
        long nanos = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return nanos;
        }

        void advanceMillis(double ms) {
            nanos += Math.round(ms * 1e6);
        }
    }

    static Map<String, Double> logs(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        return m;
    }

    /** Printed (accuracy, loss) at steps 1, 3, ..., 19 of each epoch in fit_v1_pipe_raw.txt. */
    static final double[][][] FIT_LOGS = {
        {{0.1562, 2.3760}, {0.0833, 2.4114}, {0.0938, 2.3879}, {0.0982, 2.3709}, {0.1007, 2.3611},
         {0.0938, 2.3526}, {0.0889, 2.3584}, {0.0917, 2.3524}, {0.0938, 2.3533}, {0.0900, 2.3526}},
        {{0.1562, 2.2898}, {0.1250, 2.2800}, {0.1437, 2.2806}, {0.1205, 2.2896}, {0.1181, 2.2936},
         {0.1136, 2.2967}, {0.1106, 2.2918}, {0.1042, 2.3009}, {0.1029, 2.3005}, {0.0983, 2.3049}},
    };
    static final double[][] FIT_VAL = {{0.1600, 2.2673}, {0.1700, 2.2580}};

    /**
     * The fit of fit_v1_pipe_raw.txt: 2 epochs of 19 steps. Step 1 takes {@code firstMs[e]}, steps 2..18 take
     * 32 ms each, step 19 ends {@code lastStepMs[e]} after step 1 and the epoch (validation included) ends
     * {@code endMs[e]} after step 1. Every other step is under the 0.05 s redraw interval and is skipped.
     */
    static String fit(int verbose, ProgressBar.Display display, FakeClock clock) {
        return fit(verbose, display, clock, new double[] {618, 36}, new double[] {1152, 576}, new double[] {2214, 594});
    }

    static String fit(int verbose, ProgressBar.Display display, FakeClock clock,
                      double[] firstMs, double[] lastStepMs, double[] endMs) {
        StringBuilder out = new StringBuilder();
        ProgbarLogger logger = new ProgbarLogger(out, clock, display);
        logger.setParams(verbose, 2, 19);
        logger.onTrainBegin();
        for (int epoch = 0; epoch < 2; epoch++) {
            logger.onEpochBegin(epoch);
            double t = 0;
            for (int batch = 0; batch < 19; batch++) {
                double next = batch == 0 ? firstMs[epoch]
                        : batch == 18 ? firstMs[epoch] + lastStepMs[epoch]
                        : firstMs[epoch] + 32 * batch;
                clock.advanceMillis(next - t);
                t = next;
                double[] v = FIT_LOGS[epoch][batch / 2];
                logger.onTrainBatchEnd(batch, logs("accuracy", v[0], "loss", v[1]));
            }
            // validation: silent inside fit
            logger.onTestBegin();
            logger.onTestBatchEnd(0, logs("accuracy", 0.5, "loss", 9.0));
            logger.onTestEnd(logs("accuracy", 0.5, "loss", 9.0));
            clock.advanceMillis(firstMs[epoch] + endMs[epoch] - t);
            double[] v = FIT_LOGS[epoch][9];
            logger.onEpochEnd(epoch, logs("accuracy", v[0], "loss", v[1],
                    "val_accuracy", FIT_VAL[epoch][0], "val_loss", FIT_VAL[epoch][1]));
        }
        return out.toString();
    }

    /** fit(epochs=2) with verbose=2: epoch 1 took 1.216 s (64 ms/step), epoch 2 17.898 ms (942 us/step). */
    static String fitVerbose2(FakeClock clock) {
        StringBuilder out = new StringBuilder();
        ProgbarLogger logger = new ProgbarLogger(out, clock, ProgressBar.Display.DYNAMIC);
        logger.setParams(2, 2, 19);
        logger.onTrainBegin();
        double[] epochMs = {1216, 17.898};
        for (int epoch = 0; epoch < 2; epoch++) {
            logger.onEpochBegin(epoch);
            for (int batch = 0; batch < 19; batch++) {
                clock.advanceMillis(epochMs[epoch] / 19);
                logger.onTrainBatchEnd(batch, logs("accuracy", 0.5, "loss", 1.0));
            }
            double[] v = FIT_LOGS[epoch][9];
            logger.onEpochEnd(epoch, logs("accuracy", v[0], "loss", v[1],
                    "val_accuracy", FIT_VAL[epoch][0], "val_loss", FIT_VAL[epoch][1]));
        }
        return out.toString();
    }

    /** evaluate (4 steps, verbose auto), predict (auto), predict(verbose=2), evaluate(verbose=2). */
    static String evaluatePredict(FakeClock clock) {
        StringBuilder out = new StringBuilder();
        // evaluate: step 1 after 162 ms, steps 2 and 3 within 50 ms (skipped), step 4 at 50 ms/step
        ProgbarLogger eval = new ProgbarLogger(out, clock, ProgressBar.Display.DYNAMIC);
        eval.setParams(1, 1, 4);
        eval.onTestBegin();
        double[] at = {162, 172, 182, 312};
        stepThrough(clock, at, b -> eval.onTestBatchEnd(b, b == 0
                ? logs("accuracy", 0.1562, "loss", 2.3531) : logs("accuracy", 0.16, "loss", 2.2673)));
        eval.onTestEnd(logs("accuracy", 0.16, "loss", 2.2673));
        // predict: 94 ms, then 28 ms/step
        ProgbarLogger predict = new ProgbarLogger(out, clock, ProgressBar.Display.DYNAMIC);
        predict.setParams(1, 1, 4);
        predict.onPredictBegin();
        stepThrough(clock, new double[] {94, 104, 114, 178}, predict::onPredictBatchEnd);
        predict.onPredictEnd();
        // verbose=2: one line each
        ProgbarLogger predict2 = new ProgbarLogger(out, clock, ProgressBar.Display.DYNAMIC);
        predict2.setParams(2, 1, 4);
        predict2.onPredictBegin();
        stepThrough(clock, new double[] {0.5, 1, 1.5, 2.336}, predict2::onPredictBatchEnd);
        predict2.onPredictEnd();
        ProgbarLogger eval2 = new ProgbarLogger(out, clock, ProgressBar.Display.DYNAMIC);
        eval2.setParams(2, 1, 4);
        eval2.onTestBegin();
        stepThrough(clock, new double[] {1, 2, 3, 3.516}, b -> eval2.onTestBatchEnd(b, logs("accuracy", 0.5)));
        eval2.onTestEnd(logs("accuracy", 0.16, "loss", 2.2673));
        return out.toString();
    }

    private static void stepThrough(FakeClock clock, double[] atMs, java.util.function.IntConsumer batchEnd) {
        double t = 0;
        for (int b = 0; b < atMs.length; b++) {
            clock.advanceMillis(atMs[b] - t);
            t = atMs[b];
            batchEnd.accept(b);
        }
    }

    @Test
    void fitVerbose1MatchesPipeCaptureByteForByte() throws IOException {
        String expected = fixture("fit_v1_pipe_raw.txt");
        assertEquals(expected, fit(1, ProgressBar.Display.DYNAMIC, new FakeClock()));
    }

    /** The same fit under a pseudo-terminal: same bytes apart from its timings (482 ms first step, 51 ms/step). */
    @Test
    void fitVerbose1MatchesTtyCaptureByteForByte() throws IOException {
        String expected = fixture("fit_v1_tty_raw.txt");
        assertEquals(expected, fit(1, ProgressBar.Display.DYNAMIC, new FakeClock(),
                new double[] {482, 32}, new double[] {51 * 18, 576}, new double[] {73 * 18, 594}));
    }

    @Test
    void fitVerbose1StructureWithoutFixture() {
        String raw = fit(1, ProgressBar.Display.DYNAMIC, new FakeClock());
        assertTrue(raw.startsWith("Epoch 1/2\n\r\u001b[1m 1/19\u001b[0m \u001b[32m━\u001b[0m\u001b[37m"
                + "━━━━━━━━━━━━━━━━━━━\u001b[0m \u001b[1m11s\u001b[0m 618ms/step - accuracy: 0.1562 - loss: 2.3760"
                + "\b".repeat(75) + "\r\u001b[1m 3/19\u001b[0m"), raw);
        assertEquals(String.join("\n",
                "Epoch 1/2",
                "19/19 ━━━━━━━━━━━━━━━━━━━━ 3s 123ms/step - accuracy: 0.0900 - loss: 2.3526 - val_accuracy: 0.1600"
                        + " - val_loss: 2.2673",
                "Epoch 2/2",
                "19/19 ━━━━━━━━━━━━━━━━━━━━ 1s 33ms/step - accuracy: 0.0983 - loss: 2.3049 - val_accuracy: 0.1700"
                        + " - val_loss: 2.2580", ""), renderTerminal(raw));
        // 10 printed updates + the final one per epoch
        assertEquals(22, raw.split("\r", -1).length - 1);
    }

    @Test
    void fitVerbose1RendersLikeTheTerminal() throws IOException {
        String rendered = renderTerminal(fit(1, ProgressBar.Display.DYNAMIC, new FakeClock()));
        assertEquals(fixture("fit_v1_rendered.txt"), rendered);
        for (String line : rendered.split("\n")) {
            if (!line.startsWith("Epoch")) assertTrue(FINAL_LINE.matcher(line).matches(), line);
        }
    }

    @Test
    void fitLogDisplayPrintsOnlyHeadersAndFinalLines() throws IOException {
        String log = fit(1, ProgressBar.Display.LOG, new FakeClock());
        assertEquals(renderTerminal(fit(1, ProgressBar.Display.DYNAMIC, new FakeClock())), log);
        assertEquals(fixture("fit_v1_rendered.txt"), log);
        assertTrue(log.chars().noneMatch(c -> c == '\r' || c == '\b' || c == 0x1b));
    }

    @Test
    void fitVerbose2() throws IOException {
        String v2 = fitVerbose2(new FakeClock());
        assertEquals("Epoch 1/2\n"
                + "19/19 - 1s - 64ms/step - accuracy: 0.0900 - loss: 2.3526 - val_accuracy: 0.1600 - val_loss: 2.2673\n"
                + "Epoch 2/2\n"
                + "19/19 - 0s - 942us/step - accuracy: 0.0983 - loss: 2.3049 - val_accuracy: 0.1700 - val_loss: 2.2580\n",
                v2);
        assertEquals(fixture("fit_v2.txt"), v2);
    }

    @Test
    void oneEpochHasNoHeader() throws IOException {
        FakeClock clock = new FakeClock();
        StringBuilder out = new StringBuilder();
        ProgbarLogger logger = new ProgbarLogger(out, clock, ProgressBar.Display.DYNAMIC);
        logger.setParams(1, 1, 1);
        logger.onTrainBegin();
        logger.onEpochBegin(0);
        clock.advanceMillis(452);
        logger.onTrainBatchEnd(0, logs("accuracy", 0.1033, "loss", 2.4006));
        clock.advanceMillis(43);
        logger.onEpochEnd(0, logs("accuracy", 0.1033, "loss", 2.4006));
        String bar = "\u001b[1m1/1\u001b[0m \u001b[32m━━━━━━━━━━━━━━━━━━━━\u001b[0m\u001b[37m\u001b[0m \u001b[1m0s\u001b[0m ";
        String expected = "\r" + bar + "452ms/step - accuracy: 0.1033 - loss: 2.4006" + "\b".repeat(72)
                + "\r" + bar + "495ms/step - accuracy: 0.1033 - loss: 2.4006\n";
        assertEquals(expected, out.toString());
        assertEquals(fixture("fit_one_epoch_raw.txt"), out.toString());
    }

    @Test
    void evaluateAndPredictMatchCaptureInOrder() throws IOException {
        String raw = fixture("evaluate_predict_raw.txt");
        // Keras on JAX printed predict's 2/4 before 1/4 (asynchronous batch callbacks); Kiln prints in order,
        // so the expectation is the capture without that stray update.
        int i = raw.indexOf("\u001b[1m2/4");
        int j = raw.indexOf('\r', i);
        String inOrder = raw.substring(0, i) + raw.substring(j + 1);
        assertEquals(inOrder, evaluatePredict(new FakeClock()));
    }

    @Test
    void evaluateAndPredictRendered() throws IOException {
        String rendered = renderTerminal(evaluatePredict(new FakeClock()));
        assertEquals(fixture("evaluate_predict_rendered.txt"), rendered);
        assertEquals(String.join("\n",
                "4/4 ━━━━━━━━━━━━━━━━━━━━ 0s 50ms/step - accuracy: 0.1600 - loss: 2.2673 ",
                "4/4 ━━━━━━━━━━━━━━━━━━━━ 0s 28ms/step",
                "4/4 - 0s - 584us/step",
                "4/4 - 0s - 879us/step - accuracy: 0.1600 - loss: 2.2673", ""), rendered);
    }

    /** Captured from Keras's Progbar with a patched clock: unknown target, then finalized with target 3. */
    static final String UNKNOWN = "\r      1/Unknown \u001b[1m0s\u001b[0m 250ms/step - loss: 1.5000"
                + "\b".repeat(44)
                + "\r      2/Unknown \u001b[1m0s\u001b[0m 100ms/step - loss: 1.2500"
                + "\b".repeat(44)
                + "\r      3/Unknown \u001b[1m0s\u001b[0m 100ms/step - loss: 4.0000e-04"
                + "\b".repeat(48)
                + "\r\u001b[1m3/3\u001b[0m \u001b[32m━━━━━━━━━━━━━━━━━━━━\u001b[0m\u001b[37m\u001b[0m \u001b[1m0s\u001b[0m 125ms/step - loss: -0.7500 - val_loss: 2.0000\n";

    /** Captured: 10,000 steps of several seconds (ETA as H:MM:SS and M:SS), tiny values as %.4e. */
    static final String LONG = "\r\u001b[1m    1/10000\u001b[0m \u001b[37m━━━━━━━━━━━━━━━━━━━━\u001b[0m \u001b[1m13:53:15\u001b[0m 5s/step - loss: 3.2500"
                + "\b".repeat(64)
                + "\r\u001b[1m    3/10000\u001b[0m \u001b[37m━━━━━━━━━━━━━━━━━━━━\u001b[0m \u001b[1m13:53:05\u001b[0m 5s/step - loss: 3.0000"
                + "\b".repeat(64)
                + "\r\u001b[1m  100/10000\u001b[0m \u001b[37m━━━━━━━━━━━━━━━━━━━━\u001b[0m \u001b[1m20:16:40\u001b[0m 7s/step - loss: 2.5000"
                + "\b".repeat(64)
                + "\r\u001b[1m 9000/10000\u001b[0m \u001b[32m━━━━━━━━━━━━━━━━━━\u001b[0m\u001b[37m━━\u001b[0m \u001b[1m28:01\u001b[0m 2s/step - loss: 1.0000e-05"
                + "\b".repeat(65)
                + "\r\u001b[1m10000/10000\u001b[0m \u001b[32m━━━━━━━━━━━━━━━━━━━━\u001b[0m\u001b[37m\u001b[0m \u001b[1m22135s\u001b[0m 2s/step - loss: 0.0000e+00\n";

    @Test
    void unknownTargetThenFinalizedThroughTheLogger() {
        FakeClock clock = new FakeClock();
        StringBuilder out = new StringBuilder();
        ProgbarLogger logger = new ProgbarLogger(out, clock, ProgressBar.Display.DYNAMIC);
        logger.setParams(1, 1, null);
        logger.onTrainBegin();
        logger.onEpochBegin(0);
        clock.advanceMillis(250);
        logger.onTrainBatchEnd(0, logs("loss", 1.5));
        clock.advanceMillis(100);
        logger.onTrainBatchEnd(1, logs("loss", 1.25));
        clock.advanceMillis(100);
        logger.onTrainBatchEnd(2, logs("loss", 0.0004));
        clock.advanceMillis(50);
        logger.onEpochEnd(0, logs("loss", -0.75, "val_loss", 2.0));
        assertEquals(UNKNOWN, out.toString());
    }

    @Test
    void longEtaFormats() {
        FakeClock clock = new FakeClock();
        StringBuilder out = new StringBuilder();
        ProgressBar bar = new ProgressBar(10_000, 1, out, clock, ProgressBar.Display.DYNAMIC);
        clock.advanceMillis(5_000);
        bar.update(1, logs("loss", 3.25), false);
        clock.advanceMillis(10_000);
        bar.update(3, logs("loss", 3.0), false);
        clock.advanceMillis(12 * 60_000);
        bar.update(100, logs("loss", 2.5), false);
        clock.advanceMillis(4 * 3_600_000);
        bar.update(9_000, logs("loss", 1e-5), false);
        clock.advanceMillis(7_000_000);
        bar.update(10_000, logs("loss", 0.0), true);
        assertEquals(LONG, out.toString());
    }

    @Test
    void verbose2ValueRuleHasNoAbsoluteValue() {
        FakeClock clock = new FakeClock();
        StringBuilder out = new StringBuilder();
        ProgressBar bar = new ProgressBar(5, 2, out, clock, ProgressBar.Display.DYNAMIC);
        clock.advanceMillis(500);
        bar.update(1, logs("loss", 0.5));
        assertEquals("", out.toString());
        clock.advanceMillis(3_000);
        bar.update(5, logs("loss", -0.5, "acc", 0.001, "x", 1e-3 + 1e-9));
        assertEquals("5/5 - 4s - 750ms/step - loss: -5.0000e-01 - acc: 1.0000e-03 - x: 0.0010\n", out.toString());
    }

    @Test
    void verbose0PrintsNothing() {
        FakeClock clock = new FakeClock();
        StringBuilder out = new StringBuilder();
        ProgbarLogger logger = new ProgbarLogger(out, clock, ProgressBar.Display.DYNAMIC);
        logger.setParams(0, 3, 2);
        logger.onTrainBegin();
        for (int e = 0; e < 3; e++) {
            logger.onEpochBegin(e);
            logger.onTrainBatchEnd(0, logs("loss", 1));
            logger.onTrainBatchEnd(1, logs("loss", 1));
            logger.onEpochEnd(e, logs("loss", 1));
        }
        assertEquals("", out.toString());
    }

    @Test
    void valueAndTimeFormatsFollowPython() {
        assertEquals("0.0000e+00", ProgressBar.formatValue(0.0));
        assertEquals("-0.0000e+00", ProgressBar.formatValue(-0.0));
        assertEquals("5.1234e-04", ProgressBar.formatValue(5.1234e-4));
        assertEquals("1.0000e-03", ProgressBar.formatValue(1e-3));
        assertEquals("-1.0000e-03", ProgressBar.formatValue(-1e-3));
        assertEquals("-0.5000", ProgressBar.formatValue(-0.5));
        assertEquals("0.1562", ProgressBar.formatValue(0.15625));   // exact tie: half to even
        assertEquals("0.1235", ProgressBar.formatValue(0.12345));   // binary value is above the tie
        assertEquals("1234.5679", ProgressBar.formatValue(1234.56789));
        assertEquals("9.9999e-01", ProgressBar.scientific(0.999995, 4));  // binary value just below the tie
        assertEquals("1.0000e+00", ProgressBar.scientific(0.999996, 4));  // rounding carries into the exponent
        assertEquals("1.2346e+20", ProgressBar.scientific(1.23456e20, 4));
        assertEquals("nan", ProgressBar.formatValue(Double.NaN));
        assertEquals("inf", ProgressBar.formatValue(Double.POSITIVE_INFINITY));
        assertEquals("-inf", ProgressBar.formatValueVerbose2(Double.NEGATIVE_INFINITY));
        assertEquals("-5.0000e-01", ProgressBar.formatValueVerbose2(-0.5));
        assertEquals(" 0s/step", ProgressBar.formatTimePerUnit(0, "step"));
        assertEquals(" 2s/step", ProgressBar.formatTimePerUnit(2.5, "step"));
        assertEquals(" 1s/step", ProgressBar.formatTimePerUnit(1.0, "step"));
        assertEquals(" 618ms/step", ProgressBar.formatTimePerUnit(0.618, "step"));
        assertEquals(" 1000ms/step", ProgressBar.formatTimePerUnit(0.9999, "step"));
        assertEquals(" 942us/step", ProgressBar.formatTimePerUnit(942e-6, "step"));
        assertEquals("0s", ProgressBar.formatEta(0.9));
        assertEquals("60s", ProgressBar.formatEta(60.0));
        assertEquals("1:01", ProgressBar.formatEta(61.5));
        assertEquals("60:00", ProgressBar.formatEta(3600.0));
        assertEquals("1:02:05", ProgressBar.formatEta(3725.7));
    }

    /** What a terminal shows: ANSI removed, {@code \b} moves left, {@code \r} to column 0, text overwrites. */
    static String renderTerminal(String raw) {
        String s = raw.replaceAll("\u001b\\[[0-9;]*m", "");
        List<StringBuilder> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        lines.add(line);
        int col = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '\r' -> col = 0;
                case '\b' -> col = Math.max(0, col - 1);
                case '\n' -> {
                    line = new StringBuilder();
                    lines.add(line);
                    col = 0;
                }
                default -> {
                    if (col < line.length()) line.setCharAt(col, c);
                    else line.append(c);
                    col++;
                }
            }
        }
        return String.join("\n", lines);
    }

    /** A capture from {@code fixtures/keras/text}; the test is skipped where the shared folder is absent. */
    static String fixture(String name) throws IOException {
        for (String root : new String[] {"../shared", "shared", "/work/shared"}) {
            Path p = Path.of(root, "fixtures", "keras", "text", name);
            if (Files.isRegularFile(p)) return Files.readString(p, StandardCharsets.UTF_8);
        }
        Assumptions.abort("shared fixtures not present: " + name);
        return null;
    }
}
