package kiln.nn.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import kiln.autograd.NoGrad;
import kiln.autograd.Variable;
import kiln.nn.Weight;
import kiln.nn.losses.Loss;
import kiln.nn.metrics.Mean;
import kiln.nn.metrics.Metric;
import kiln.nn.metrics.Metrics;
import kiln.nn.optimizers.Optimizer;
import kiln.tensor.AllocationScope;
import kiln.tensor.Device;
import kiln.tensor.Tensor;

/**
 * What {@code compile} sets up and one step of {@code fit}/{@code evaluate} does (keras-reference
 * §5.5): forward, the compiled losses (weighted per output) plus the weights' regularization
 * penalties, backward, the optimizer's update, and the running loss/metric averages with Keras's
 * log names (keras-training §3.4).
 *
 * <p>Metrics in {@code metrics} ignore sample weights; those in {@code weightedMetrics} receive them
 * (sample_weight or the per-sample weights from class_weight). A weighted metric whose name clashes
 * with an unweighted one logs as {@code weighted_<name>}; on a multi-output model every metric is
 * prefixed {@code <output>_} ({@code main_output_weighted_mae}).
 *
 * <p>A step reads nothing back from the model's device (each read would wait for the device to finish):
 * the running loss and metrics accumulate there and are read when the {@link #logs} are. The loss is
 * checked for NaN/inf each step on the CPU, where reading it is free; on another device the check is made
 * when the running loss is read (a non-finite step loss makes the running sum non-finite), so it names the
 * batch at or before which the loss went bad.
 */
final class Training {
    private final Model model;
    private Optimizer optimizer;
    private List<Loss> losses;
    private List<Double> lossWeights;
    private List<List<Object>> metricSpecs;
    private List<List<Object>> weightedSpecs;
    private List<List<Metric>> metrics;          // resolved on the first batch (accuracy depends on shapes)
    private List<List<Metric>> weightedMetrics;  // same, receive sample weights
    /** The names Keras's {@code _flatten_metrics_in_order} walks: compile names of the metrics. */
    private final List<String> flattenNames = new ArrayList<>();
    private List<Weight> trainable;
    private final Mean lossTracker = new Mean("loss");
    private final List<Mean> outputLossTrackers = new ArrayList<>();
    private Device lossDevice; // where the last step's loss was computed

    Training(Model model) {
        this.model = model;
    }

    boolean compiled() {
        return optimizer != null;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights, List<List<Object>> metrics,
                 List<List<Object>> weightedMetrics) {
        if (optimizer == null) {
            throw new IllegalArgumentException("compile: `optimizer` must not be null");
        }
        if (losses == null || losses.isEmpty() || losses.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("compile: a loss is required for every output (got " + losses
                    + "); Kiln cannot train without one");
        }
        int outs = outputCount();
        if (losses.size() != 1 && losses.size() != outs) {
            throw new IllegalArgumentException("compile: the model has " + outs + " outputs but " + losses.size()
                    + " losses were given");
        }
        if (lossWeights != null && lossWeights.size() != outs) {
            throw new IllegalArgumentException("compile: the model has " + outs + " outputs but " + lossWeights.size()
                    + " loss_weights were given");
        }
        checkMetricStructure("metrics", metrics, outs);
        checkMetricStructure("weighted_metrics", weightedMetrics, outs);
        this.optimizer = optimizer;
        this.losses = losses;
        this.lossWeights = lossWeights;
        this.metricSpecs = metrics;
        this.weightedSpecs = weightedMetrics;
        this.metrics = null;
        this.weightedMetrics = null;
        this.trainable = null;
        this.outputLossTrackers.clear();
        this.flattenNames.clear();
    }

    private static void checkMetricStructure(String what, List<List<Object>> specs, int outs) {
        if (specs != null && specs.size() > 1 && specs.size() != outs) {
            throw new IllegalArgumentException("compile: `" + what + "` must hold one list for all outputs or one list per"
                    + " output (" + outs + "), received " + specs.size() + " lists: " + specs);
        }
    }

    private int outputCount() {
        return model.outputs() == null ? 1 : model.outputs().size();
    }

    long optimizerParamCount() {
        return optimizer == null ? 0 : optimizer.parameterCount();
    }

    void requireCompiled(String what) {
        if (optimizer == null) {
            throw new IllegalStateException("You must call compile() before using the model (" + what
                    + " on model \"" + model.name() + "\").");
        }
    }

    // ------------------------------------------------------------------ steps

    void resetMetrics() {
        lossTracker.resetState();
        outputLossTrackers.forEach(Mean::resetState);
        if (metrics != null) {
            metrics.forEach(list -> list.forEach(Metric::resetState));
            weightedMetrics.forEach(list -> list.forEach(Metric::resetState));
        }
    }

