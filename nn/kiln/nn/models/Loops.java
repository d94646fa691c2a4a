package kiln.nn.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.autograd.NoGrad;
import kiln.autograd.Variable;
import kiln.nn.callbacks.Callback;
import kiln.nn.callbacks.History;
import kiln.nn.callbacks.ProgbarCallback;
import kiln.nn.callbacks.ProgbarLogger;
import kiln.tensor.Generator;
import kiln.tensor.Tensor;

/** The epoch and batch loops of fit, evaluate and predict, calling callbacks in Keras's order. */
final class Loops {
    private Loops() {}

    static History fit(Model model, Training t, List<Tensor> x, List<Tensor> y, FitOptions o) {
        if (!t.compiled()) {
            throw new IllegalStateException("You must call `compile()` before using the model (fit on model \""
                    + model.name() + "\").");
        }
        int n = Batches.count("fit", x, y);
        if (o.classWeight != null && o.sampleWeight != null) {
            throw new IllegalArgumentException("You cannot class_weight and sample_weight at the same time.");
        }
        Tensor sw = o.sampleWeight != null ? o.sampleWeight
                : o.classWeight != null ? ClassWeights.toSampleWeights(o.classWeight, y.get(0)) : null;
        List<Tensor> vx = o.validationX;
        List<Tensor> vy = o.validationY;
        Tensor vsw = o.validationSampleWeight;
        if (vx == null && o.validationSplit != 0) {
            if (!(o.validationSplit > 0 && o.validationSplit < 1)) {
                throw new IllegalArgumentException("fit: validation_split must be in (0, 1), received: validation_split="
                        + o.validationSplit);
            }
            int split = (int) Math.floor(n * (1 - o.validationSplit));
            if (split == 0 || split == n) {
                throw new IllegalArgumentException("fit: validation_split=" + o.validationSplit + " leaves "
                        + (split == 0 ? "no training" : "no validation") + " samples out of " + n);
            }
            vx = Batches.head(x, split, n);
            vy = Batches.head(y, split, n);
            vsw = sw == null ? null : sw.narrow(0, split, n - split);
            x = Batches.head(x, 0, split);
            y = Batches.head(y, 0, split);
            sw = sw == null ? null : sw.narrow(0, 0, split);
            n = split;
        }
        int steps = (n + o.batchSize - 1) / o.batchSize;
        int verbose = o.verbose == null ? 1 : o.verbose;
        History history = new History();
        List<Callback> cbs = new ArrayList<>(o.callbacks);
        cbs.add(history);
        if (verbose != 0) {
            ProgbarLogger logger = o.progbar != null ? o.progbar : new ProgbarLogger();
            logger.setParams(verbose, o.epochs, o.stepsPerEpoch != null ? o.stepsPerEpoch : steps);
            cbs.add(new ProgbarCallback(logger));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose == null ? "auto" : o.verbose);
        params.put("epochs", o.epochs);
        params.put("steps", o.stepsPerEpoch != null ? o.stepsPerEpoch : steps);
        for (Callback c : cbs) {
            c.setModel(model);
            c.setParams(params);
        }
        long seed = o.seed != null ? o.seed : Generator.global().seed() * 31 + Generator.global().advance(1);
        SplittableRandom rng = new SplittableRandom(seed);
        model.stopTraining = false;
        Map<String, Double> logs = new LinkedHashMap<>();
        each(cbs, c -> c.onTrainBegin(Map.of()));
        for (int epoch = o.initialEpoch; epoch < o.epochs && !model.stopTraining; epoch++) {
            final int e = epoch;
            t.resetMetrics();
            each(cbs, c -> c.onEpochBegin(e, Map.of()));
            int[] order = o.shuffle ? Batches.permutation(n, rng) : Batches.range(n);
            int maxSteps = o.stepsPerEpoch != null ? Math.min(o.stepsPerEpoch, steps) : steps;
            for (int b = 0; b < maxSteps; b++) {
                final int bi = b;
                each(cbs, c -> c.onTrainBatchBegin(bi, Map.of()));
                int from = b * o.batchSize;
                int to = Math.min(n, from + o.batchSize);
                t.trainStep(Batches.takeAll(x, order, from, to), Batches.takeAll(y, order, from, to),
                        sw == null ? null : Batches.take(sw, order, from, to));
                Map<String, Double> batchLogs = t.logs();
                each(cbs, c -> c.onTrainBatchEnd(bi, batchLogs));
                if (model.stopTraining) {
                    break;
                }
            }
            logs = new LinkedHashMap<>(t.logs());
            if (vx != null) {
                Map<String, Double> val = evaluateLoop(model, t, vx, vy, vsw, o.batchSize, cbs);
                for (var v : val.entrySet()) {
                    logs.put("val_" + v.getKey(), v.getValue());
                }
            }
            Map<String, Double> epochLogs = logs;
            each(cbs, c -> c.onEpochEnd(e, epochLogs));
        }
        Map<String, Double> last = logs;
        each(cbs, c -> c.onTrainEnd(last));
        return history;
    }

