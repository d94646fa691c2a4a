package kiln.kernels.cpu;

import java.util.logging.Logger;
import kiln.tensor.Backend;
import kiln.tensor.BackendProvider;
import kiln.tensor.Device;

/** Registers {@link CpuBackend} with {@link java.util.ServiceLoader}; the CPU is always available. */
public final class CpuBackendProvider implements BackendProvider {
    @Override
    public Device.Type deviceType() {
        return Device.Type.CPU;
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public Backend create(int deviceIndex) {
        Logger.getLogger("kiln").info("kiln: CPU backend, " + Simd.describe() + ", " + Parallel.threads() + " threads");
        return new CpuBackend();
    }
}
