package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Variable;
import kiln.nn.Weight;
import kiln.nn.initializers.Initializers;
import kiln.nn.saving.Serialization;
import kiln.tensor.Shape;

/**
 * Keras {@code LayerNormalization} over the last axis: per sample, {@code (x − μ)/sqrt(σ² + ε)·γ + β}
 * with the biased variance and ε = 1e-3 (Keras's default, not PyTorch's 1e-5); the same in training
 * and inference. Weights: gamma, beta.
 */
public final class LayerNormalization extends Layer {
    private final double epsilon;
    private Weight gamma;
    private Weight beta;

    public LayerNormalization(double epsilon, String name) {
        super(name);
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("LayerNormalization: epsilon must be > 0, received: epsilon=" + epsilon);
        }
        this.epsilon = epsilon;
    }

    public LayerNormalization() {
        this(1e-3, null);
    }

    @Override
    protected void build(int[] inputShape) {
        int c = inputShape[inputShape.length - 1];
        gamma = addWeight("gamma", Shape.of(c), Initializers.get("ones"), null, null, true);
        beta = addWeight("beta", Shape.of(c), Initializers.get("zeros"), null, null, true);
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        int[] last = {-1};
        Variable mean = x.mean(last, true);
        Variable centred = x.sub(mean);
        Variable var = centred.square().mean(last, true);
        return centred.div(var.add((float) epsilon).sqrt()).mul(gamma.variable()).add(beta.variable());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("axis", -1);
        m.put("epsilon", epsilon);
        m.put("center", true);
        m.put("scale", true);
        m.put("rms_scaling", false);
        m.put("beta_initializer", Serialization.serialize(Initializers.get("zeros"), "keras.initializers"));
        m.put("gamma_initializer", Serialization.serialize(Initializers.get("ones"), "keras.initializers"));
        m.put("beta_regularizer", null);
        m.put("gamma_regularizer", null);
        m.put("beta_constraint", null);
        m.put("gamma_constraint", null);
        return m;
    }
}
