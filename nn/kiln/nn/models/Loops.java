package kiln.nn.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import kiln.autograd.NoGrad;
import kiln.autograd.Variable;
import kiln.nn.callbacks.Callback;
import kiln.nn.callbacks.History;
import kiln.nn.callbacks.ProgbarCallback;
import kiln.nn.callbacks.ProgbarLogger;
import kiln.tensor.Generator;
import kiln.tensor.Device;
import kiln.tensor.Tensor;

/**
 * The epoch and batch loops of fit, evaluate and predict, calling callbacks in Keras's order
 * (keras-training §4, §7):
 *
 * <pre>
 * on_train_begin
 *   per epoch: reset metrics, on_epoch_begin(e)
 *     per batch: on_train_batch_begin(b), step, on_train_batch_end(b, running averages), stop_training check
 *     validation (if due): on_test_begin, on_test_batch_begin/end(b), on_test_end(logs)
 *     on_epoch_end(e, train logs + val_ logs); stop_training check
 * on_train_end(last epoch's logs)   -- not called when training throws
 * </pre>
 *
 * The user's callbacks come first, then History, then the progress bar (verbose ≠ 0).
 *
 * <p>Batch logs are {@link DeferredLogs}: the running values stay on the model's device until a callback
 * reads them (the progress bar when it prints). The epoch's logs are read at its end, where a loss that
 * became NaN/inf on a device is reported at the latest (on the CPU each step checks its own loss).
 */
final class Loops {
    private Loops() {}

    /** Where the "ran out of data" warning goes (stderr, as Python's warnings). */
    static Consumer<String> warnings = msg -> System.err.println("UserWarning: " + msg);

    static History fit(Model model, Training t, List<Tensor> x, List<Tensor> y, FitOptions o) {
        t.requireCompiled("fit");
        if (y == null || y.isEmpty()) {
            throw new IllegalArgumentException("fit: y is required (the compiled loss needs targets)");
        }
        int n = Batches.count("fit", x, y);
        if (o.classWeight != null && o.sampleWeight != null) {
            throw new IllegalArgumentException("You cannot class_weight and sample_weight at the same time.");
        }
        Batches.checkSampleWeight("fit", "sample_weight", o.sampleWeight, n);
        Tensor sw = o.sampleWeight != null ? o.sampleWeight
                : o.classWeight != null ? ClassWeights.toSampleWeights(o.classWeight, y.get(0)) : null;
        List<Tensor> vx = o.validationX;
        List<Tensor> vy = o.validationY;
        Tensor vsw = o.validationSampleWeight;
        if (vx != null) {
            int nv = Batches.count("fit (validation_data)", vx, vy);
            Batches.checkSampleWeight("fit", "the validation sample_weight", vsw, nv);
        } else if (o.validationSplit != 0) {
            if (!(o.validationSplit > 0 && o.validationSplit < 1)) {
                throw new IllegalArgumentException("fit: validation_split must be a fraction in (0, 1), received: "
                        + "validation_split=" + o.validationSplit);
            }
            int split = (int) Math.floor(n * (1 - o.validationSplit));
            if (split == 0 || split == n) {
                throw new IllegalArgumentException("Training data contains " + n + " samples, which is not sufficient to "
                        + "split it into a validation and training set as specified by validation_split="
                        + o.validationSplit + ". Either provide more data, or a different value for the validation_split "
                        + "argument.");
            }
            vx = Batches.head(x, split, n);
            vy = Batches.head(y, split, n);
            vsw = sw == null ? null : sw.narrow(0, split, n - split);
            x = Batches.head(x, 0, split);
            y = Batches.head(y, 0, split);
            sw = sw == null ? null : sw.narrow(0, 0, split);
            n = split;
        }
        int bs = o.batchSize;
        int batchesPerPass = (n + bs - 1) / bs;
        int stepsParam = o.stepsPerEpoch != null ? o.stepsPerEpoch : batchesPerPass;
        int verbose = o.verbose == null ? 1 : o.verbose;
        History history = new History();
        List<Callback> cbs = new ArrayList<>(o.callbacks);
        cbs.add(history);
        if (verbose != 0) {
            ProgbarLogger logger = o.progbar != null ? o.progbar : new ProgbarLogger();
            logger.setParams(verbose, o.epochs, stepsParam);
            cbs.add(new ProgbarCallback(logger));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose == null ? "auto" : o.verbose);
        params.put("epochs", o.epochs);
        params.put("steps", stepsParam);
        for (Callback c : cbs) {
            c.setModel(model);
            c.setParams(params);
        }
        long seed = o.seed != null ? o.seed : Generator.global().seed() * 31 + Generator.global().advance(1);
        SplittableRandom rng = new SplittableRandom(seed);
        int vbs = o.validationBatchSize != null ? o.validationBatchSize : bs;

        model.stopTraining = false;
        each(cbs, c -> c.onTrainBegin(new LinkedHashMap<>()));
        Map<String, Double> trainingLogs = new LinkedHashMap<>();
        // Batches are gathered into the same tensors every step (see BatchBuffers).
        BatchBuffers xBatch = new BatchBuffers();
        BatchBuffers yBatch = new BatchBuffers();
        BatchBuffers swBatch = new BatchBuffers();
        int[] order = null; // the current pass; with steps_per_epoch it continues across epochs
        int seen = 0;        // batches of the current pass already used
        for (int epoch = o.initialEpoch; epoch < o.epochs; epoch++) {
            final int e = epoch;
            t.resetMetrics();
            each(cbs, c -> c.onEpochBegin(e, new LinkedHashMap<>()));
            if (order == null || o.stepsPerEpoch == null) {
                order = Batches.passOrder(n, bs, o.shuffle, rng);
                seen = 0;
            }
            int epochSteps = o.stepsPerEpoch != null ? o.stepsPerEpoch : batchesPerPass;
            int ran = 0;
            for (int step = 0; step < epochSteps; step++) {
                if (seen >= batchesPerPass) {
                    warnings.accept("Your input ran out of data; interrupting training. Make sure that your dataset or "
                            + "generator can generate at least `steps_per_epoch * epochs` batches. You may need to use "
                            + "the `.repeat()` function when building your dataset.");
                    break;
                }
                final int b = step;
                each(cbs, c -> c.onTrainBatchBegin(b, new LinkedHashMap<>()));
                int from = seen * bs;
                int to = Math.min(n, from + bs);
                seen++;
                try {
                    t.trainStep(xBatch.takeAll(x, order, from, to), yBatch.takeAll(y, order, from, to),
                            sw == null ? null : swBatch.take(0, sw, order, from, to));
                } catch (Training.NonFiniteLoss err) {
                    throw new IllegalStateException(err.describe("at " + where(e, o.epochs, b + 1, epochSteps)), err);
                }
                ran = b + 1;
                Map<String, Double> batchLogs = t.logs("at or before " + where(e, o.epochs, ran, epochSteps));
                each(cbs, c -> c.onTrainBatchEnd(b, batchLogs));
                if (model.stopTraining) {
                    break;
                }
            }
            if (seen >= batchesPerPass) {
                order = null; // the pass is used up: the next epoch starts a new one
            }
            Map<String, Double> epochLogs = t.logs("at or before " + where(e, o.epochs, ran, epochSteps)).readAll();
            if (vx != null && shouldValidate(epoch, o)) {
                Map<String, Double> val = evaluateLoop(t, vx, vy, vsw, vbs, o.validationSteps, cbs);
                for (var v : val.entrySet()) {
                    epochLogs.put("val_" + v.getKey(), v.getValue());
                }
            }
            each(cbs, c -> c.onEpochEnd(e, epochLogs));
            trainingLogs = epochLogs;
            if (model.stopTraining) {
                break;
            }
        }
        Map<String, Double> last = trainingLogs;
        each(cbs, c -> c.onTrainEnd(last));
        return history;
    }

