package kiln.tensor;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/** Finds backends through {@link ServiceLoader} and caches one per device. */
public final class Backends {
    private static final Logger LOG = Logger.getLogger("kiln");
    private static final Map<Device.Type, BackendProvider> PROVIDERS = discover();
    private static final Map<Device, Backend> CACHE = new ConcurrentHashMap<>();

    private Backends() {}

    /** The backend for a device, or an exception that says why it cannot be used. */
    public static Backend get(Device device) {
        Backend b = CACHE.get(device);
        if (b != null) {
            return b;
        }
        return CACHE.computeIfAbsent(device, d -> {
            BackendProvider p = PROVIDERS.get(d.type());
            if (p == null) {
                throw new IllegalStateException("no backend for device " + d + " is on the class path"
                        + (d.type() == Device.Type.CUDA ? " (add the kiln CUDA dependencies)" : ""));
            }
            String why = p.unavailableReason();
            if (why != null) {
                throw new IllegalStateException("device " + d + " is unavailable: " + why);
            }
            return p.create(d.index());
        });
    }

    /** True when {@link #get} would succeed for this device. */
    public static boolean isAvailable(Device device) {
        if (CACHE.containsKey(device)) {
            return true;
        }
        BackendProvider p = PROVIDERS.get(device.type());
        return p != null && p.unavailableReason() == null;
    }

    /**
     * Serves {@code device} with {@code backend} from now on, in place of the discovered one, and returns the
     * backend that served it until now (null if none had been made); {@code replace(device, previous)} puts that
     * one back, and null returns the device to discovery. This is for wrapping a backend to instrument it (the
     * tests count device-to-host copies this way) or serving a device with a stand-in. Tensors already made keep
     * the backend they were made with.
     *
     * @throws IllegalArgumentException if {@code backend} reports another device
     */
    public static Backend replace(Device device, Backend backend) {
        if (backend == null) {
            return CACHE.remove(device);
        }
        if (!device.equals(backend.device())) {
            throw new IllegalArgumentException("Backends.replace: the backend serves " + backend.device()
                    + ", not " + device);
        }
        return CACHE.put(device, backend);
    }

    /** Why a device type cannot be used, or null when it can. */
    public static String unavailableReason(Device.Type type) {
        BackendProvider p = PROVIDERS.get(type);
        return p == null ? "no " + type + " backend on the class path" : p.unavailableReason();
    }

    private static Map<Device.Type, BackendProvider> discover() {
        Map<Device.Type, BackendProvider> m = new EnumMap<>(Device.Type.class);
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
            m.putIfAbsent(p.deviceType(), p);
        }
        if (!m.containsKey(Device.Type.CPU)) {
            throw new IllegalStateException("kiln: the CPU backend (kiln.kernels.cpu) is missing from the class path");
        }
        String cuda = m.containsKey(Device.Type.CUDA) ? m.get(Device.Type.CUDA).unavailableReason() : null;
        if (cuda != null) {
            LOG.info("kiln: CUDA not used: " + cuda);
        }
        return m;
    }
}
