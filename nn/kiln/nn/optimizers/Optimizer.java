package kiln.nn.optimizers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import kiln.nn.Weight;
import kiln.nn.layers.Naming;
import kiln.nn.optimizers.schedules.LearningRateSchedule;
import kiln.nn.saving.KerasSerializable;
import kiln.nn.saving.Serialization;
import kiln.tensor.BinaryOp;
import kiln.tensor.DType;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

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
 * <p>All updates are in place on {@link Weight#value()} and on slot tensors made once at build
 * time; per-weight scratch tensors ({@link Slots#scratch}) replace temporaries, so a step allocates
 * no weight-sized tensor. Remaining allocations: a rank-0 tensor per clipped weight for its norm
 * ({@code Tensor.sum}) and whatever a {@link kiln.nn.constraints.Constraint} returns.
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
    private LearningRateSchedule schedule;
    private Tensor learningRateVariable; // rank-0 float32; null when the rate is a schedule
    private final Double weightDecay;
    private final Double clipnorm;
    private final Double clipvalue;
    private final Double globalClipnorm;
    private final boolean useEma;
    private final double emaMomentum;
    private final Integer emaOverwriteFrequency;
    private final Double lossScaleFactor;
    private final Integer gradientAccumulationSteps;
    private long iterations; // Keras's raw `_iterations`

    private final Set<Weight> excludedWeights = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private Pattern excludedNames;

    // Built state.
    private List<Weight> weights;
    private final IdentityHashMap<Weight, Integer> index = new IdentityHashMap<>();
    private Slots[] slots;
    private Tensor[] averages;
    private Tensor[] accumulators;
    private Tensor[] work; // the processed gradient (scaled, accumulated, clipped), made when first needed
    private final List<OptimizerVariable> state = new ArrayList<>();
    // Reused per-apply bookkeeping: the built index and gradient of each weight that has one.
    private int[] active = new int[0];
    private Tensor[] activeGrads = new Tensor[0];

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
        int clips = (o.clipnorm != null ? 1 : 0) + (o.clipvalue != null ? 1 : 0) + (o.globalClipnorm != null ? 1 : 0);
        if (clips > 1) {
            throw new IllegalArgumentException("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                    + "Received: clipnorm=" + py(o.clipnorm) + ", clipvalue=" + py(o.clipvalue) + ", global_clipnorm="
                    + py(o.globalClipnorm));
        }
        if (o.gradientAccumulationSteps != null && o.gradientAccumulationSteps < 2) {
            throw new IllegalArgumentException("`gradient_accumulation_steps` must be an integer >= 2. "
                    + "Received: gradient_accumulation_steps=" + o.gradientAccumulationSteps);
        }
        if (o.useEma) {
            if (!(o.emaMomentum >= 0 && o.emaMomentum <= 1)) {
                throw new IllegalArgumentException("`ema_momentum` must be in the range [0, 1]. Received: ema_momentum="
                        + o.emaMomentum);
            }
            if (o.emaOverwriteFrequency != null && o.emaOverwriteFrequency < 1) {
                throw new IllegalArgumentException("`ema_overwrite_frequency` must be an integer >= 1 or None. "
                        + "Received: ema_overwrite_frequency=" + o.emaOverwriteFrequency);
            }
        }
        this.name = o.name != null ? o.name : Naming.unique(Naming.snakeCase(className));
        this.weightDecay = o.weightDecaySet ? o.weightDecay : defaultWeightDecay;
        this.clipnorm = o.clipnorm;
        this.clipvalue = o.clipvalue;
        this.globalClipnorm = o.globalClipnorm;
        this.useEma = o.useEma;
        this.emaMomentum = o.emaMomentum;
        this.emaOverwriteFrequency = o.emaOverwriteFrequency;
        this.lossScaleFactor = o.lossScaleFactor;
        this.gradientAccumulationSteps = o.gradientAccumulationSteps;
        if (o.schedule != null) {
            this.schedule = o.schedule;
        } else {
            double lr = o.learningRate != null ? o.learningRate : defaultLearningRate;
            this.learningRateVariable = Tensor.scalar((float) lr);
        }
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

    /** Optimizer-level state after the slots (Nadam's {@code u_product}); called once at build. */
    protected List<OptimizerVariable> extraVariables() {
        return List.of();
    }

    /** Called once per update step, after clipping and weight decay, before the per-weight rules. */
    protected void beforeUpdates(float learningRate) {}

    /**
     * The update rule for one weight: change {@code value} (and the slots) in place. {@code grad} is
     * already scaled, accumulated and clipped; it must not be modified.
     */
    protected abstract void updateStep(Tensor grad, Tensor value, float learningRate, Slots slots);

    /** Adds this optimizer's own keys to its config, after the shared ones. */
    protected abstract void addConfig(Map<String, Object> config);

    // ------------------------------------------------------------------ building

    /** Creates the slot variables for these weights (done by the first {@link #apply} otherwise). */
    public void build(List<Weight> vars) {
        if (weights != null) {
            return;
        }
        weights = List.copyOf(vars);
        int n = weights.size();
        for (int i = 0; i < n; i++) {
            index.put(weights.get(i), i);
        }
        if (useEma) {
            averages = new Tensor[n];
            for (int i = 0; i < n; i++) {
                averages[i] = addSlotVariable(weights.get(i), "average", 0f);
            }
        }
        if (gradientAccumulationSteps != null) {
            accumulators = new Tensor[n];
            for (int i = 0; i < n; i++) {
                accumulators[i] = addSlotVariable(weights.get(i), "gradient_accumulator", 0f);
            }
        }
        List<List<String>> groups = slotGroups();
        int count = groups.stream().mapToInt(List::size).sum();
        Tensor[][] byWeight = new Tensor[n][count];
        int base = 0;
        for (List<String> group : groups) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < group.size(); j++) {
                    String slot = group.get(j);
                    byWeight[i][base + j] = addSlotVariable(weights.get(i), slot, slotInitialValue(slot));
                }
            }
            base += group.size();
        }
        state.addAll(extraVariables());
        slots = new Slots[n];
        for (int i = 0; i < n; i++) {
            slots[i] = new Slots(weights.get(i).value(), byWeight[i]);
        }
        work = new Tensor[n];
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
        if (active.length < vars.size()) {
            active = new int[vars.size()];
            activeGrads = new Tensor[vars.size()];
        }
        int m = 0;
        List<String> missing = null;
        for (int i = 0; i < vars.size(); i++) {
            Weight w = vars.get(i);
            Integer k = index.get(w);
            if (k == null) {
                throw new IllegalArgumentException("Unknown variable: " + w + ". This optimizer can only be called for "
                        + "the variables it was originally built with. When working with a new set of variables, you "
                        + "should recreate a new optimizer instance.");
            }
            Tensor g = grads.get(i);
            if (g == null) {
                (missing == null ? missing = new ArrayList<>() : missing).add(w.path());
                continue;
            }
            if (!g.shape().equals(w.value().shape())) {
                throw new IllegalArgumentException("Optimizer '" + name + "': gradient for '" + w.path() + "' has shape "
                        + g.shape() + ", expected the variable's shape " + w.value().shape());
            }
            active[m] = k;
            activeGrads[m] = g;
            m++;
        }
        if (m == 0) {
            throw new IllegalArgumentException("No gradients provided for any variable.");
        }
        if (missing != null) {
            LOG.log(System.Logger.Level.WARNING, "Gradients do not exist for variables " + missing
                    + " when minimizing the loss. If using `model.compile()`, did you forget to provide a `loss` argument?");
        }
        if (lossScaleFactor != null) {
            float s = (float) (double) lossScaleFactor;
            for (int j = 0; j < m; j++) {
                activeGrads[j] = slots[active[j]].div(activeGrads[j], s, work(active[j]));
            }
        }
        float lr = learningRate();
        if (gradientAccumulationSteps != null) {
            int steps = gradientAccumulationSteps;
            if ((iterations + 1) % steps == 0) {
                for (int j = 0; j < m; j++) {
                    int k = active[j];
                    Tensor out = work(k);
                    activeGrads[j].binary(BinaryOp.ADD, accumulators[k], out);
                    activeGrads[j] = slots[k].divi(out, (float) steps);
                }
                update(m, lr);
                for (int j = 0; j < m; j++) {
                    accumulators[active[j]].fill(0f);
                }
            } else {
                for (int j = 0; j < m; j++) {
                    accumulators[active[j]].addi(activeGrads[j]);
                }
            }
        } else {
            update(m, lr);
        }
        if (useEma) {
            updateAverages();
        }
        for (int j = 0; j < m; j++) {
            Weight w = weights.get(active[j]);
            if (w.constraint() != null) {
                w.value().copyFrom(w.constraint().apply(w.value()));
            }
        }
        iterations++;
        java.util.Arrays.fill(activeGrads, 0, m, null); // drop references to the caller's gradients
    }

    private Tensor work(int k) {
        Tensor t = work[k];
        if (t == null) {
            t = weights.get(k).value().zerosLike();
            work[k] = t;
        }
        return t;
    }

    /** Clip, decay, rule — the part skipped on a gradient-accumulation step. */
    private void update(int m, float lr) {
        clip(m);
        if (weightDecay != null) {
            float wd = (float) (double) weightDecay;
            for (int j = 0; j < m; j++) {
                Weight w = weights.get(active[j]);
                if (usesWeightDecay(w)) {
                    Tensor s = slots[active[j]].scratch(0);
                    w.value().unary(UnaryOp.MUL_SCALAR, wd, 0f, s).muli(lr); // v·wd·lr
                    w.value().subi(s);
                }
            }
        }
        beforeUpdates(lr);
        for (int j = 0; j < m; j++) {
            int k = active[j];
            updateStep(activeGrads[j], weights.get(k).value(), lr, slots[k]);
        }
    }

    private void clip(int m) {
        if (clipnorm != null && clipnorm > 0) {
            float c = (float) (double) clipnorm;
            for (int j = 0; j < m; j++) {
                int k = active[j];
                float l2sum = sumOfSquares(activeGrads[j], slots[k]);
                float norm = l2sum > 0 ? (float) Math.sqrt(l2sum) : l2sum;
                Tensor out = activeGrads[j].unary(UnaryOp.MUL_SCALAR, c, 0f, work(k));
                activeGrads[j] = slots[k].divi(out, Math.max(norm, c));
            }
        } else if (globalClipnorm != null && globalClipnorm > 0) {
            float c = (float) (double) globalClipnorm;
            float total = 0f;
            for (int j = 0; j < m; j++) {
                total += sumOfSquares(activeGrads[j], slots[active[j]]);
            }
            float norm = (float) Math.sqrt(total);
            // Keras: c·min(1/G, 1/c), plus (G − G) so an infinite or NaN norm gives NaN, not a silent no-op.
            float scale = c * Math.min(1f / norm, 1f / c) + (norm - norm);
            for (int j = 0; j < m; j++) {
                activeGrads[j] = activeGrads[j].unary(UnaryOp.MUL_SCALAR, scale, 0f, work(active[j]));
            }
        } else if (clipvalue != null && clipvalue > 0) {
            float c = (float) (double) clipvalue;
            for (int j = 0; j < m; j++) {
                activeGrads[j] = activeGrads[j].unary(UnaryOp.CLIP, -c, c, work(active[j]));
            }
        }
    }

    /** Σ g² in float32 (allocates the rank-0 result of the sum). */
    private static float sumOfSquares(Tensor g, Slots s) {
        return g.unary(UnaryOp.SQUARE, 0f, 0f, s.scratch(0)).sum().item();
    }

    private void updateAverages() {
        float k = iterations() != 0 ? (float) emaMomentum : 0f;
        for (int i = 0; i < weights.size(); i++) {
            Tensor s = slots[i].scratch(0);
            averages[i].muli(k).addi(weights.get(i).value().unary(UnaryOp.MUL_SCALAR, 1f - k, 0f, s));
        }
        if (emaOverwriteFrequency != null && (iterations() + 1) % emaOverwriteFrequency == 0) {
            for (int i = 0; i < weights.size(); i++) {
                weights.get(i).value().copyFrom(averages[i]);
            }
        }
    }

    /**
     * With {@code use_ema}, overwrites the weights with their moving averages (what {@code fit} does
     * after the last epoch); otherwise does nothing.
     */
    public void finalizeVariableValues() {
        if (useEma && weights != null) {
            for (int i = 0; i < weights.size(); i++) {
                weights.get(i).value().copyFrom(averages[i]);
            }
        }
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
        excludedWeights.clear();
        if (varList != null) {
            excludedWeights.addAll(varList);
        }
        excludedNames = varNames == null || varNames.isEmpty() ? null : Pattern.compile(String.join("|", varNames));
    }

    /** {@link #excludeFromWeightDecay(Collection, Collection)} by name patterns only. */
    public void excludeFromWeightDecay(String... varNames) {
        excludeFromWeightDecay(null, List.of(varNames));
    }

    private boolean usesWeightDecay(Weight w) {
        return !excludedWeights.contains(w) && (excludedNames == null || !excludedNames.matcher(w.name()).find());
    }

    // ------------------------------------------------------------------ learning rate, iterations

    /** The learning rate the next step will use (a schedule is evaluated at the raw step count). */
    public float learningRate() {
        return schedule != null ? schedule.apply(iterations) : learningRateVariable.item();
    }

    /**
     * Sets the learning rate (what {@code LearningRateScheduler} and {@code ReduceLROnPlateau} do).
     *
     * @throws IllegalStateException if the optimizer was built on a schedule
     */
    public void setLearningRate(float learningRate) {
        if (schedule != null) {
            throw new IllegalStateException("This optimizer was created with a `LearningRateSchedule` object as its "
                    + "`learning_rate` constructor argument, hence its learning rate is not settable. If you need the "
                    + "learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` "
                    + "argument.");
        }
        learningRateVariable.fill(learningRate);
    }

    /** Replaces the learning rate by a schedule (the {@code learning_rate} variable goes away, as in Keras). */
    public void setLearningRate(LearningRateSchedule schedule) {
        this.schedule = java.util.Objects.requireNonNull(schedule, "schedule");
        this.learningRateVariable = null;
    }

    /** The schedule, or null when the learning rate is a number. */
    public LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    /**
     * Keras's {@code optimizer.iterations}: the number of {@link #apply} calls, divided (floor) by
     * {@code gradient_accumulation_steps} when set — the {@code t − 1} of the update rules.
     */
    public long iterations() {
        return gradientAccumulationSteps == null ? iterations : Math.floorDiv(iterations, gradientAccumulationSteps);
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
        if (learningRateVariable != null) {
            out.add(new OptimizerVariable("learning_rate", name + "/learning_rate", learningRateVariable));
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
        m.put("learning_rate", schedule != null ? Serialization.serialize(schedule, "keras.optimizers.schedules")
                : (Object) (double) learningRateVariable.item());
        m.put("weight_decay", weightDecay);
        m.put("clipnorm", clipnorm);
        m.put("global_clipnorm", globalClipnorm);
        m.put("clipvalue", clipvalue);
        m.put("use_ema", useEma);
        m.put("ema_momentum", emaMomentum);
        m.put("ema_overwrite_frequency", emaOverwriteFrequency);
        m.put("loss_scale_factor", lossScaleFactor);
        m.put("gradient_accumulation_steps", gradientAccumulationSteps);
        addConfig(m);
        return m;
    }

    /** Keras's {@code weight_decay} (null when off). */
    public Double weightDecay() {
        return weightDecay;
    }

    private static String py(Double d) {
        return d == null ? "None" : d.toString();
    }

    @Override
    public String toString() {
        return "<" + className + " name=" + name + ", learning_rate=" + learningRate() + ", iterations=" + iterations + ">";
    }
}
