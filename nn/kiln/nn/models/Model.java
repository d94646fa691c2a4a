package kiln.nn.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.autograd.Variable;
import kiln.nn.Weight;
import kiln.nn.callbacks.History;
import kiln.nn.callbacks.ProgbarLogger;
import kiln.nn.losses.Loss;
import kiln.nn.losses.Losses;
import kiln.nn.metrics.Metric;
import kiln.nn.optimizers.Optimizer;
import kiln.nn.optimizers.Optimizers;
import kiln.tensor.Backends;
import kiln.tensor.Device;
import kiln.tensor.Tensor;
import kiln.nn.layers.InputLayer;
import kiln.nn.layers.KerasTensor;
import kiln.nn.layers.Layer;
import kiln.nn.layers.Naming;

/**
 * A functional model (Keras {@code Model(inputs, outputs)}): a DAG of layer calls recorded on
 * {@link KerasTensor}s, with several inputs and outputs allowed and layers reusable.
 *
 * <pre>{@code
 * KerasTensor wide = Input.named("wide", 5), deep = Input.named("deep", 6);
 * KerasTensor h = new Dense(30, "relu").apply(deep);
 * KerasTensor out = new Dense(1).apply(new Concatenate().apply(wide, h));
 * Model model = new Model(List.of(wide, deep), List.of(out));
 * }</pre>
 */
public class Model extends Layer {
    private List<KerasTensor> inputs;
    private List<KerasTensor> outputs;
    private Graph graph;
    final Training training = new Training(this);

    /** A functional model; {@code name} null for Keras's auto-name ("functional", "functional_1", ...). */
    public Model(List<KerasTensor> inputs, List<KerasTensor> outputs, String name) {
        super(name == null ? Naming.unique("functional") : name);
        setGraph(inputs, outputs);
    }

    public Model(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        this(inputs, outputs, null);
    }

    public Model(KerasTensor input, KerasTensor output) {
        this(List.of(input), List.of(output), null);
    }

    @Override
    public String className() {
        return getClass() == Model.class ? "Functional" : super.className();
    }

    /** For subclasses (Sequential) that set their graph later. */
    protected Model(String name) {
        super(name);
    }

    protected final void setGraph(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("Model \"" + name() + "\": needs at least one input and one output");
        }
        for (KerasTensor in : inputs) {
            if (!(in.layer() instanceof InputLayer)) {
                throw new IllegalArgumentException("Model \"" + name() + "\": input " + in.name()
                        + " must come from Input(...), it was produced by layer " + in.layer().name());
            }
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.graph = Graph.of(this.inputs, this.outputs);
        List<int[]> shapes = new ArrayList<>();
        for (KerasTensor in : inputs) {
            shapes.add(in.shape());
        }
        ensureBuilt(shapes);
    }

    /** A model's weights live in its layers; there is nothing of its own to build. */
    @Override
    protected void build(List<int[]> inputShapes) {}

    /** Whether the graph exists (a Sequential without an input shape has none until first use). */
    protected boolean hasGraph() {
        return graph != null;
    }

    /** The symbolic inputs. */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** The symbolic outputs. */
    public List<KerasTensor> outputs() {
        return outputs;
    }

    /** The layers in Keras's order (for functional models, InputLayers included). */
    public List<Layer> layers() {
        return graph == null ? List.of() : Collections.unmodifiableList(graph.layers);
    }

    /** The layer with this name (the first match), or an error listing the names. */
    public Layer getLayer(String layerName) {
        List<String> names = new ArrayList<>();
        for (Layer l : layers()) {
            if (l.name().equals(layerName)) {
                return l;
            }
            names.add(l.name());
        }
        throw new IllegalArgumentException("No such layer: " + layerName + ". Existing layers are: " + names + ".");
    }

    /** The layer at this index of {@link #layers()}. */
    public Layer getLayer(int index) {
        List<Layer> ls = layers();
        if (index < 0 || index >= ls.size()) {
            throw new IllegalArgumentException("Was asked to retrieve layer at index " + index + " but model only has "
                    + ls.size() + " layers.");
        }
        return ls.get(index);
    }

    // ------------------------------------------------------------------ calling

