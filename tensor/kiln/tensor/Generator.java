package kiln.tensor;

/**
 * A seeded source of random tensors. Each draw takes the next block of a counter, and the backend
 * computes element i as a pure function of (seed, counter + i): the same seed gives the same numbers
 * on any number of threads and on any backend.
 *
 * <pre>{@code
 * Generator.setGlobalSeed(42);
 * Tensor w = Tensor.randn(Generator.global(), 3, 4);   // repeatable
 * }</pre>
 */
public final class Generator {
    private static volatile Generator global = new Generator(System.nanoTime());

    private final long seed;
    private long counter;

    /** A generator with its own seed, independent of the global one. */
    public Generator(long seed) {
        this.seed = seed;
    }

    /** The process-wide generator used when none is given. */
    public static Generator global() {
        return global;
    }

    /** Re-seeds the global generator: every later draw that uses it is repeatable. */
    public static void setGlobalSeed(long seed) {
        global = new Generator(seed);
    }

    /** The seed this generator started from. */
    public long seed() {
        return seed;
    }

    /** Reserves {@code n} counter values and returns the first. */
    public synchronized long advance(long n) {
        long c = counter;
        counter += n;
        return c;
    }
}
