package kiln.nn.saving;

import java.util.Map;

/**
 * An object with a Keras-shaped configuration: {@link #className()} is its Keras class name
 * ("GlorotUniform", "ExponentialDecay") and {@link #getConfig()} the same keys and defaults as
 * Keras's {@code get_config()}. Saving writes these; loading looks the class name up in the
 * package's {@link Registry} and rebuilds the object from the config.
 */
public interface KerasSerializable {
    /** The Keras class name this object is registered under. */
    String className();

    /** The Keras {@code get_config()} dictionary (insertion-ordered, JSON-compatible values). */
    Map<String, Object> getConfig();
}
