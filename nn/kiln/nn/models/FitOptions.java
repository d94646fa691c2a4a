package kiln.nn.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kiln.nn.callbacks.Callback;
import kiln.tensor.Tensor;

/**
 * The keyword arguments of Keras's {@code fit}, with its defaults: batch size 32, 1 epoch,
 * verbose "auto" (1), shuffle each epoch, no validation. {@code evaluate}/{@code predict} overloads
 * that take a FitOptions read {@code batchSize}, {@code verbose}, {@code callbacks}, {@code progbar},
 * {@code sampleWeight} (evaluate) and {@code steps}.
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
    /** Keras's {@code shuffle}: true (a fresh permutation per pass), false, or "batch". */
    public enum Shuffle { TRUE, FALSE, BATCH }

    Shuffle shuffle = Shuffle.TRUE;
    Integer validationBatchSize;
    Integer validationSteps;
    int validationFreq = 1;
    Set<Integer> validationEpochs; // 1-based; when set, replaces validationFreq
    Integer steps;                 // evaluate/predict: number of batches
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

    /** The epoch index to stop at (not a count: with {@code initialEpoch(1)}, {@code epochs(3)} runs 2 epochs). */
    public FitOptions epochs(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("fit: epochs must be >= 0, received: epochs=" + epochs);
        }
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

    /** Validation data with per-sample weights (Keras's 3-tuple); class_weight is never applied to validation. */
    public FitOptions validationData(Tensor x, Tensor y, Tensor sampleWeight) {
        return validationData(List.of(x), List.of(y), sampleWeight);
    }

    public FitOptions validationData(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        this.validationX = x;
        this.validationY = y;
        this.validationSampleWeight = sampleWeight;
        return this;
    }

    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle ? Shuffle.TRUE : Shuffle.FALSE;
        return this;
    }

    /** Keras's {@code shuffle="batch"}: batch boundaries fixed, the order inside each batch permuted. */
    public FitOptions shuffle(String mode) {
        if (!"batch".equals(mode)) {
            throw new IllegalArgumentException("fit: shuffle must be true, false or \"batch\", received: shuffle=" + mode);
        }
        this.shuffle = Shuffle.BATCH;
        return this;
    }

    public FitOptions shuffle(Shuffle mode) {
        this.shuffle = java.util.Objects.requireNonNull(mode, "shuffle");
        return this;
    }

    /** Batch size of the validation pass (default: the training batch size). */
    public FitOptions validationBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("fit: validation_batch_size must be a positive integer, received: "
                    + "validation_batch_size=" + batchSize);
        }
        this.validationBatchSize = batchSize;
        return this;
    }

    /** At most this many validation batches per validation pass (default: all). */
    public FitOptions validationSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("fit: validation_steps must be a positive integer, received: validation_steps="
                    + steps);
        }
        this.validationSteps = steps;
        return this;
    }

    /** Validate after the epochs whose 1-based number is divisible by {@code k}. */
    public FitOptions validationFreq(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("fit: validation_freq must be a positive integer or a collection of epochs, "
                    + "received: validation_freq=" + k);
        }
        this.validationFreq = k;
        this.validationEpochs = null;
        return this;
    }

    /** Validate only after these epochs (1-based, as Keras's list form of {@code validation_freq}). */
    public FitOptions validationFreq(java.util.Collection<Integer> epochs) {
        this.validationEpochs = new TreeSet<>(epochs);
        return this;
    }

    /** evaluate/predict: at most this many batches (Keras's {@code steps}). */
    public FitOptions steps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be a positive integer, received: steps=" + steps);
        }
        this.steps = steps;
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

    /** The 0-based epoch to start from; History.epoch and the "Epoch i/n" headers count from it. */
    public FitOptions initialEpoch(int initialEpoch) {
        if (initialEpoch < 0) {
            throw new IllegalArgumentException("fit: initial_epoch must be >= 0, received: initial_epoch=" + initialEpoch);
        }
        this.initialEpoch = initialEpoch;
        return this;
    }

    /**
     * Batches per epoch; with arrays the pass over the data continues into the next epoch, and an epoch that
     * runs out of data ends early (Keras's warning) and the next one starts a new pass.
     */
    public FitOptions stepsPerEpoch(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("fit: steps_per_epoch must be a positive integer, received: steps_per_epoch="
                    + steps);
        }
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