    /** "epoch 2/5, batch 3/19" (1-based). */
    private static String where(int epoch, int epochs, int batch, int batches) {
        return "epoch " + (epoch + 1) + "/" + epochs + ", batch " + batch + "/" + batches;
    }

    /** Keras's {@code _should_eval}: 1-based epoch divisible by validation_freq, or in its set. */
    static boolean shouldValidate(int epoch, FitOptions o) {
        int oneBased = epoch + 1;
        return o.validationEpochs != null ? o.validationEpochs.contains(oneBased) : oneBased % o.validationFreq == 0;
    }

    /** evaluate's loop (also fit's validation pass); callbacks see the test hooks. Returns the final logs. */
    static Map<String, Double> evaluateLoop(Training t, List<Tensor> x, List<Tensor> y, Tensor sw, int batchSize,
                                            Integer steps, List<Callback> cbs) {
        int n = Batches.count("evaluate", x, y);
        Batches.checkSampleWeight("evaluate", "sample_weight", sw, n);
        int total = numBatches(n, batchSize, steps);
        t.resetMetrics();
        each(cbs, c -> c.onTestBegin(new LinkedHashMap<>()));
        int[] order = Batches.range(n);
        for (int b = 0; b < total; b++) {
            final int bi = b;
            int from = b * batchSize;
            int to = Math.min(n, from + batchSize);
            each(cbs, c -> c.onTestBatchBegin(bi, new LinkedHashMap<>()));
            try {
                t.testStep(Batches.takeAll(x, order, from, to), Batches.takeAll(y, order, from, to),
                        sw == null ? null : Batches.take(sw, order, from, to));
            } catch (Training.NonFiniteLoss err) {
                throw new IllegalStateException(err.describe("at evaluation batch " + (b + 1) + "/" + total), err);
            }
            Map<String, Double> logs = t.logs("at or before evaluation batch " + (b + 1) + "/" + total);
            each(cbs, c -> c.onTestBatchEnd(bi, logs));
        }
        Map<String, Double> logs = t.logs("at or before evaluation batch " + total + "/" + total).readAll();
        Map<String, Double> result = new LinkedHashMap<>(logs); // as read, whatever the callbacks do to theirs
        each(cbs, c -> c.onTestEnd(logs));
        return result;
    }

