package kiln.nn.callbacks;

/**
 * A monotonic time source in nanoseconds, so progress output can be driven by a fake clock in tests.
 * Only differences between readings are used.
 */
@FunctionalInterface
public interface Clock {

    /** The JVM's monotonic clock, {@link System#nanoTime()}. */
    Clock SYSTEM = System::nanoTime;

    /** Current time in nanoseconds from an arbitrary origin. */
    long nanoTime();
}
