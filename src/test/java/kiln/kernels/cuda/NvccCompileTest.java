package kiln.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kernel compiles, with or without a GPU: each {@code kernels-cuda/cuda/*.cu} through
 * {@code nvcc -ptx} for sm_80 (A100) and sm_90 (H100) with the flags NVRTC gets at run time, warnings as
 * errors. Skips, saying why, where nvcc is not on the PATH (or /usr/local/cuda/bin).
 */
class NvccCompileTest {
    static final String[] ARCHS = {"sm_80", "sm_90"};

    static String nvcc() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/local/cuda/bin");
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, "nvcc");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    @ParameterizedTest
    @EnumSource(CudaModule.class)
    void compilesWithNvcc(CudaModule m, @TempDir Path out) throws Exception {
        String nvcc = nvcc();
        assumeTrue(nvcc != null, "nvcc is not on the PATH: the .cu files are not compiled in this run");
        Path src = KernelSourcesTest.DIR.resolve(m.file);
        for (String arch : ARCHS) {
            List<String> cmd = new ArrayList<>(List.of(nvcc, "-ptx", "-arch=" + arch, "-I", KernelSourcesTest.DIR.toString(),
                    "-Werror", "all-warnings"));
            cmd.addAll(m.options());
            Path ptx = out.resolve(m.file.replace(".cu", "-" + arch + ".ptx"));
            cmd.addAll(List.of("-o", ptx.toString(), src.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("nvcc timed out on " + m.file + " for " + arch);
            }
            if (p.exitValue() != 0) {
                fail("nvcc failed on " + m.file + " for " + arch + " (" + String.join(" ", cmd) + "):\n" + log);
            }
            String text = Files.readString(ptx);
            for (String fn : m.functions) {
                assertTrue(text.contains(".entry " + fn + "("), m.file + ": no PTX entry for " + fn);
            }
        }
    }
}