    private static int numBatches(int n, int batchSize, Integer steps) {
        int all = (n + batchSize - 1) / batchSize;
        return steps == null ? all : Math.min(all, steps);
    }

    static Map<String, Double> evaluate(Model model, Training t, List<Tensor> x, List<Tensor> y, FitOptions o) {
        t.requireCompiled("evaluate");
        if (y == null || y.isEmpty()) {
            throw new IllegalArgumentException("evaluate: y is required (the compiled loss needs targets)");
        }
        int n = Batches.count("evaluate", x, y);
        int verbose = o.verbose == null ? 1 : o.verbose;
        List<Callback> cbs = new ArrayList<>(o.callbacks);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose == null ? "auto" : o.verbose);
        params.put("epochs", 1);
        params.put("steps", numBatches(n, o.batchSize, o.steps));
        if (verbose != 0) {
            ProgbarLogger logger = o.progbar != null ? o.progbar : new ProgbarLogger();
            logger.setParams(verbose, 1, numBatches(n, o.batchSize, o.steps));
            cbs.add(new ProgbarCallback(logger));
        }
        for (Callback c : cbs) {
            c.setModel(model);
            c.setParams(params);
        }
        return evaluateLoop(t, x, y, o.sampleWeight, o.batchSize, o.steps, cbs);
    }

    /** predict: inference in batches, outputs concatenated along axis 0 (one tensor per model output). */
    static List<Tensor> predict(Model model, List<Tensor> x, FitOptions o) {
        int n = Batches.count("predict", x, null);
        int bs = o.batchSize;
        int total = numBatches(n, bs, o.steps);
        int verbose = o.verbose == null ? 1 : o.verbose;
        List<Callback> cbs = new ArrayList<>(o.callbacks);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose == null ? "auto" : o.verbose);
        params.put("epochs", 1);
        params.put("steps", total);
        if (verbose != 0) {
            ProgbarLogger logger = o.progbar != null ? o.progbar : new ProgbarLogger();
            logger.setParams(verbose, 1, total);
            cbs.add(new ProgbarCallback(logger));
        }
        for (Callback c : cbs) {
            c.setModel(model);
            c.setParams(params);
        }
        List<List<Tensor>> parts = new ArrayList<>();
        each(cbs, c -> c.onPredictBegin(new LinkedHashMap<>()));
        try (var scope = NoGrad.enter()) {
            for (int b = 0; b < total; b++) {
                final int bi = b;
                int from = b * bs;
                each(cbs, c -> c.onPredictBatchBegin(bi, new LinkedHashMap<>()));
                List<Variable> in = new ArrayList<>();
                List<Tensor> batch = Batches.head(x, from, Math.min(n, from + bs));
                model.buildOn(batch);
                for (Tensor t : model.onDevice(batch)) {
                    in.add(new Variable(t));
                }
                List<Variable> outs = model.callAll(in, false);
                for (int k = 0; k < outs.size(); k++) {
                    if (parts.size() <= k) {
                        parts.add(new ArrayList<>());
                    }
                    parts.get(k).add(outs.get(k).value().to(Device.CPU)); // host arrays, as Keras's NumPy
                }
                each(cbs, c -> c.onPredictBatchEnd(bi, new LinkedHashMap<>()));
            }
        }
        each(cbs, c -> c.onPredictEnd(new LinkedHashMap<>()));
        List<Tensor> out = new ArrayList<>();
        for (List<Tensor> p : parts) {
            out.add(p.size() == 1 ? p.get(0) : Tensor.concat(0, p.toArray(new Tensor[0])));
        }
        return out;
    }

    /** train_on_batch / test_on_batch: metrics reset, one step on exactly these arrays, that step's logs. */
    static Map<String, Double> onBatch(Training t, boolean train, List<Tensor> x, List<Tensor> y, Tensor sampleWeight,
                                       Map<Integer, Double> classWeight) {
        String op = train ? "train_on_batch" : "test_on_batch";
        t.requireCompiled(op);
        if (y == null || y.isEmpty()) {
            throw new IllegalArgumentException(op + ": y is required (the compiled loss needs targets)");
        }
        int n = Batches.count(op, x, y);
        if (classWeight != null && sampleWeight != null) {
            throw new IllegalArgumentException("You cannot class_weight and sample_weight at the same time.");
        }
        Batches.checkSampleWeight(op, "sample_weight", sampleWeight, n);
        Tensor sw = sampleWeight != null ? sampleWeight
                : classWeight != null ? ClassWeights.toSampleWeights(classWeight, y.get(0)) : null;
        t.resetMetrics();
        if (train) {
            t.trainStep(x, y, sw);
        } else {
            t.testStep(x, y, sw);
        }
        return new LinkedHashMap<>(t.logs("in " + op));
    }

    private static void each(List<Callback> cbs, Consumer<Callback> hook) {
        for (Callback c : cbs) {
            hook.accept(c);
        }
    }
}
