package kiln.kernels.cuda;

import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetErrorString;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcVersion;

import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/** NVRTC as a {@link KernelCache.Compiler}: CUDA C++ to a CUBIN for the device's own architecture. */
final class Nvrtc implements KernelCache.Compiler {
    private final String version;

    Nvrtc() {
        int[] major = {0};
        int[] minor = {0};
        check(nvrtcVersion(major, minor), "nvrtcVersion");
        version = "nvrtc " + major[0] + "." + minor[0];
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public byte[] compile(String name, String source, Map<String, String> headers, List<String> options) {
        _nvrtcProgram prog = new _nvrtcProgram();
        String[] hNames = headers.keySet().toArray(String[]::new);
        String[] hTexts = headers.values().toArray(String[]::new);
        try (BytePointer src = new BytePointer(source);
             BytePointer file = new BytePointer(name);
             PointerPointer<?> texts = hTexts.length == 0 ? null : new PointerPointer<>(hTexts);
             PointerPointer<?> names = hNames.length == 0 ? null : new PointerPointer<>(hNames);
             PointerPointer<?> opts = new PointerPointer<>(options.toArray(String[]::new))) {
            check(nvrtcCreateProgram(prog, src, file, hNames.length, texts, names), "nvrtcCreateProgram(" + name + ")");
            try {
                int rc = nvrtcCompileProgram(prog, options.size(), opts);
                if (rc != 0) {
                    throw new IllegalStateException("NVRTC could not compile " + name + " " + options + ": "
                            + nvrtcGetErrorString(rc).getString() + "\n" + log(prog));
                }
                SizeTPointer size = new SizeTPointer(1);
                check(nvrtcGetCUBINSize(prog, size), "nvrtcGetCUBINSize");
                byte[] cubin = new byte[(int) size.get()];
                check(nvrtcGetCUBIN(prog, cubin), "nvrtcGetCUBIN");
                return cubin;
            } finally {
                nvrtcDestroyProgram(prog);
            }
        }
    }

    private static String log(_nvrtcProgram prog) {
        SizeTPointer size = new SizeTPointer(1);
        nvrtcGetProgramLogSize(prog, size);
        byte[] log = new byte[(int) Math.max(1, size.get())];
        nvrtcGetProgramLog(prog, log);
        return new String(log, 0, Math.max(0, log.length - 1), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void check(int rc, String what) {
        if (rc != 0) {
            throw new IllegalStateException(what + " failed: " + nvrtcGetErrorString(rc).getString() + " (nvrtc error " + rc + ")");
        }
    }
}
