package kiln.nn.layers;

import java.util.Map;
import kiln.autograd.Variable;
import kiln.nn.activations.Activations;

/** Applies an activation function (Keras {@code Activation}; named {@code activation}, {@code activation_1}, ...). */
public final class ActivationLayer extends Layer {
    private final kiln.nn.activations.Activation activation;

    public ActivationLayer(String activation, String name) {
        super(name);
        this.activation = Activations.get(activation);
    }

    public ActivationLayer(String activation) {
        this(activation, null);
    }

    @Override
    public String className() {
        return "Activation";
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        return activation.apply(x);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = baseConfig();
        m.put("activation", activation.serialize());
        return m;
    }
}
