package kiln.autograd;

/**
 * A scope in which operations compute values without recording a graph: inference, optimizer
 * updates, metrics. Thread-local and nestable; gradients recorded outside are unaffected.
 *
 * <pre>{@code
 * try (var _ = NoGrad.enter()) {
 *     Variable y = w.matmul(x);   // y.requiresGrad() == false, nothing is kept for backward
 * }
 * }</pre>
 *
 * <p>Close the scope on the thread that entered it (try-with-resources does).
 */
public final class NoGrad implements AutoCloseable {
    // An int[] rather than Integer so enter/close update in place, without boxing.
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private boolean closed;

    private NoGrad() {}

    /** Enters a no-grad scope on this thread; close it to leave. */
    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return new NoGrad();
    }

    /** True while this thread is inside at least one no-grad scope. */
    public static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    /** Leaves the scope; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }
}
