package kiln.nn.models;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.nn.layers.InputLayer;
import kiln.nn.layers.KerasTensor;
import kiln.nn.layers.Layer;

/**
 * The layer graph between a functional model's inputs and outputs: its tensors in an order where
 * every tensor comes after its inputs (a post-order walk from the outputs, done with an explicit
 * stack), and its layers in Keras's {@code model.layers} order — decreasing depth (longest path to
 * an output), ties in the order the walk finished them.
 */
final class Graph {
    final List<KerasTensor> order;
    final List<Layer> layers;

    private Graph(List<KerasTensor> order, List<Layer> layers) {
        this.order = order;
        this.layers = layers;
    }

    static Graph of(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        List<KerasTensor> post = new ArrayList<>();
        Map<KerasTensor, Boolean> state = new IdentityHashMap<>(); // false = on the stack, true = done
        for (KerasTensor out : outputs) {
            Deque<KerasTensor> stack = new ArrayDeque<>();
            Deque<Integer> next = new ArrayDeque<>();
            if (state.containsKey(out)) {
                continue;
            }
            stack.push(out);
            next.push(0);
            state.put(out, false);
            while (!stack.isEmpty()) {
                KerasTensor t = stack.peek();
                int i = next.pop();
                if (i < t.inputs().size()) {
                    next.push(i + 1);
                    KerasTensor in = t.inputs().get(i);
                    Boolean s = state.get(in);
                    if (s == null) {
                        state.put(in, false);
                        stack.push(in);
                        next.push(0);
                    } else if (!s) {
                        throw new IllegalArgumentException("The layer graph has a cycle through " + in.name());
                    }
                } else {
                    stack.pop();
                    state.put(t, true);
                    post.add(t);
                }
            }
        }
        for (KerasTensor t : post) {
            if (t.inputs().isEmpty() && !inputs.contains(t)) {
                throw new IllegalArgumentException("Functional model: the output depends on input \"" + t.name()
                        + "\", which is not among the model's inputs " + names(inputs));
            }
        }
        // depth = longest path to an output
        Map<KerasTensor, Integer> depth = new IdentityHashMap<>();
        for (int i = post.size() - 1; i >= 0; i--) {
            KerasTensor t = post.get(i);
            int d = depth.getOrDefault(t, 0);
            depth.put(t, d);
            for (KerasTensor in : t.inputs()) {
                depth.merge(in, d + 1, Math::max);
            }
        }
        Map<Layer, Integer> layerDepth = new LinkedHashMap<>();
        for (KerasTensor t : post) {
            layerDepth.merge(t.layer(), depth.get(t), Math::max);
        }
        for (KerasTensor in : inputs) {
            layerDepth.putIfAbsent(in.layer(), 0);
        }
        List<Layer> layers = new ArrayList<>(layerDepth.keySet());
        layers.sort((a, b) -> Integer.compare(layerDepth.get(b), layerDepth.get(a))); // stable: ties keep walk order
        Map<String, Integer> names = new LinkedHashMap<>();
        for (Layer l : layers) {
            names.merge(l.name(), 1, Integer::sum);
        }
        for (var e : names.entrySet()) {
            if (e.getValue() > 1) {
                throw new IllegalArgumentException("The name \"" + e.getKey() + "\" is used " + e.getValue()
                        + " times in the model. All operation names should be unique.");
            }
        }
        return new Graph(post, layers);
    }

    private static List<String> names(List<KerasTensor> ts) {
        List<String> out = new ArrayList<>();
        for (KerasTensor t : ts) {
            out.add(t.name());
        }
        return out;
    }

    static boolean isInput(KerasTensor t) {
        return t.layer() instanceof InputLayer;
    }
}
