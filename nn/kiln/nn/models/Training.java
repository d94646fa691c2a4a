package kiln.nn.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.autograd.NoGrad;
import kiln.autograd.Variable;
import kiln.nn.Weight;
import kiln.nn.losses.Loss;
import kiln.nn.metrics.Metric;
import kiln.nn.metrics.Metrics;
import kiln.nn.optimizers.Optimizer;
import kiln.tensor.Tensor;

/**
 * What {@code compile} sets up and one step of {@code fit}/{@code evaluate} does (keras-reference
 * §5.5): forward, the compiled losses (weighted per output) plus the weights' regularization
 * penalties, backward, the optimizer's update, and the running loss/metric averages with Keras's
 * log names.
 */
final class Training {
    private final Model model;
    private Optimizer optimizer;
    private List<Loss> losses;
    private List<Double> lossWeights;
    private List<List<Object>> metricSpecs;
    private List<List<Metric>> metrics; // resolved on the first batch (accuracy depends on shapes)
    private List<Weight> trainable;
    private final RunningMean lossTracker = new RunningMean();
    private final List<RunningMean> outputLossTrackers = new ArrayList<>();

    Training(Model model) {
        this.model = model;
    }

    boolean compiled() {
        return optimizer != null;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights, List<List<Object>> metrics) {
        if (optimizer == null) {
            throw new IllegalArgumentException("compile: `optimizer` must not be null");
        }
        if (losses == null || losses.isEmpty() || losses.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("compile: a loss is required for every output (got " + losses
                    + "); Kiln cannot train without one");
        }
        int outs = model.outputs() == null ? 1 : model.outputs().size();
        if (losses.size() != 1 && losses.size() != outs) {
            throw new IllegalArgumentException("compile: the model has " + outs + " outputs but " + losses.size()
                    + " losses were given");
        }
        this.optimizer = optimizer;
        this.losses = losses;
        this.lossWeights = lossWeights;
        this.metricSpecs = metrics;
        this.metrics = null;
        this.trainable = null;
    }

    long optimizerParamCount() {
        return optimizer == null ? 0 : optimizer.parameterCount();
    }

    private void requireCompiled(String what) {
        if (optimizer == null) {
            throw new IllegalStateException("You must call `compile()` before using the model (" + what
                    + " on model \"" + model.name() + "\").");
        }
    }

    // ------------------------------------------------------------------ steps

    void resetMetrics() {
        lossTracker.reset();
        outputLossTrackers.forEach(RunningMean::reset);
        if (metrics != null) {
            metrics.forEach(list -> list.forEach(Metric::resetState));
        }
    }

    /** One optimizer step on a batch; returns nothing, updates the running averages. */
    void trainStep(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        requireCompiled("fit");
        if (trainable == null) {
            model.callAll(variables(x), false); // build before snapshotting the trainable set
            trainable = model.trainableWeights();
        }
        List<Variable> outs = model.callAll(variables(x), true);
        Variable total = totalLoss(y, outs, sampleWeight);
        float value = total.value().item();
        total.backward();
        List<Tensor> grads = new ArrayList<>(trainable.size());
        for (Weight w : trainable) {
            grads.add(w.grad());
        }
        optimizer.apply(grads, trainable);
        for (Weight w : trainable) {
            w.variable().zeroGrad();
        }
        record(value, y, outs, x.get(0).dim(0));
    }

    /** One inference pass on a batch, updating the running averages (evaluate, validation). */
    void testStep(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        requireCompiled("evaluate");
        try (var scope = NoGrad.enter()) {
            List<Variable> outs = model.callAll(variables(x), false);
            Variable total = totalLoss(y, outs, sampleWeight);
            record(total.value().item(), y, outs, x.get(0).dim(0));
        }
    }

    private Variable totalLoss(List<Tensor> y, List<Variable> outs, Tensor sampleWeight) {
        if (y.size() != outs.size()) {
            throw new IllegalArgumentException("fit: the model has " + outs.size() + " outputs but " + y.size()
                    + " targets were given");
        }
        while (outputLossTrackers.size() < outs.size()) {
            outputLossTrackers.add(new RunningMean());
        }
        Variable total = null;
        for (int o = 0; o < outs.size(); o++) {
            Loss loss = losses.size() == 1 ? losses.get(0) : losses.get(o);
            Variable l = loss.apply(y.get(o), outs.get(o), sampleWeight);
            lastOutputLoss(o, l);
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

    private final List<Float> outputLossValues = new ArrayList<>();

    private void lastOutputLoss(int o, Variable l) {
        while (outputLossValues.size() <= o) {
            outputLossValues.add(0f);
        }
        outputLossValues.set(o, l.value().item());
    }

    private void record(float loss, List<Tensor> y, List<Variable> outs, int batch) {
        if (Float.isNaN(loss)) {
            throw new IllegalStateException("The loss of model \"" + model.name() + "\" became NaN (batch of "
                    + batch + " samples): check the learning rate, the inputs for NaN/inf, and the labels");
        }
        lossTracker.add(loss, batch);
        if (outs.size() > 1) {
            for (int o = 0; o < outs.size(); o++) {
                outputLossTrackers.get(o).add(outputLossValues.get(o), batch);
            }
        }
        if (metrics == null) {
            metrics = resolveMetrics(y, outs);
        }
        for (int o = 0; o < outs.size(); o++) {
            for (Metric m : metrics.get(o)) {
                m.updateState(y.get(o), outs.get(o).value(), null);
            }
        }
    }

    private List<List<Metric>> resolveMetrics(List<Tensor> y, List<Variable> outs) {
        List<List<Metric>> out = new ArrayList<>();
        for (int o = 0; o < outs.size(); o++) {
            List<Metric> list = new ArrayList<>();
            List<Object> specs = metricSpecs == null || metricSpecs.isEmpty() ? List.of()
                    : metricSpecs.size() == 1 ? metricSpecs.get(0) : metricSpecs.get(o);
            for (Object spec : specs) {
                Metric m = spec instanceof Metric given ? given
                        : Metrics.resolve((String) spec, y.get(o).shape(), outs.get(o).value().shape());
                if (outs.size() > 1) {
                    m.setName(model.outputs().get(o).name() + "_" + m.name());
                }
                list.add(m);
            }
            out.add(list);
        }
        return out;
    }

    /** The current running values: loss, compiled metrics in order, then per-output losses (Keras's log order). */
    Map<String, Double> logs() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", (double) lossTracker.result());
        if (metrics != null) {
            for (List<Metric> list : metrics) {
                for (Metric m : list) {
                    logs.put(m.name(), (double) m.result());
                }
            }
        }
        if (outputLossTrackers.size() > 1 && model.outputs() != null) {
            for (int o = 0; o < outputLossTrackers.size(); o++) {
                logs.put(model.outputs().get(o).name() + "_loss", (double) outputLossTrackers.get(o).result());
            }
        }
        return logs;
    }

    private static List<Variable> variables(List<Tensor> x) {
        List<Variable> v = new ArrayList<>(x.size());
        for (Tensor t : x) {
            v.add(new Variable(t));
        }
        return v;
    }

    /** Keras's {@code Mean} for the loss: float32 total and count, weighted by batch size. */
    private static final class RunningMean {
        private float total;
        private float count;

        void add(float value, int n) {
            total += value * n;
            count += n;
        }

        float result() {
            return count == 0 ? 0f : total / count;
        }

        void reset() {
            total = 0;
            count = 0;
        }
    }

}
