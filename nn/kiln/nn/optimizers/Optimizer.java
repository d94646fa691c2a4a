package kiln.nn.optimizers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.nn.Weight;
import kiln.nn.layers.Naming;
import kiln.nn.optimizers.schedules.LearningRateSchedule;
import kiln.nn.saving.KerasSerializable;
import kiln.tensor.AllocationScope;
import kiln.tensor.DType;
import kiln.tensor.Device;
import kiln.tensor.Tensor;

/**
 * The machinery every Keras optimizer shares ({@code keras/src/optimizers/base_optimizer.py}); a
 * subclass writes only its slots ({@link #slotGroups()}), its rule ({@link #updateStep}) and its
 * config keys ({@link #addConfig}). One {@link #apply} does, in Keras's order (keras-reference §5.2):
 * skip an empty list; build slots on first use; drop null gradients (warning), failing if none is
 * left; divide by {@code loss_scale_factor}; read the learning rate (schedule at the step before the
 * increment); accumulate gradients when {@code gradient_accumulation_steps} is set; clip
 * ({@code clipnorm} per variable, {@code global_clipnorm}, or {@code clipvalue}); decoupled weight
 * decay; the update rule; EMA of the weights; constraints; {@code iterations += 1}.
 *
 * <p>Each concern is its own class: {@link LearningRate}, {@link GradientAccumulation},
 * {@link GradientClipping}, {@link WeightDecay}, {@link ExponentialMovingAverage}; the gradients
 * of a step travel in a {@link StepGradients}.
 *
 * <p>All updates are in place on {@link Weight#value()} and on slot tensors made once at build
 * time; per-weight scratch tensors ({@link Slots#scratch}) replace temporaries, so a step allocates
 * no weight-sized tensor. Remaining allocations: a few rank-0 tensors per step for clipping norms and
 * Nadam's momentum product, and whatever a {@link kiln.nn.constraints.Constraint} returns. A step reads
 * nothing back from the device: scalars that depend on the gradients stay there as rank-0 tensors.
 *
 * <pre>{@code
 * Optimizer opt = new Adam(new OptimizerOptions().learningRate(0.01).clipnorm(1.0));
 * opt.apply(List.of(kernelGrad, biasGrad), List.of(kernel, bias));
 * opt.iterations()   // 1
 * }</pre>
 */
public abstract class Optimizer implements KerasSerializable {
    private static final System.Logger LOG = System.getLogger(Optimizer.class.getName());

    private final String className;
    private final String name;
    private final LearningRate learningRate;
    private final WeightDecay weightDecay;
    private final GradientClipping clipping;
    private final ExponentialMovingAverage ema;
    private final Double lossScaleFactor;
    private final GradientAccumulation accumulation;
    private long iterations; // Keras's raw `_iterations`

    // Built state.
    private List<Weight> weights;
    private Slots[] slots;
    private StepGradients step;
    private final List<OptimizerVariable> state = new ArrayList<>();

    /**
     * @param className Keras class name ("Adam")
     * @param defaultLearningRate the optimizer's default, used when the options set none
     * @param defaultWeightDecay the default weight decay (null, or 0.004 for AdamW), used when the
     *                           options do not set one
     */
    protected Optimizer(String className, double defaultLearningRate, Double defaultWeightDecay, OptimizerOptions o) {
        this.className = className;
        if (o == null) {
            o = new OptimizerOptions();
        }
        this.clipping = new GradientClipping(o.clipnorm, o.clipvalue, o.globalClipnorm);
        this.accumulation = new GradientAccumulation(o.gradientAccumulationSteps);
        this.ema = new ExponentialMovingAverage(o.useEma, o.emaMomentum, o.emaOverwriteFrequency);
        this.name = o.name != null ? o.name : Naming.unique(Naming.snakeCase(className));
        this.weightDecay = new WeightDecay(o.weightDecaySet ? o.weightDecay : defaultWeightDecay);
        this.lossScaleFactor = o.lossScaleFactor;
        this.learningRate = o.schedule != null ? new LearningRate(o.schedule)
                : new LearningRate(o.learningRate != null ? o.learningRate : defaultLearningRate);
    }

