package kiln.nn.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import kiln.autograd.Variable;
import kiln.nn.layers.Input;
import kiln.nn.layers.KerasTensor;
import kiln.nn.layers.Layer;
import kiln.nn.layers.Naming;

/**
 * A plain stack of layers (Keras {@code Sequential}). With an {@link Input} first, the model is
 * built at once; otherwise it builds from the first batch it sees (or {@link #buildFor(int...)}).
 * Weights built by a Sequential live under its name: {@code sequential/dense/kernel}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(Input.of(28, 28),
 *         new Flatten(), new Dense(300, "relu"), new Dense(100, "relu"), new Dense(10, "softmax"));
 * }</pre>
 */
public final class Sequential extends Model {
    private final List<Layer> stack = new ArrayList<>();
    private KerasTensor input;

    /** An empty model; {@code name} null for "sequential", "sequential_1", ... */
    public Sequential(String name) {
        super(name);
    }

    /** A model with an input shape, built at once. */
    public Sequential(KerasTensor input, Layer... layers) {
        this((String) null);
        this.input = input;
        stack.addAll(Arrays.asList(layers));
        rebuild();
    }

    /** A model without an input shape: built on first use. */
    public Sequential(Layer... layers) {
        this((String) null);
        stack.addAll(Arrays.asList(layers));
    }

    /** Appends a layer (rebuilding when the input shape is known). */
    public Sequential add(Layer layer) {
        stack.add(layer);
        if (input != null) {
            rebuild();
        }
        return this;
    }

    /** Sets the input shape (Keras's {@code add(Input(...))}). */
    public Sequential add(KerasTensor input) {
        if (this.input != null || !stack.isEmpty()) {
            throw new IllegalArgumentException("Sequential \"" + name() + "\": an Input can only be the first element");
        }
        this.input = input;
        return this;
    }

    /** Removes and returns the last layer. */
    public Layer pop() {
        if (stack.isEmpty()) {
            throw new IllegalStateException("There are no layers in the model.");
        }
        Layer l = stack.remove(stack.size() - 1);
        if (input != null && !stack.isEmpty()) {
            rebuild();
        }
        return l;
    }

    /** Builds for inputs of this shape, without the batch dimension (Keras's {@code build((None, ...))}). */
    public void buildFor(int... shape) {
        input = Input.of(shape);
        rebuild();
    }

    /** The layers, without the InputLayer (Keras's {@code model.layers} of a Sequential). */
    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(stack);
    }

    @Override
    protected void ensureGraph(List<Variable> xs) {
        if (!hasGraph()) {
            int[] d = xs.get(0).value().dims();
            buildFor(Arrays.copyOfRange(d, 1, d.length));
        }
    }

    private void rebuild() {
        if (stack.isEmpty()) {
            return;
        }
        Naming.unique("functional"); // every (re)build makes an internal functional model in Keras
        KerasTensor t = input;
        for (Layer l : stack) {
            if (!l.isBuilt()) {
                l.setWeightScope(name() + "/");
            }
            t = l.apply(t);
        }
        setGraph(List.of(input), List.of(t));
    }
}
