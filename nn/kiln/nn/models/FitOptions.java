package kiln.nn.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.nn.callbacks.Callback;
import kiln.tensor.Tensor;

/**
 * The keyword arguments of Keras's {@code fit}, with its defaults: batch size 32, 1 epoch,
 * verbose "auto" (1), shuffle each epoch, no validation.
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(30).validationSplit(0.1));
 * }</pre>
 */
public final class FitOptions {
    int batchSize = 32;
    int epochs = 1;
    Integer verbose; // null = "auto"
    List<Callback> callbacks = new ArrayList<>();
    double validationSplit;
    List<Tensor> validationX;
    List<Tensor> validationY;
    Tensor validationSampleWeight;
    boolean shuffle = true;
    Map<Integer, Double> classWeight;
    Tensor sampleWeight;
    int initialEpoch;
    Integer stepsPerEpoch;
    Long seed;
    kiln.nn.callbacks.ProgbarLogger progbar;

    public FitOptions batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("fit: batch_size must be a positive integer, received: batch_size=" + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    public FitOptions epochs(int epochs) {
        this.epochs = epochs;
        return this;
    }

    /** 0 silent, 1 progress bar, 2 one line per epoch. */
    public FitOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("fit: verbose must be 0, 1 or 2, received: verbose=" + verbose);
        }
        this.verbose = verbose;
        return this;
    }

    public FitOptions callbacks(Callback... callbacks) {
        this.callbacks = new ArrayList<>(List.of(callbacks));
        return this;
    }

    /** The last fraction of the data (before shuffling) is held out for validation. */
    public FitOptions validationSplit(double fraction) {
        this.validationSplit = fraction;
        return this;
    }

    public FitOptions validationData(Tensor x, Tensor y) {
        return validationData(List.of(x), List.of(y), null);
    }

    public FitOptions validationData(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        this.validationX = x;
        this.validationY = y;
        this.validationSampleWeight = sampleWeight;
        return this;
    }

    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    public FitOptions classWeight(Map<Integer, Double> classWeight) {
        this.classWeight = classWeight;
        return this;
    }

    public FitOptions sampleWeight(Tensor sampleWeight) {
        this.sampleWeight = sampleWeight;
        return this;
    }

    public FitOptions initialEpoch(int initialEpoch) {
        this.initialEpoch = initialEpoch;
        return this;
    }

    public FitOptions stepsPerEpoch(int steps) {
        this.stepsPerEpoch = steps;
        return this;
    }

    /** Where the progress bar goes (default: System.out, real clock); tests pass one with a fake clock. */
    public FitOptions progbar(kiln.nn.callbacks.ProgbarLogger logger) {
        this.progbar = logger;
        return this;
    }

    /** Seed for the per-epoch shuffles (default: drawn from the global generator). */
    public FitOptions seed(long seed) {
        this.seed = seed;
        return this;
    }
}