    // ------------------------------------------------------------------ what a subclass writes

    /**
     * The slot names, in groups as Keras creates them: each group is interleaved across the weights
     * ({@code [[momentum, velocity]]} gives w0_momentum, w0_velocity, w1_momentum, ...), groups follow
     * one another. {@link Slots#get} indexes the flattened list.
     */
    protected abstract List<List<String>> slotGroups();

    /** The initial value of a slot (Adagrad's and Ftrl's accumulators start at a constant). */
    protected float slotInitialValue(String slot) {
        return 0f;
    }

    /** Optimizer-level state after the slots (Nadam's {@code u_product}), on the weights' device; called once at build. */
    protected List<OptimizerVariable> extraVariables(Device device) {
        return List.of();
    }

    /** Called once per update step, after clipping and weight decay, before the per-weight rules. */
    protected void beforeUpdates(float learningRate) {}

    /**
     * The update rule for one weight: change {@code value} (and the slots) in place. {@code grad} is
     * already scaled, accumulated and clipped; it must not be modified.
     */
    protected abstract void updateStep(Tensor grad, Tensor value, float learningRate, Slots slots);

    /**
     * The update rule for every weight of a step, in order: {@link #updateStep} on each by default. An optimizer
     * whose fused update has a list form (SGD, Adam) overrides this, so that a GPU updates all the weights in one
     * launch instead of one per weight.
     */
    protected void updateAll(List<Tensor> grads, List<Tensor> values, float learningRate, List<Slots> slots) {
        for (int j = 0; j < grads.size(); j++) {
            updateStep(grads.get(j), values.get(j), learningRate, slots.get(j));
        }
    }

    /** Adds this optimizer's own keys to its config, after the shared ones. */
    protected abstract void addConfig(Map<String, Object> config);

    // ------------------------------------------------------------------ building

    /** Creates the slot variables for these weights (done by the first {@link #apply} otherwise). */
    public void build(List<Weight> vars) {
        if (weights != null) {
            return;
        }
        try (var longLived = AllocationScope.suspend()) { // the first training step builds: its slots outlive it
            createState(vars);
        }
    }

    private void createState(List<Weight> vars) {
        weights = List.copyOf(vars);
        ema.build(weights, (w, slot) -> addSlotVariable(w, slot, 0f));
        accumulation.build(weights, (w, slot) -> addSlotVariable(w, slot, 0f));
        Tensor[][] byWeight = Slots.createGrouped(weights, slotGroups(),
                (w, slot) -> addSlotVariable(w, slot, slotInitialValue(slot)));
        state.addAll(extraVariables(weights.isEmpty() ? Device.defaultDevice() : weights.get(0).value().device()));
        slots = new Slots[weights.size()];
        for (int i = 0; i < weights.size(); i++) {
            slots[i] = new Slots(weights.get(i).value(), byWeight[i]);
        }
        step = new StepGradients(weights, slots);
    }

    private Tensor addSlotVariable(Weight w, String slot, float initial) {
        Tensor t = w.value().zerosLike();
        if (initial != 0f) {
            t.fill(initial);
        }
        String varName = w.path().replace('/', '_') + "_" + slot;
        state.add(new OptimizerVariable(varName, name + "/" + varName, t));
        return t;
    }

    /** Whether slots have been created. */
    public boolean built() {
        return weights != null;
    }

    // ------------------------------------------------------------------ one step

    /** Applies gradients to the weights the optimizer was built with (the same order). */
    public void apply(List<Tensor> grads) {
        if (grads.isEmpty()) {
            return;
        }
        if (weights == null) {
            throw new IllegalStateException("When passing `grads` without `variables`, the optimizer must already be "
                    + "built on a list of variables. Call `optimizer.build(trainable_variables)` first.");
        }
        if (grads.size() != weights.size()) {
            throw new IllegalArgumentException("Received a list of " + grads.size() + " gradients, but the optimizer '"
                    + name + "' is tracking " + weights.size() + " trainable variables.");
        }
        apply(grads, weights);
    }

