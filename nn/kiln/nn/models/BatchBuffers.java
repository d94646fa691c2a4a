package kiln.nn.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * The tensors {@code fit} gathers its training batches into, one per array, reused from step to step.
 *
 * <p>Why: a batch gathered into a new tensor lands in memory the process has not touched since the
 * last garbage collection, which the JVM first zeroes and the CPU then fetches line by line; at batch
 * 256 of Fashion-MNIST that is 800 KB per step. Reused, the batch is written into memory still in
 * cache. Safe because a training step keeps no reference to its batch once it returns (the graph,
 * the losses and the metrics are done with it); a step's gradients never flow into its inputs.
 *
 * <pre>{@code
 * BatchBuffers buffers = new BatchBuffers();
 * List<Tensor> xb = buffers.takeAll(x, order, from, to);   // the same tensors (or views) every step
 * }</pre>
 */
final class BatchBuffers {
    /** Per array: a (batch, ...) tensor sized by the first full batch; a shorter last batch uses its first rows. */
    private final List<Tensor> buffers = new ArrayList<>();

    /** {@code t[order[from..to)]} along axis 0 for each array, gathered into this object's tensors. */
    List<Tensor> takeAll(List<Tensor> ts, int[] order, int from, int to) {
        List<Tensor> out = new ArrayList<>(ts.size());
        for (int i = 0; i < ts.size(); i++) {
            out.add(take(i, ts.get(i), order, from, to));
        }
        return out;
    }

    /** One array's batch, gathered into buffer {@code slot}. */
    Tensor take(int slot, Tensor t, int[] order, int from, int to) {
        int len = to - from;
        if (len == t.dim(0)) {
            return Batches.take(t, order, from, to); // the whole array: no copy when in order
        }
        while (buffers.size() <= slot) {
            buffers.add(null);
        }
        Tensor buffer = buffers.get(slot);
        if (buffer == null || !fits(buffer, t, len)) {
            int[] dims = t.dims();
            dims[0] = len;
            buffer = Tensor.zeros(t.dtype(), Shape.of(dims), t.device());
            buffers.set(slot, buffer);
        }
        Tensor target = buffer.dim(0) == len ? buffer : buffer.narrow(0, 0, len);
        int[] idx = Arrays.copyOfRange(order, from, to);
        return t.take(Tensor.ofInts(idx, len).to(t.device()), 0, target);
    }

    /** Whether the buffer holds a batch of {@code len} rows of t: same dtype, device and row shape, enough rows. */
    private static boolean fits(Tensor buffer, Tensor t, int len) {
        if (buffer.dtype() != t.dtype() || !buffer.device().equals(t.device()) || buffer.rank() != t.rank()
                || buffer.dim(0) < len) {
            return false;
        }
        for (int d = 1; d < t.rank(); d++) {
            if (buffer.dim(d) != t.dim(d)) {
                return false;
            }
        }
        return true;
    }
}