    /** Runs the graph on concrete inputs (in {@link #inputs()} order); returns the outputs in order. */
    public List<Variable> callAll(List<Variable> xs, boolean training) {
        ensureGraph(xs);
        if (xs.size() != inputs.size()) {
            throw new IllegalArgumentException("Model \"" + name() + "\" expects " + inputs.size() + " input(s), got "
                    + xs.size());
        }
        Map<KerasTensor, Variable> values = new IdentityHashMap<>();
        for (int i = 0; i < xs.size(); i++) {
            checkInputShape(i, xs.get(i));
            values.put(inputs.get(i), xs.get(i));
        }
        for (KerasTensor t : graph.order) {
            if (values.containsKey(t)) {
                continue;
            }
            List<Variable> args = new ArrayList<>(t.inputs().size());
            for (KerasTensor in : t.inputs()) {
                args.add(values.get(in));
            }
            values.put(t, t.layer().apply(args, training));
        }
        List<Variable> out = new ArrayList<>(outputs.size());
        for (KerasTensor t : outputs) {
            out.add(values.get(t));
        }
        return out;
    }

    /** Hook for models that build their graph from the first data they see. */
    protected void ensureGraph(List<Variable> xs) {
        if (graph == null) {
            throw new IllegalStateException("Model \"" + name() + "\" has no inputs yet");
        }
    }

    private void checkInputShape(int i, Variable x) {
        int[] expected = inputs.get(i).shape();
        int[] got = x.value().dims();
        boolean ok = expected.length == got.length;
        for (int a = 1; ok && a < got.length; a++) {
            ok = expected[a] < 0 || expected[a] == got[a];
        }
        if (!ok) {
            throw new IllegalArgumentException("Input " + i + " of model \"" + name() + "\" is incompatible: expected shape "
                    + KerasTensor.shapeText(expected) + ", but received input with shape " + KerasTensor.shapeText(got));
        }
    }

    @Override
    protected Variable call(List<Variable> xs, boolean training) {
        List<Variable> out = callAll(xs, training);
        if (out.size() != 1) {
            throw new IllegalArgumentException("Model \"" + name() + "\" has " + out.size()
                    + " outputs; use callAll to get all of them");
        }
        return out.get(0);
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        return call(List.of(x), training);
    }

    @Override
    public int[] computeOutputShape(List<int[]> inputShapes) {
        return outputs.get(0).shape();
    }

    // ------------------------------------------------------------------ device

    private Device device; // set by to(); null: wherever the weights were created

    /**
     * Moves the weights to a device (PyTorch's {@code model.to}) and makes it this model's device:
     * fit, evaluate, the {@code *_on_batch} methods and predict move each batch there (predict
     * returns host tensors, as Keras returns NumPy arrays), and weights built later move there too.
     * Call it before the first training step: the optimizer creates its state next to the weights.
     * Returns this.
     *
     * @throws IllegalStateException if no backend serves the device (with the reason), or the
     *     optimizer already holds state on another device
     */
    public Model to(Device device) {
        if (!Backends.isAvailable(device)) {
            throw new IllegalStateException("Model \"" + name() + "\".to(" + device + "): "
                    + Backends.unavailableReason(device.type()));
        }
        Optimizer o = training.optimizer();
        if (o != null && o.built() && !device.equals(device())) {
            throw new IllegalStateException("Model \"" + name() + "\".to(" + device + "): the optimizer already holds "
                    + "its state on " + device() + "; move the model before the first training step (or compile "
                    + "with a new optimizer)");
        }
        this.device = device;
        placeWeights();
        return this;
    }

    /** The device the model computes on: the one given to {@link #to}, else its weights' (else the default). */
    public Device device() {
        if (device != null) {
            return device;
        }
        List<Weight> ws = weights();
        return ws.isEmpty() ? Device.defaultDevice() : ws.get(0).value().device();
    }

    /**
     * Builds the layers not built yet by a forward pass over this batch (no gradients), where the
     * batch is (layers create their weights on the default device), then moves any new weight to the
     * model's device. A model built already costs a scan of its layers.
     */
    void buildOn(List<Tensor> batch) {
        if (!hasGraph() || layers().stream().anyMatch(l -> !l.isBuilt())) {
            try (var scope = kiln.autograd.NoGrad.enter()) {
                List<Variable> in = new ArrayList<>(batch.size());
                for (Tensor t : batch) {
                    in.add(new Variable(device == null ? t : t.to(Device.defaultDevice())));
                }
                callAll(in, false);
            }
            placeWeights();
        }
    }

    private void placeWeights() {
        if (device != null) {
            for (Weight w : weights()) {
                w.moveTo(device);
            }
        }
    }

    /** The arrays on the model's device (the same tensors when they are there already). */
    List<Tensor> onDevice(List<Tensor> ts) {
        return device == null || ts == null ? ts : ts.stream().map(this::onDevice).toList();
    }