    /** One optimizer step on a batch; updates the running averages. */
    void trainStep(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        requireCompiled("fit");
        if (trainable == null) {
            model.buildOn(x); // build before snapshotting the trainable set
            trainable = model.trainableWeights();
        }
        // The step's batch copies, activations, gradients and temporaries are released when it ends, so the
        // device allocator reuses them next step; what outlives it escapes the scope where it is made.
        try (var step = AllocationScope.open()) {
            x = model.onDevice(x);
            y = model.onDevice(y);
            sampleWeight = model.onDevice(sampleWeight);
            List<Variable> outs = model.callAll(variables(x), true);
            Variable total = totalLoss(y, outs, sampleWeight);
            checkFiniteOnHost(total.value());
            total.backward();
            List<Tensor> grads = new ArrayList<>(trainable.size());
            for (Weight w : trainable) {
                grads.add(w.grad());
            }
            optimizer.apply(grads, trainable);
            for (Weight w : trainable) {
                w.variable().releaseGrad(); // the next step's gradient GEMM writes into the same storage
            }
            record(total.value(), y, outs, sampleWeight, x.get(0).dim(0));
        }
    }

    /** One inference pass on a batch, updating the running averages (evaluate, validation). */
    void testStep(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        requireCompiled("evaluate");
        model.buildOn(x);
        try (var step = AllocationScope.open(); var scope = NoGrad.enter()) {
            x = model.onDevice(x);
            y = model.onDevice(y);
            sampleWeight = model.onDevice(sampleWeight);
            List<Variable> outs = model.callAll(variables(x), false);
            Variable total = totalLoss(y, outs, sampleWeight);
            checkFiniteOnHost(total.value());
            record(total.value(), y, outs, sampleWeight, x.get(0).dim(0));
        }
    }

    /** Thrown by a step whose loss is NaN or infinite (on the CPU); the loops add the epoch and batch. */
    static final class NonFiniteLoss extends IllegalStateException {
        private final String model;
        private final float value;

        NonFiniteLoss(String model, float value) {
            super(message(model, value, null));
            this.model = model;
            this.value = value;
        }

        /** The message with where it happened ("at epoch 2/5, batch 3/19"). */
        String describe(String where) {
            return message(model, value, where);
        }

        static String message(String model, float value, String where) {
            return "The loss of model \"" + model + "\" became " + (Float.isNaN(value) ? "NaN" : value)
                    + (where == null ? "" : " " + where) + ": check the learning rate, the inputs for NaN/inf, and the labels";
        }
    }

    /** On the CPU, where reading the loss costs nothing, every step's loss is checked (elsewhere see {@link #logs}). */
    private void checkFiniteOnHost(Tensor loss) {
        if (loss.device().isCpu()) {
            float v = loss.item();
            if (Float.isNaN(v) || Float.isInfinite(v)) {
                throw new NonFiniteLoss(model.name(), v);
            }
        }
    }

    private Variable totalLoss(List<Tensor> y, List<Variable> outs, Tensor sampleWeight) {
        if (y == null || y.size() != outs.size()) {
            throw new IllegalArgumentException("Model \"" + model.name() + "\" has " + outs.size() + " output(s) but "
                    + (y == null ? "no" : String.valueOf(y.size())) + " target array(s) were given (y is required)");
        }
        while (outputLossTrackers.size() < outs.size()) {
            outputLossTrackers.add(new Mean("loss"));
        }
        outputLosses.clear();
        Variable total = null;
        for (int o = 0; o < outs.size(); o++) {
            Loss loss = losses.size() == 1 ? losses.get(0) : losses.get(o);
            Variable l = loss.apply(y.get(o), outs.get(o), sampleWeight);
            outputLosses.add(l.value());
            double weight = lossWeights == null ? 1.0 : lossWeights.get(o);
            Variable term = weight == 1.0 ? l : l.mul((float) weight);
            total = total == null ? term : total.add(term);
        }
        for (Weight w : model.weights()) {
            if (w.regularizer() != null && w.trainable()) {
                total = total.add(w.regularizer().penalty(w.variable()));
            }
        }
        return total;
    }

    private final List<Tensor> outputLosses = new ArrayList<>(); // this step's loss of each output

    private void record(Tensor loss, List<Tensor> y, List<Variable> outs, Tensor sampleWeight, int batch) {
        lossDevice = loss.device();
        lossTracker.update(loss, batch);
        if (outs.size() > 1) {
            for (int o = 0; o < outs.size(); o++) {
                outputLossTrackers.get(o).update(outputLosses.get(o), batch);
            }
        }
        if (metrics == null) {
            try (var longLived = AllocationScope.suspend()) { // metric state made now lives on
                resolveMetrics(y, outs);
            }
        }
        for (int o = 0; o < outs.size(); o++) {
            for (Metric m : metrics.get(o)) {
                m.updateState(y.get(o), outs.get(o).value(), null);
            }
            for (Metric m : weightedMetrics.get(o)) {
                m.updateState(y.get(o), outs.get(o).value(), sampleWeight);
            }
        }
    }

    private static List<Object> specsFor(List<List<Object>> specs, int o) {
        return specs == null || specs.isEmpty() ? List.of() : specs.size() == 1 ? specs.get(0) : specs.get(o);
    }