    /** evaluate's loop; callbacks see the test hooks. Returns the final logs. */
    static Map<String, Double> evaluateLoop(Model model, Training t, List<Tensor> x, List<Tensor> y, Tensor sw,
                                            int batchSize, List<Callback> cbs) {
        int n = Batches.count("evaluate", x, y);
        t.resetMetrics();
        each(cbs, c -> c.onTestBegin(Map.of()));
        int[] order = Batches.range(n);
        for (int b = 0, from = 0; from < n; b++, from += batchSize) {
            final int bi = b;
            int to = Math.min(n, from + batchSize);
            each(cbs, c -> c.onTestBatchBegin(bi, Map.of()));
            t.testStep(Batches.takeAll(x, order, from, to), Batches.takeAll(y, order, from, to),
                    sw == null ? null : Batches.take(sw, order, from, to));
            Map<String, Double> logs = t.logs();
            each(cbs, c -> c.onTestBatchEnd(bi, logs));
        }
        Map<String, Double> logs = t.logs();
        each(cbs, c -> c.onTestEnd(logs));
        return logs;
    }

    static Map<String, Double> evaluate(Model model, Training t, List<Tensor> x, List<Tensor> y, Tensor sw,
                                        int batchSize, int verbose, ProgbarLogger progbar) {
        List<Callback> cbs = new ArrayList<>();
        if (verbose != 0) {
            ProgbarLogger logger = progbar != null ? progbar : new ProgbarLogger();
            logger.setParams(verbose, 1, (Batches.count("evaluate", x, y) + batchSize - 1) / batchSize);
            cbs.add(new ProgbarCallback(logger));
        }
        return evaluateLoop(model, t, x, y, sw, batchSize, cbs);
    }

    /** predict: inference in batches, outputs concatenated along axis 0 (one tensor per model output). */
    static List<Tensor> predict(Model model, List<Tensor> x, int batchSize, int verbose, ProgbarLogger progbar) {
        int n = Batches.count("predict", x, null);
        List<Callback> cbs = new ArrayList<>();
        if (verbose != 0) {
            ProgbarLogger logger = progbar != null ? progbar : new ProgbarLogger();
            logger.setParams(verbose, 1, (n + batchSize - 1) / batchSize);
            cbs.add(new ProgbarCallback(logger));
        }
        List<List<Tensor>> parts = new ArrayList<>();
        each(cbs, c -> c.onPredictBegin(Map.of()));
        try (var scope = NoGrad.enter()) {
            for (int b = 0, from = 0; from < n; b++, from += batchSize) {
                final int bi = b;
                each(cbs, c -> c.onPredictBatchBegin(bi, Map.of()));
                List<Variable> in = new ArrayList<>();
                for (Tensor t : Batches.head(x, from, Math.min(n, from + batchSize))) {
                    in.add(new Variable(t));
                }
                List<Variable> outs = model.callAll(in, false);
                for (int o = 0; o < outs.size(); o++) {
                    if (parts.size() <= o) {
                        parts.add(new ArrayList<>());
                    }
                    parts.get(o).add(outs.get(o).value());
                }
                each(cbs, c -> c.onPredictBatchEnd(bi, Map.of()));
            }
        }
        each(cbs, c -> c.onPredictEnd(Map.of()));
        List<Tensor> out = new ArrayList<>();
        for (List<Tensor> p : parts) {
            out.add(p.size() == 1 ? p.get(0) : Tensor.concat(0, p.toArray(new Tensor[0])));
        }
        return out;
    }

    private static void each(List<Callback> cbs, java.util.function.Consumer<Callback> hook) {
        for (Callback c : cbs) {
            hook.accept(c);
        }
    }
}
