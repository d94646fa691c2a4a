package kiln.nn.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.autograd.Variable;

/** The layer behind {@link Input}: no weights; its output is the model input (Keras {@code InputLayer}). */
public final class InputLayer extends Layer {
    private final int[] batchShape;
    private final KerasTensor output;

    InputLayer(int[] batchShape, String name) {
        super(name);
        this.batchShape = batchShape.clone();
        ensureBuilt(List.of(batchShape));
        this.output = new KerasTensor(batchShape, this, List.of(), name(), 0);
    }

    /** The symbolic tensor this input feeds. */
    public KerasTensor output() {
        return output;
    }

    /** The shape including the batch dimension (-1 when unknown). */
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    protected Variable call(Variable x, boolean training) {
        return x;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> shape = new ArrayList<>();
        for (int d : batchShape) {
            shape.add(d < 0 ? null : d);
        }
        m.put("batch_shape", shape);
        m.put("dtype", "float32");
        m.put("sparse", false);
        m.put("ragged", false);
        m.put("name", name());
        m.put("optional", false);
        return m;
    }
}
