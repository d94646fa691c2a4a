package kiln.tensor;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Releases, when closed, the storage of every tensor created on this thread while it was open: the device
 * memory a training step's activations, gradients and temporaries hold goes back to the GPU allocator as
 * the step ends, instead of whenever the garbage collector finds the tensors unreachable (PyTorch frees it
 * by reference count; the JVM has none, and its collector does not see device memory filling up). So a
 * training loop's device memory stops growing after the first step.
 *
 * <p>What must outlive the step escapes it when it is created: {@link #escape} (optimizer scratch, a weight
 * gradient kept for the next step) or creation inside {@link #suspend} (optimizer slots, metric state).
 * Using a released tensor later is an error on the GPU ("used after it was released").
 *
 * <p>Releasing is {@link Backend#release}: the CPU backend leaves heap arrays to the garbage collector, so
 * on the CPU a scope changes nothing — except under {@code -Dkiln.debug.poison=true}, where released
 * heap arrays are filled with NaN (ints with {@code Integer.MIN_VALUE}), so the CPU test suite catches a
 * tensor used after its scope ended, which the GPU would refuse.
 */
public final class AllocationScope implements AutoCloseable {
    private static final ThreadLocal<AllocationScope> CURRENT = new ThreadLocal<>();

    private final AllocationScope outer;
    private final boolean tracking;
    private final Map<Buffer, Backend> created = new IdentityHashMap<>();
    private boolean closed;

    private AllocationScope(AllocationScope outer, boolean tracking) {
        this.outer = outer;
        this.tracking = tracking;
    }

    /** Opens a scope on this thread: tensors created until {@link #close} are released then. */
    public static AllocationScope open() {
        AllocationScope s = new AllocationScope(CURRENT.get(), true);
        CURRENT.set(s);
        return s;
    }

    /** Until closed, tensors created on this thread belong to no scope (long-lived state). */
    public static AllocationScope suspend() {
        AllocationScope s = new AllocationScope(CURRENT.get(), false);
        CURRENT.set(s);
        return s;
    }

    /** Takes {@code t}'s storage out of every open scope on this thread; returns t. */
    public static Tensor escape(Tensor t) {
        for (AllocationScope s = CURRENT.get(); s != null; s = s.outer) {
            s.created.remove(t.buffer());
        }
        return t;
    }

    /** Called for each new buffer. */
    static void track(Backend backend, Buffer buffer) {
        AllocationScope s = CURRENT.get();
        if (s != null && s.tracking) {
            s.created.put(buffer, backend);
        }
    }

    /** Releases what was created in this scope; scopes close innermost first. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("AllocationScope closed out of order: close the innermost scope first");
        }
        closed = true;
        CURRENT.set(outer);
        created.forEach((buffer, backend) -> backend.release(buffer));
        created.clear();
    }
}