    /**
     * One optimizer step: updates each weight in place from its gradient (a null gradient leaves its
     * weight alone). The first call builds the slots for these weights.
     *
     * @throws IllegalArgumentException if the lists differ in length, a gradient's shape is not its
     *         weight's, a weight is not one the optimizer was built with, or every gradient is null
     */
    public void apply(List<Tensor> grads, List<Weight> vars) {
        if (grads.isEmpty()) {
            return; // Keras: a no-op, iterations not incremented
        }
        if (vars.size() != grads.size()) {
            throw new IllegalArgumentException("Optimizer '" + name + "': got " + grads.size() + " gradients for "
                    + vars.size() + " variables");
        }
        build(vars);
        List<String> missing = step.gather(grads, vars, name);
        if (step.size() == 0) {
            throw new IllegalArgumentException("No gradients provided for any variable.");
        }
        if (missing != null) {
            LOG.log(System.Logger.Level.WARNING, "Gradients do not exist for variables " + missing
                    + " when minimizing the loss. If using `model.compile()`, did you forget to provide a `loss` argument?");
        }
        if (lossScaleFactor != null) {
            step.divideBy((float) (double) lossScaleFactor); // undo the loss scaling
        }
        float lr = learningRate();
        if (!accumulation.enabled()) {
            update(lr);
        } else if (accumulation.completesAfter(iterations)) {
            accumulation.average(step);
            update(lr);
            accumulation.reset(step);
        } else {
            accumulation.add(step);
        }
        if (ema.enabled()) {
            ema.update(weights, slots, iterations());
        }
        applyConstraints();
        iterations++;
        step.clear(); // drop references to the caller's gradients
    }

    /** Clip, decay, rule — the part skipped on a gradient-accumulation step. */
    private void update(float lr) {
        clipping.apply(step);
        weightDecay.apply(step, lr);
        beforeUpdates(lr);
        List<Tensor> grads = new ArrayList<>(step.size());
        List<Tensor> values = new ArrayList<>(step.size());
        List<Slots> slots = new ArrayList<>(step.size());
        for (int j = 0; j < step.size(); j++) {
            grads.add(step.grad(j));
            values.add(step.weight(j).value());
            slots.add(step.slots(j));
        }
        updateAll(grads, values, lr, slots);
    }

    private void applyConstraints() {
        for (int j = 0; j < step.size(); j++) {
            Weight w = step.weight(j);
            if (w.constraint() != null) {
                w.value().copyFrom(w.constraint().apply(w.value()));
            }
        }
    }

    /**
     * With {@code use_ema}, overwrites the weights with their moving averages (what {@code fit} does
     * after the last epoch); otherwise does nothing.
     */
    public void finalizeVariableValues() {
        ema.finalizeValues(weights);
    }

    // ------------------------------------------------------------------ weight decay exclusions

    /**
     * Excludes weights from weight decay: those listed, and those whose name contains a match of any
     * of the regular expressions (Keras searches {@code variable.name}, e.g. "bias"). Must be called
     * before the optimizer is built.
     */
    public void excludeFromWeightDecay(Collection<Weight> varList, Collection<String> varNames) {
        if (weights != null) {
            throw new IllegalStateException("`exclude_from_weight_decay()` can only be configured before the optimizer "
                    + "is built.");
        }
        weightDecay.exclude(varList, varNames);
    }

    /** {@link #excludeFromWeightDecay(Collection, Collection)} by name patterns only. */
    public void excludeFromWeightDecay(String... varNames) {
        excludeFromWeightDecay(null, List.of(varNames));
    }

    // ------------------------------------------------------------------ learning rate, iterations

    /** The learning rate the next step will use (a schedule is evaluated at the raw step count). */
    public float learningRate() {
        return learningRate.at(iterations);
    }

    /**
     * Sets the learning rate (what {@code LearningRateScheduler} and {@code ReduceLROnPlateau} do).
     *
     * @throws IllegalStateException if the optimizer was built on a schedule
     */
    public void setLearningRate(float learningRate) {
        this.learningRate.set(learningRate);
    }

