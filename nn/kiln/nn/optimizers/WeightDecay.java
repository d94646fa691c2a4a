package kiln.nn.optimizers;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;
import kiln.nn.Weight;

/**
 * Keras's decoupled weight decay ({@code weight_decay}): before the update rule, {@code v −= v·wd·lr}
 * for each weight with a gradient, except those excluded by identity or by a regular expression
 * found in {@code variable.name}. Off when the rate is null.
 */
final class WeightDecay {
    private final Double rate;
    private final Set<Weight> excludedWeights = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private Pattern excludedNames;

    WeightDecay(Double rate) {
        this.rate = rate;
    }

    /** Keras's {@code weight_decay} (null when off). */
    Double rate() {
        return rate;
    }

    /** Replaces the exclusions: these weights, and names matching any of these patterns. */
    void exclude(Collection<Weight> varList, Collection<String> varNames) {
        excludedWeights.clear();
        if (varList != null) {
            excludedWeights.addAll(varList);
        }
        excludedNames = varNames == null || varNames.isEmpty() ? null : Pattern.compile(String.join("|", varNames));
    }

    /** Decays the weights of this step (those not excluded) in place. */
    void apply(StepGradients step, float lr) {
        if (rate == null) {
            return;
        }
        float wd = (float) (double) rate;
        for (int j = 0; j < step.size(); j++) {
            Weight w = step.weight(j);
            if (appliesTo(w)) {
                w.value().decayWeightsi(wd, lr); // v −= (v·wd)·lr, one fused pass
            }
        }
    }

    private boolean appliesTo(Weight w) {
        return !excludedWeights.contains(w) && (excludedNames == null || !excludedNames.matcher(w.name()).find());
    }
}
