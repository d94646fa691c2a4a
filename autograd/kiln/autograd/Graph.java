package kiln.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.tensor.Buffer;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * The reverse-mode engine: sorts the graph under a root once (iteratively — a recursive walk would
 * overflow the stack on a long unrolled chain), then walks it from the root towards the leaves, handing
 * each node its accumulated output gradient and adding the contributions it returns into its inputs'
 * slots. Contributions are un-broadcast here, once, so ops never handle broadcasting.
 */
final class Graph {
    private Graph() {}

    static void backward(Variable root, Tensor gradOut, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: " + root + " does not require grad — it is a constant leaf, "
                    + "was detached, or was computed inside NoGrad / from inputs that require no grad");
        }
        Tensor seed;
        if (gradOut == null) {
            if (root.value().size() != 1) {
                throw new IllegalArgumentException("backward: " + root + " has shape " + root.shape() + " ("
                        + root.value().size() + " elements); backward() without an output gradient needs a single "
                        + "element — reduce it first (e.g. sum() or mean()) or call backward(gradOutput)");
            }
            seed = root.value().scalarLike(1f).reshape(root.shape());
        } else {
            if (!gradOut.shape().equals(root.shape())) {
                throw new IllegalArgumentException("backward: gradOutput has shape " + gradOut.shape() + " but "
                        + root + " has shape " + root.shape() + " (they must be equal)");
            }
            seed = gradOut;
        }
        // Buffers already given to a kept gradient (or owned by the caller): a second holder gets a copy.
        Set<Buffer> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        if (gradOut != null) {
            owned.add(gradOut.buffer());
        }
        Map<Variable, Tensor> pending = new IdentityHashMap<>();
        pending.put(root, seed);
        for (Variable v : reverseTopologicalOrder(root)) {
            Tensor g = pending.remove(v);
            if (g == null) {
                continue; // nothing reached v (every path to it returned null)
            }
            if (v.keepsGrad()) {
                // An earlier gradient gets a new sum (fresh storage); a first one must be owned.
                v.setGrad(v.grad() == null ? own(g, owned) : v.grad().add(g));
            }
            Node node = v.node;
            if (node != null) {
                propagate(node, g, pending, retainGraph);
            }
        }
    }

    private static void propagate(Node node, Tensor g, Map<Variable, Tensor> pending, boolean retainGraph) {
        Op op = node.op;
        if (op == null) {
            throw new IllegalStateException("backward: the graph through " + node.opName + " was freed by an earlier "
                    + "backward; pass retainGraph=true to the first backward(gradOutput, true) to walk it twice");
        }
        Variable[] in = node.inputs;
        boolean[] needs = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            needs[i] = in[i].requiresGrad();
        }
        Tensor[] buffers = gradientBuffers(in, needs, pending);
        op.gradientBuffers = buffers;
        Tensor[] contributions;
        try {
            contributions = op.backward(g, needs);
        } finally {
            op.gradientBuffers = null;
        }
        if (buffers != null) {
            for (int i = 0; i < in.length; i++) {
                Tensor c = contributions.length == in.length ? contributions[i] : null;
                if (buffers[i] != null && (c == null || c.buffer() != buffers[i].buffer())) {
                    in[i].keepSpareGrad(buffers[i]); // not used: keep it for a later step
                }
            }
        }
        if (contributions.length != in.length) {
            throw new IllegalStateException(node.opName + ".backward returned " + contributions.length
                    + " gradients for " + in.length + " inputs");
        }
        if (!retainGraph) {
            node.op = null; // drops the op's saved tensors
        }
        for (int i = 0; i < in.length; i++) {
            Tensor c = contributions[i];
            if (!needs[i] || c == null) {
                continue; // null means zero; no tensor is allocated for it
            }
            c = unbroadcast(node.opName, i, c, in[i].shape());
            Tensor prev = pending.get(in[i]);
            // A new sum, never prev.addi(c): prev may be a tensor an op also returned for another input.
            pending.put(in[i], prev == null ? c : prev.add(c));
        }
    }

    /**
     * The released gradient storage of each input that may take this op's contribution directly: a
     * leaf keeping its gradient, with no gradient yet and none pending (so the contribution is the
     * whole gradient), named once (x·x must not get one buffer twice). Null when there is none.
     */
    private static Tensor[] gradientBuffers(Variable[] in, boolean[] needs, Map<Variable, Tensor> pending) {
        Tensor[] buffers = null;
        for (int i = 0; i < in.length; i++) {
            Variable v = in[i];
            if (!needs[i] || v.node != null || v.grad() != null || pending.containsKey(v) || repeated(in, i)) {
                continue;
            }
            Tensor spare = v.takeSpareGrad();
            if (spare != null) {
                if (buffers == null) {
                    buffers = new Tensor[in.length];
                }
                buffers[i] = spare;
            }
        }
        return buffers;
    }

    private static boolean repeated(Variable[] in, int i) {
        for (int j = 0; j < in.length; j++) {
            if (j != i && in[j] == in[i]) {
                return true;
            }
        }
        return false;
    }

    private static Tensor unbroadcast(String op, int input, Tensor c, Shape target) {
        if (c.shape().equals(target)) {
            return c;
        }
        if (!target.broadcastsTo(c.shape())) {
            throw new IllegalStateException(op + ".backward returned a gradient of shape " + c.shape() + " for input "
                    + input + " of shape " + target + ", which is not a broadcast of it");
        }
        return c.sumTo(target);
    }

    /**
     * A gradient to keep on a variable: {@code g} itself when it is a plain dense tensor whose buffer
     * nobody else holds, else a copy (ops may return views of, or the same tensor as, other gradients).
     */
    private static Tensor own(Tensor g, Set<Buffer> owned) {
        boolean plain = g.isContiguous() && g.offset() == 0 && g.buffer().length() == g.size();
        if (plain && owned.add(g.buffer())) {
            return g;
        }
        Tensor c = g.copy();
        owned.add(c.buffer());
        return c;
    }

    /** Every variable requiring grad that root depends on, root first, each before its inputs. */
    static List<Variable> reverseTopologicalOrder(Variable root) {
        List<Variable> post = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Variable> stack = new ArrayDeque<>();
        ArrayDeque<Boolean> expanded = new ArrayDeque<>();
        stack.push(root);
        expanded.push(false);
        while (!stack.isEmpty()) {
            Variable v = stack.pop();
            if (expanded.pop()) {
                post.add(v); // all of v's inputs were finished before it
                continue;
            }
            if (!seen.add(v)) {
                continue;
            }
            stack.push(v);
            expanded.push(true);
            if (v.node != null) {
                for (Variable in : v.node.inputs) {
                    if (in.requiresGrad() && !seen.contains(in)) {
                        stack.push(in);
                        expanded.push(false);
                    }
                }
            }
        }
        Collections.reverse(post);
        return post;
    }
}