    /** Replaces the learning rate by a schedule (the {@code learning_rate} variable goes away, as in Keras). */
    public void setLearningRate(LearningRateSchedule schedule) {
        this.learningRate.set(schedule);
    }

    /** The schedule, or null when the learning rate is a number. */
    public LearningRateSchedule learningRateSchedule() {
        return learningRate.schedule();
    }

    /**
     * Keras's {@code optimizer.iterations}: the number of {@link #apply} calls, divided (floor) by
     * {@code gradient_accumulation_steps} when set — the {@code t − 1} of the update rules.
     */
    public long iterations() {
        return accumulation.iterations(iterations);
    }

    /** The number of {@link #apply} calls that did something (Keras's {@code _iterations}). */
    public long rawIterations() {
        return iterations;
    }

    // ------------------------------------------------------------------ state (for saving)

    /**
     * The optimizer's variables in Keras's order and with Keras's names: {@code iteration},
     * {@code learning_rate} (absent with a schedule), then, once built, EMA averages, gradient
     * accumulators, the slots, and extra state (Nadam's {@code u_product}).
     */
    public List<OptimizerVariable> variables() {
        List<OptimizerVariable> out = new ArrayList<>(state.size() + 2);
        out.add(new OptimizerVariable("iteration", name + "/iteration",
                Tensor.ofInts(new int[] {Math.toIntExact(iterations)})));
        if (learningRate.variable() != null) {
            out.add(new OptimizerVariable("learning_rate", name + "/learning_rate", learningRate.variable()));
        }
        out.addAll(state);
        return out;
    }

    /**
     * The number of scalars in {@link #variables()} once built (Keras's "Optimizer params" in
     * {@code summary()}, iteration and learning rate included); 0 before the first step.
     */
    public long parameterCount() {
        if (weights == null) {
            return 0;
        }
        long n = 0;
        for (OptimizerVariable v : variables()) {
            n += v.value().size();
        }
        return n;
    }

    /**
     * Restores state saved from {@link #variables()} (Keras {@code load_own_variables}): one value per
     * variable, same order and shapes. The optimizer must be built.
     */
    public void assignVariables(List<Tensor> values) {
        List<OptimizerVariable> vars = variables();
        if (values.size() != vars.size()) {
            throw new IllegalArgumentException("Optimizer '" + name + "' has " + vars.size() + " variables, got "
                    + values.size() + " values" + (weights == null ? " (the optimizer is not built yet)" : ""));
        }
        for (int i = 0; i < vars.size(); i++) {
            Tensor target = vars.get(i).value();
            Tensor v = values.get(i);
            if (!v.shape().equals(target.shape())) {
                throw new IllegalArgumentException("Optimizer variable '" + vars.get(i).path() + "' has shape "
                        + target.shape() + ", got a value of shape " + v.shape());
            }
        }
        Tensor it = values.get(0);
        iterations = it.dtype() == DType.INT32 ? it.toIntArray()[0] : (long) it.item();
        for (int i = 1; i < vars.size(); i++) {
            Tensor v = values.get(i);
            vars.get(i).value().copyFrom(v.dtype() == DType.FLOAT32 ? v : v.toFloat());
        }
        learningRate.reload();
    }

    // ------------------------------------------------------------------ config

    /** The optimizer's name ("adam", "adam_1", "rm_sprop", ...). */
    public String name() {
        return name;
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("learning_rate", learningRate.config());
        m.put("weight_decay", weightDecay.rate());
        clipping.addConfig(m);
        ema.addConfig(m);
        m.put("loss_scale_factor", lossScaleFactor);
        m.put("gradient_accumulation_steps", accumulation.steps());
        addConfig(m);
        return m;
    }

    /** Keras's {@code weight_decay} (null when off). */
    public Double weightDecay() {
        return weightDecay.rate();
    }

    @Override
    public String toString() {
        return "<" + className + " name=" + name + ", learning_rate=" + learningRate() + ", iterations=" + iterations + ">";
    }
}