    private Metric make(Object spec, Tensor y, Variable out) {
        if (spec instanceof Metric given) {
            return given;
        }
        if (spec instanceof String s) {
            return Metrics.resolve(s, y.shape(), out.value().shape());
        }
        throw new IllegalArgumentException("compile: a metric must be a string identifier or a Metric, received: " + spec);
    }

    private void resolveMetrics(List<Tensor> y, List<Variable> outs) {
        List<List<Metric>> plain = new ArrayList<>();
        List<List<Metric>> weighted = new ArrayList<>();
        boolean multi = outs.size() > 1;
        flattenNames.clear();
        flattenNames.add("loss");
        for (int o = 0; o < outs.size(); o++) {
            List<Metric> list = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Object spec : specsFor(metricSpecs, o)) {
                Metric m = make(spec, y.get(o), outs.get(o));
                flattenNames.add(m.name());
                names.add(m.name());
                list.add(m);
            }
            List<Metric> wlist = new ArrayList<>();
            for (Object spec : specsFor(weightedSpecs, o)) {
                Metric m = make(spec, y.get(o), outs.get(o));
                flattenNames.add(m.name());
                if (names.contains(m.name())) {
                    m.setName("weighted_" + m.name());
                }
                wlist.add(m);
            }
            if (multi) {
                String prefix = model.outputs().get(o).name() + "_";
                list.forEach(m -> m.setName(prefix + m.name()));
                wlist.forEach(m -> m.setName(prefix + m.name()));
            }
            plain.add(list);
            weighted.add(wlist);
        }
        if (multi) {
            for (int o = 0; o < outs.size(); o++) {
                flattenNames.add(model.outputs().get(o).name() + "_loss");
            }
        }
        this.metrics = plain;
        this.weightedMetrics = weighted;
    }

    /**
     * The running values after the last step, with Keras-on-JAX's key order: sorted by name (Python string
     * order). Keys: {@code loss}, the metrics' log names, {@code <output>_loss} for each output of a multi-output
     * model. Values are read from the device only when asked for, and are those of now even if asked for after
     * later steps. On a device other than the CPU, reading a non-finite loss throws an IllegalStateException
     * saying it became so {@code where} ("at or before epoch 2/5, batch 3/19"); on the CPU the steps already
     * checked each loss.
     */
    DeferredLogs logs(String where) {
        Map<String, DoubleSupplier> sorted = new TreeMap<>();
        sorted.put("loss", checkedOnRead(lossTracker.deferredResult(), where));
        if (metrics != null) {
            for (List<List<Metric>> group : List.of(metrics, weightedMetrics)) {
                for (List<Metric> list : group) {
                    for (Metric m : list) {
                        sorted.put(m.name(), m.deferredResult());
                    }
                }
            }
        }
        if (outputLossTrackers.size() > 1 && model.outputs() != null) {
            for (int o = 0; o < outputLossTrackers.size(); o++) {
                sorted.put(model.outputs().get(o).name() + "_loss", outputLossTrackers.get(o).deferredResult());
            }
        }
        DeferredLogs logs = new DeferredLogs();
        sorted.forEach(logs::putDeferred);
        return logs;
    }

    private DoubleSupplier checkedOnRead(DoubleSupplier loss, String where) {
        if (lossDevice == null || lossDevice.isCpu()) {
            return loss;
        }
        return () -> {
            double v = loss.getAsDouble();
            if (!Double.isFinite(v)) {
                throw new IllegalStateException(NonFiniteLoss.message(model.name(), (float) v, where));
            }
            return v;
        };
    }

    /**
     * Keras's {@code _flatten_metrics_in_order}: the values of the compile-time metric names that are log keys, in
     * compile order ({@code loss}, the metrics as named at compile, then {@code <output>_loss}), then every other key
     * sorted. Single output: {@code [loss, accuracy]}; two outputs:
     * {@code [loss, main_output_loss, aux_output_loss, aux_output_mse, main_output_mae]} (the prefixed metric keys
     * do not match the compile names and so come sorted at the end). Keras's quirk is kept: with
     * {@code metrics=["mae"], weighted_metrics=["mae"]} the list is {@code [loss, mae, mae, weighted_mae]}.
     */
    List<Double> flatten(Map<String, Double> logs) {
        List<Double> out = new ArrayList<>();
        List<String> names = flattenNames.isEmpty() ? List.of("loss") : flattenNames;
        for (String name : names) {
            if (logs.containsKey(name)) {
                out.add(logs.get(name));
            }
        }
        for (String key : new TreeMap<>(logs).keySet()) {
            if (!names.contains(key)) {
                out.add(logs.get(key));
            }
        }
        return out;
    }

    private static List<Variable> variables(List<Tensor> x) {
        List<Variable> v = new ArrayList<>(x.size());
        for (Tensor t : x) {
            v.add(new Variable(t));
        }
        return v;
    }
}
