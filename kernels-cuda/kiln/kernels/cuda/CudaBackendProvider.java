package kiln.kernels.cuda;

import kiln.tensor.Backend;
import kiln.tensor.BackendProvider;
import kiln.tensor.Device;

/**
 * Registers {@link CudaBackend} with {@link java.util.ServiceLoader}. Cheap to construct and never
 * throws from {@link #unavailableReason()}: this class names no JavaCPP type, so it loads without the
 * presets, and the probe behind it turns every missing piece into a one-line reason:
 * <ol>
 *   <li>{@code -Dkiln.cuda=off};</li>
 *   <li>with {@code -Dkiln.cuda.emulate=true} ({@link EmulatedDriver}), only a missing C++ compiler; else:</li>
 *   <li>the presets' Java classes ({@code org.bytedeco:cuda}) are not on the class path;</li>
 *   <li>their native libraries for this platform are not (the {@code linux-x86_64} classifier jar);</li>
 *   <li>the natives do not load: no NVIDIA driver ({@code libcuda.so.1}), or a CUDA runtime that does not match;</li>
 *   <li>{@code cudaGetDeviceCount} fails or finds no device.</li>
 * </ol>
 * The probe runs once per JVM.
 */
public final class CudaBackendProvider implements BackendProvider {
    private static volatile String reason;
    private static volatile boolean probed;

    @Override
    public Device.Type deviceType() {
        return Device.Type.CUDA;
    }

    @Override
    public String unavailableReason() {
        if (!probed) {
            synchronized (CudaBackendProvider.class) {
                if (!probed) {
                    reason = oneLine(probe());
                    probed = true;
                }
            }
        }
        return reason;
    }

    @Override
    public Backend create(int deviceIndex) {
        String why = unavailableReason();
        if (why != null) {
            throw new IllegalStateException("CUDA is unavailable: " + why);
        }
        return CudaBackend.create(deviceIndex);
    }

    private static String probe() {
        if ("off".equalsIgnoreCase(System.getProperty("kiln.cuda", ""))) {
            return "disabled by -Dkiln.cuda=off";
        }
        if (EmulatedDriver.requested()) { // no GPU, no JavaCPP: the kernels run on the host CPU
            return EmulatedDriver.unavailableReason();
        }
        ClassLoader cl = CudaBackendProvider.class.getClassLoader();
        try {
            Class.forName("org.bytedeco.javacpp.Loader", false, cl);
            Class.forName("org.bytedeco.cuda.global.cudart", false, cl);
        } catch (ClassNotFoundException | LinkageError e) {
            return "the JavaCPP CUDA presets (org.bytedeco:cuda " + CudaProbe.PRESETS_VERSION
                    + ") are not on the class path";
        }
        try {
            return CudaProbe.probe(cl);
        } catch (Throwable t) { // a probe must never take the CPU backend down with it
            return "CUDA probe failed: " + t;
        }
    }

    static String oneLine(String s) {
        return s == null ? null : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
