package kiln.kernels.cuda;

import java.util.ArrayList;
import java.util.List;
import kiln.tensor.Tensor;

/**
 * Out-of-range indices found by the gather, scatter-add and sparse cross-entropy kernels, reported without
 * stalling the stream. Each checked launch gets a slot of a small device array, where its kernel writes the
 * first bad position (atomicMin); the slots are read where the host waits for the device anyway — the next
 * copy to the host or {@code synchronize()} — much as PyTorch reports device-side assertions. Reading them
 * after every launch would put a host synchronisation into every training step that gathers or uses sparse
 * labels. {@code -Dkiln.cuda.syncIndexChecks=true} does read them right after each launch, so the error
 * names the index value and is thrown by the operation itself (a debugging mode). A table that fills up
 * ({@link #SLOTS} checked launches without a host read) is read then.
 */
final class IndexChecks {
    static final int SLOTS = 256;
    private static final int NONE = Integer.MAX_VALUE;

    /** A checked launch: what to say if its slot holds a position. */
    private record Pending(String op, String what, String at, String range, Tensor indices) {}

    private final CudaBackend be;
    private final List<Pending> pending = new ArrayList<>();
    private DeviceBuffer slots;

    IndexChecks(CudaBackend be) {
        this.be = be;
    }

    private static boolean synchronous() {
        return Boolean.getBoolean("kiln.cuda.syncIndexChecks");
    }

    /**
     * A slot for the next launch's kernel (the device address it writes a bad position to). {@code what}
     * names an index ("index", "label"), {@code at} its position ("position", "row"), {@code range} what it
     * must lie in ("[0, 6) for axis 1"); {@code indices} is read for the value in synchronous mode.
     */
    synchronized long open(String op, String what, String at, String range, Tensor indices) {
        if (pending.size() == SLOTS) {
            verify();
        }
        if (slots == null) {
            slots = (DeviceBuffer) be.allocate(kiln.tensor.DType.INT32, SLOTS);
            reset(SLOTS);
        }
        pending.add(new Pending(op, what, at, range, synchronous() ? indices : null));
        return slots.address(pending.size() - 1);
    }

    /** After the launch of the last {@link #open}: in synchronous mode, reads its slot now. */
    void launched() {
        if (synchronous()) {
            verify();
        }
    }

    /** Reads the slots of every checked launch so far (waiting for the stream) and throws for the first bad one. */
    synchronized void verify() {
        if (pending.isEmpty()) {
            return;
        }
        int n = pending.size();
        int[] found = be.download(slots, n);
        List<Pending> done = List.copyOf(pending);
        pending.clear();
        reset(n);
        for (int i = 0; i < n; i++) {
            if (found[i] != NONE) {
                Pending p = done.get(i);
                String value = p.indices() == null ? "" : " " + p.indices().toIntArray()[found[i]];
                throw new IllegalArgumentException(p.op() + ": " + p.what() + value + " at " + p.at() + " " + found[i]
                        + " is out of range " + p.range() + (p.indices() == null
                        ? " (CUDA reports bad indices at the next read to the host; -Dkiln.cuda.syncIndexChecks=true"
                        + " reports them at the operation, with the value)" : ""));
            }
        }
    }

    private void reset(int n) {
        be.cx.driver.fill32(slots.address(0), NONE, n);
    }
}