    Tensor onDevice(Tensor t) {
        return device == null || t == null ? t : t.to(device);
    }

    // ------------------------------------------------------------------ weights

    /** Every layer's weights in {@link #layers()} order; a shared layer's weights once. */
    @Override
    public List<Weight> weights() {
        List<Weight> out = new ArrayList<>();
        Set<Weight> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer l : layers()) {
            for (Weight w : l.weights()) {
                if (seen.add(w)) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    @Override
    public int countParams() {
        if (graph == null) {
            return super.countParams(); // unbuilt: Keras's error
        }
        int n = 0;
        for (Weight w : weights()) {
            n += w.value().size();
        }
        return n;
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        for (Layer l : layers()) {
            l.setTrainable(trainable);
        }
    }

    // ------------------------------------------------------------------ training (Keras's compile/fit/evaluate/predict)

    /** Set by a callback to end {@code fit} after the current batch (Keras {@code model.stop_training}). */
    boolean stopTraining;

    public boolean stopTraining() {
        return stopTraining;
    }

    public void setStopTraining(boolean stop) {
        stopTraining = stop;
    }

    /** {@code compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])}. */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), (Object[]) metrics);
    }

    /** Compile with objects; metrics are identifiers or {@link Metric} objects. */
    public void compile(Optimizer optimizer, Loss loss, Object... metrics) {
        training.compile(optimizer, List.of(loss), null, List.of(List.of(metrics)), null);
    }

    /** Multi-output compile: one loss per output (or one for all), loss weights (or null), metrics per output. */
    public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights, List<List<Object>> metrics) {
        training.compile(optimizer, losses, lossWeights, metrics, null);
    }

    /**
     * Keras's {@code compile(..., metrics=..., weighted_metrics=...)}: the weighted metrics receive sample weights
     * (and class weights); a name clash logs as {@code weighted_<name>}.
     */
    public void compile(Optimizer optimizer, Loss loss, List<Object> metrics, List<Object> weightedMetrics) {
        training.compile(optimizer, List.of(loss), null, List.of(List.copyOf(metrics)), List.of(List.copyOf(weightedMetrics)));
    }

    /** Multi-output compile with weighted metrics (one list for all outputs, or one per output). */
    public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights, List<List<Object>> metrics,
                        List<List<Object>> weightedMetrics) {
        training.compile(optimizer, losses, lossWeights, metrics, weightedMetrics);
    }

    /** The compiled optimizer, or null. */
    public Optimizer optimizer() {
        return training.optimizer();
    }

    /** Trains on (x, y); returns the History. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return fit(List.of(x), List.of(y), options);
    }

    /** Trains a multi-input/multi-output model. */
    public History fit(List<Tensor> x, List<Tensor> y, FitOptions options) {
        return Loops.fit(this, training, x, y, options);
    }

    /** [loss, metrics in compile order, per-output losses]: Keras's {@code evaluate} list. */
    public List<Double> evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, 32, 1);
    }

    public List<Double> evaluate(Tensor x, Tensor y, int batchSize, int verbose) {
        return evaluate(List.of(x), List.of(y), new FitOptions().batchSize(batchSize).verbose(verbose));
    }

    /**
     * Keras's {@code evaluate} list: {@code loss}, the compiled metrics in compile order, the per-output losses,
     * then any other key sorted (a one-element list when there is only the loss). Options used: batchSize,
     * verbose, callbacks, progbar, sampleWeight, steps.
     */
    public List<Double> evaluate(List<Tensor> x, List<Tensor> y, FitOptions options) {
        return training.flatten(Loops.evaluate(this, training, x, y, options));
    }

    /** {@code evaluate(..., return_dict=True)}: keys as the fit logs (sorted, as Keras on JAX). */
    public Map<String, Double> evaluateDict(List<Tensor> x, List<Tensor> y, FitOptions options) {
        return Loops.evaluate(this, training, x, y, options);
    }

    /** {@code evaluate(..., return_dict=True)}. */
    public Map<String, Double> evaluateDict(List<Tensor> x, List<Tensor> y, Tensor sampleWeight, int batchSize,
                                           int verbose, ProgbarLogger progbar) {
        FitOptions o = new FitOptions().batchSize(batchSize).verbose(verbose).sampleWeight(sampleWeight);
        return Loops.evaluate(this, training, x, y, progbar == null ? o : o.progbar(progbar));
    }

    /** Inference in batches of 32 with a progress bar, as Keras's {@code predict}. */
    public Tensor predict(Tensor x) {
        return predict(x, 32, 1);
    }

    public Tensor predict(Tensor x, int batchSize, int verbose) {
        return predictAll(List.of(x), batchSize, verbose, null).get(0);
    }

    /** All outputs for all inputs. */
    public List<Tensor> predictAll(List<Tensor> x, int batchSize, int verbose, ProgbarLogger progbar) {
        FitOptions o = new FitOptions().batchSize(batchSize).verbose(verbose);
        return Loops.predict(this, x, progbar == null ? o : o.progbar(progbar));
    }

    /** All outputs for all inputs; options used: batchSize, verbose, callbacks, progbar, steps. */
    public List<Tensor> predictAll(List<Tensor> x, FitOptions options) {
        return Loops.predict(this, x, options);
    }

    /** One training step on exactly this batch (metrics reset first); the forward pass's values in evaluate order. */
    public List<Double> trainOnBatch(Tensor x, Tensor y) {
        return trainOnBatch(List.of(x), List.of(y), null, null);
    }

    /** {@code train_on_batch(x, y, sample_weight, class_weight)}: values in {@link #evaluate} order. */
    public List<Double> trainOnBatch(List<Tensor> x, List<Tensor> y, Tensor sampleWeight, Map<Integer, Double> classWeight) {
        return training.flatten(Loops.onBatch(training, true, x, y, sampleWeight, classWeight));
    }

    /** {@code train_on_batch(..., return_dict=True)}. */
    public Map<String, Double> trainOnBatchDict(List<Tensor> x, List<Tensor> y, Tensor sampleWeight,
                                               Map<Integer, Double> classWeight) {
        return Loops.onBatch(training, true, x, y, sampleWeight, classWeight);
    }

    /** One inference step with the loss and metrics (metrics reset first); no update. */
    public List<Double> testOnBatch(Tensor x, Tensor y) {
        return testOnBatch(List.of(x), List.of(y), null);
    }

    /** {@code test_on_batch(x, y, sample_weight)}: values in {@link #evaluate} order. */
    public List<Double> testOnBatch(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        return training.flatten(Loops.onBatch(training, false, x, y, sampleWeight, null));
    }

    /** {@code test_on_batch(..., return_dict=True)}. */
    public Map<String, Double> testOnBatchDict(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        return Loops.onBatch(training, false, x, y, sampleWeight, null);
    }

    /** One forward pass in inference mode. */
    public Tensor predictOnBatch(Tensor x) {
        try (var scope = kiln.autograd.NoGrad.enter()) {
            buildOn(List.of(x));
            return callAll(List.of(new Variable(onDevice(x))), false).get(0).value().to(Device.CPU);
        }
    }

    // ------------------------------------------------------------------ summary

    /** The Keras 3 summary table (width 76 without a terminal, as Keras). */
    public String summary() {
        return SummaryTable.render(summaryData());
    }

    /** The rows and totals {@link #summary()} renders. */
    public SummaryData summaryData() {
        List<SummaryRow> rows = new ArrayList<>();
        boolean connected = !(this instanceof Sequential);
        for (Layer l : layers()) {
            rows.add(row(l, connected));
        }
        long trainableCount = 0;
        long frozen = 0;
        for (Weight w : weights()) {
            if (w.trainable()) {
                trainableCount += w.value().size();
            } else {
                frozen += w.value().size();
            }
        }
        SummaryData d = SummaryData.of(name(), connected, rows, trainableCount, frozen);
        long optimizerParams = training.optimizerParamCount();
        return optimizerParams > 0 ? d.withOptimizer(optimizerParams) : d;
    }

    private SummaryRow row(Layer l, boolean connected) {
        List<KerasTensor> made = new ArrayList<>();
        if (graph != null) {
            for (KerasTensor t : graph.order) {
                if (t.layer() == l) {
                    made.add(t);
                }
            }
        }
        if (!l.isBuilt() || made.isEmpty()) {
            return SummaryRow.unbuilt(l.name(), l.className());
        }
        String shape = SummaryTable.formatShape(made.get(0).shape());
        SummaryRow r = SummaryRow.of(l.name(), l.className(), shape, l.countParams());
        if (connected) {
            List<String> in = new ArrayList<>();
            for (KerasTensor t : made) {
                for (KerasTensor src : t.inputs()) {
                    in.add(SummaryRow.connection(src.layer().name(), src.nodeIndex(), 0));
                }
            }
            r = r.connectedTo(in.toArray(new String[0]));
        }
        return r;
    }
}
