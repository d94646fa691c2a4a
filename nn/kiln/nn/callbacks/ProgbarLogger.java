package kiln.nn.callbacks;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code ProgbarLogger}: drives a {@link ProgressBar} from the training loop's hooks (keras-training.md
 * §5, §7). The loop calls the hook methods below in Keras's order; they take the same arguments as Keras's
 * callback hooks ({@code batch} is 0-based, logs iterate in log-key order).
 *
 * <ul>
 *   <li>{@code fit}: {@link #setParams} (steps per epoch), {@link #onTrainBegin}, then per epoch
 *       {@link #onEpochBegin} (prints {@code Epoch i/n} when {@code epochs > 1}), {@link #onTrainBatchEnd} per
 *       batch, the validation pass's test hooks (silent inside fit), and {@link #onEpochEnd} with the epoch's logs
 *       including the {@code val_} keys.</li>
 *   <li>standalone {@code evaluate}: {@link #setParams}(verbose, 1, steps), {@link #onTestBegin},
 *       {@link #onTestBatchEnd} per batch, {@link #onTestEnd}.</li>
 *   <li>{@code predict}: {@link #setParams}, {@link #onPredictBegin}, {@link #onPredictBatchEnd},
 *       {@link #onPredictEnd}; no metrics are shown.</li>
 * </ul>
 *
 * verbose 0 prints nothing; 1 the bar (updated per batch); 2 one line per epoch or call.
 */
public final class ProgbarLogger {

    private final Appendable out;
    private final Clock clock;
    private final ProgressBar.Display display;

    private int verbose = 1;
    private int epochs = 1;
    private Integer target;
    private int seen;
    private ProgressBar progbar;
    private boolean calledInFit;

    /** Prints to {@link System#out} with the system clock, {@link ProgressBar.Display#auto()}. */
    public ProgbarLogger() {
        this(System.out, Clock.SYSTEM, ProgressBar.Display.auto());
    }

    public ProgbarLogger(Appendable out, Clock clock, ProgressBar.Display display) {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.display = Objects.requireNonNull(display, "display");
    }

    /**
     * Keras's {@code set_params}: {@code verbose} already resolved ("auto" is 1), {@code epochs} the fit argument,
     * {@code steps} the batches per epoch (or per evaluate/predict call), null if unknown.
     */
    public void setParams(int verbose, int epochs, Integer steps) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, received: verbose=" + verbose);
        }
        this.verbose = verbose;
        this.epochs = epochs;
        this.target = steps;
    }

    /** Inside fit the validation pass prints nothing of its own. */
    public void onTrainBegin() {
        calledInFit = true;
    }

    public void onEpochBegin(int epoch) {
        resetProgbar();
        maybeInitProgbar();
        if (verbose != 0 && epochs > 1) print("Epoch " + (epoch + 1) + "/" + epochs + "\n");
    }

    public void onTrainBatchEnd(int batch, Map<String, ? extends Number> logs) {
        updateProgbar(batch, logs);
    }

    public void onEpochEnd(int epoch, Map<String, ? extends Number> logs) {
        finalizeProgbar(logs);
    }

    public void onTestBegin() {
        if (!calledInFit) {
            resetProgbar();
            maybeInitProgbar();
        }
    }

    public void onTestBatchEnd(int batch, Map<String, ? extends Number> logs) {
        if (!calledInFit) updateProgbar(batch, logs);
    }

    public void onTestEnd(Map<String, ? extends Number> logs) {
        if (!calledInFit) finalizeProgbar(logs);
    }

    public void onPredictBegin() {
        resetProgbar();
        maybeInitProgbar();
    }

    /** Predictions are not shown. */
    public void onPredictBatchEnd(int batch) {
        updateProgbar(batch, null);
    }

    public void onPredictEnd() {
        finalizeProgbar(null);
    }

    private void resetProgbar() {
        seen = 0;
        progbar = null;
    }

    private void maybeInitProgbar() {
        if (progbar == null) progbar = new ProgressBar(target, verbose, out, clock, display);
    }

    private void updateProgbar(int batch, Map<String, ? extends Number> logs) {
        maybeInitProgbar();
        seen = batch + 1;
        if (verbose == 1) progbar.update(seen, logs, false);
    }

    private void finalizeProgbar(Map<String, ? extends Number> logs) {
        maybeInitProgbar();
        if (target == null) {
            target = seen;
            progbar.setTarget(target);
        }
        progbar.update(target, logs, true);
    }

    private void print(String s) {
        try {
            out.append(s);
            if (out instanceof Flushable f) f.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
