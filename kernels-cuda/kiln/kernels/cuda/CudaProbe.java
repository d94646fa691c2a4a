package kiln.kernels.cuda;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;

import org.bytedeco.javacpp.Loader;

/**
 * The part of the availability check that touches JavaCPP; only reached once the presets' classes are
 * known to be there. Returns null when a GPU is usable, else the reason.
 */
final class CudaProbe {
    static final String PRESETS_VERSION = "13.3-9.25-1.5.14";

    private CudaProbe() {}

    static String probe(ClassLoader cl) {
        String platform = Loader.getPlatform();
        // Look before loading: without the natives jar, Loader.load would only fail more slowly and noisily.
        if (cl.getResource("org/bytedeco/cuda/" + platform + "/" + System.mapLibraryName("jnicudart")) == null) {
            return "the native libraries of the CUDA presets for " + platform + " are not on the class path (add "
                    + "org.bytedeco:cuda:" + PRESETS_VERSION + ":" + platform + ", e.g. build with -Pcuda)";
        }
        try {
            Loader.load(org.bytedeco.cuda.global.cudart.class);
        } catch (Throwable t) {
            String msg = innermost(t);
            if (msg.contains("libcuda.so")) {
                return "no NVIDIA driver: libcuda.so.1 cannot be loaded (" + msg + ")";
            }
            return "the CUDA native libraries could not be loaded: " + msg;
        }
        int[] count = {0};
        int err = cudaGetDeviceCount(count);
        if (err != 0) {
            return "cudaGetDeviceCount failed: " + cudaGetErrorString(err).getString() + " (error " + err + ")";
        }
        if (count[0] == 0) {
            return "no CUDA device found (cudaGetDeviceCount = 0)";
        }
        return null;
    }

    private static String innermost(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
