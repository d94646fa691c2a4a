package kiln.tensor;

/**
 * Service-provider interface through which backends are discovered ({@link java.util.ServiceLoader},
 * {@code META-INF/services/kiln.tensor.BackendProvider}). Implementations must be cheap to construct
 * and must never throw from {@link #unavailableReason()}: no GPU means "unavailable", not an error.
 */
public interface BackendProvider {
    /** The device type this provider serves. */
    Device.Type deviceType();

    /** Null when usable; otherwise one line saying why not (e.g. "no CUDA driver found"). */
    String unavailableReason();

    /** The backend for one device of this type; called once per device, then cached. */
    Backend create(int deviceIndex);
}
