package kiln.nn.layers;

import java.util.Arrays;
import java.util.List;

/**
 * A symbolic tensor of the functional API: a shape (batch dimension -1, i.e. None) and the layer
 * call that produced it. {@code Input.of(784)} makes one; calling a layer on KerasTensors records
 * a graph node and returns new ones; {@code Model(inputs, outputs)} walks that graph.
 */
public final class KerasTensor {
    private final int[] shape;
    private final Layer layer;
    private final List<KerasTensor> inputs;
    private final String name;
    private final int nodeIndex;

    KerasTensor(int[] shape, Layer layer, List<KerasTensor> inputs, String name, int nodeIndex) {
        this.shape = shape.clone();
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        this.name = name;
        this.nodeIndex = nodeIndex;
    }

    /** Which call of its layer made this tensor (0 for the first; a shared layer has several). */
    public int nodeIndex() {
        return nodeIndex;
    }

    /** The shape, with -1 for an unknown (batch) dimension. */
    public int[] shape() {
        return shape.clone();
    }

    /** The layer whose call produced this tensor (an InputLayer for model inputs). */
    public Layer layer() {
        return layer;
    }

    /** The symbolic inputs of that call (empty for an input). */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** The tensor's name (an Input's name, else the layer's). */
    public String name() {
        return name;
    }

    /** Keras's shape text: {@code (None, 784)}. */
    public static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i] < 0 ? "None" : Integer.toString(shape[i]));
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public String toString() {
        return "<KerasTensor shape=" + shapeText(shape) + ", name=" + name + ">";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this) ^ Arrays.hashCode(shape);
    }
}
