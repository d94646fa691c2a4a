package kiln.kernels.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code .cu} and {@code .cuh} files packaged from kernels-cuda/cuda/ (classpath
 * {@code kiln/kernels/cuda/cu/}) and collects the headers each one includes, for NVRTC, which has no
 * file system of its own.
 */
final class KernelSources {
    static final String RESOURCE_DIR = "cu/";
    static final String EMULATOR_DIR = "emu/";
    private static final Pattern INCLUDE = Pattern.compile("^\\s*#\\s*include\\s+\"([^\"]+)\"", Pattern.MULTILINE);

    private KernelSources() {}

    /** The text of one packaged source file. */
    static String read(String file) {
        return resource(RESOURCE_DIR, file, "kernels-cuda/cuda");
    }

    /** The text of one of the CUDA emulator's packaged files ({@link EmulatorBuild}). */
    static String readEmulator(String file) {
        return resource(EMULATOR_DIR, file, "kernels-cuda/emulator");
    }

    private static String resource(String dir, String file, String root) {
        try (InputStream in = KernelSources.class.getResourceAsStream(dir + file)) {
            if (in == null) {
                throw new IllegalStateException("CUDA kernel source " + file + " is missing from the class path (expected "
                        + "kiln/kernels/cuda/" + dir + file + "; is " + root + " a resource root?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading CUDA kernel source " + file, e);
        }
    }

    /** The quoted headers a source includes, transitively, by name → text (in first-include order). */
    static Map<String, String> headers(String source) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(source, out);
        return out;
    }

    private static void collect(String text, Map<String, String> out) {
        Matcher m = INCLUDE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (!out.containsKey(name)) {
                String h = read(name);
                out.put(name, h);
                collect(h, out);
            }
        }
    }
}
