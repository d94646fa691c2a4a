package kiln.kernels.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Compiles every {@code .cu} module, with the emulator's shim ({@code kiln_emu.h}) and runtime, into one
 * shared library for the host CPU: one g++ translation unit per module (its file, then a
 * {@code KILN_EMU_EXPORT} line per listed kernel), compiled in parallel, then linked. The library is cached
 * like NVRTC's images, under the kernel cache directory keyed by a hash of every source, the flags and
 * the compiler's version, so a test run compiles it once (about half a minute) and later runs load it.
 * {@code -Dkiln.cuda.emulator.cxx} names the compiler (default {@code g++}).
 */
final class EmulatorBuild {
    static final String RUNTIME = "kiln_emu_runtime.cpp";
    static final String SHIM = "kiln_emu.h";
    // No FMA contraction: Java (the CPU backend, the reference) never fuses a*b + c.
    private static final List<String> FLAGS = List.of("-std=c++20", "-O2", "-fPIC", "-ffp-contract=off", "-DKILN_EMULATOR");

    private EmulatorBuild() {}

    static String compiler() {
        return System.getProperty("kiln.cuda.emulator.cxx", "g++");
    }

    /** The compiler's first line of {@code --version}, or null with the reason in {@code why[0]}. */
    static String compilerVersion(String[] why) {
        try {
            Process p = new ProcessBuilder(compiler(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                why[0] = compiler() + " --version failed: " + out.strip();
                return null;
            }
            return out.lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            why[0] = "no C++ compiler to build the CUDA emulator: " + compiler() + " cannot be run (" + e.getMessage()
                    + "); install g++ or name one with -Dkiln.cuda.emulator.cxx";
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why[0] = "interrupted while running " + compiler();
            return null;
        }
    }

    /** The library's path, building it if no cached copy exists. */
    static Path library() {
        String[] why = {null};
        String version = compilerVersion(why);
        if (version == null) {
            throw new IllegalStateException(why[0]);
        }
        Map<String, String> files = sources();
        Path dir = cacheDir().resolve(hash(files, version));
        Path lib = dir.resolve("libkilnemu.so");
        if (Files.isRegularFile(lib)) {
            return lib;
        }
        try {
            Files.createDirectories(dir);
            Path work = Files.createTempDirectory(dir, "build-");
            compile(files, work);
            try {
                Files.move(work.resolve("libkilnemu.so"), lib, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.isRegularFile(lib)) { // another JVM finished first otherwise
                    Files.move(work.resolve("libkilnemu.so"), lib, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            deleteTree(work);
            return lib;
        } catch (IOException e) {
            throw new UncheckedIOException("building the CUDA emulator library in " + dir, e);
        }
    }

    /** File name → text: the shim, the runtime, every module and the headers they include. */
    private static Map<String, String> sources() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(SHIM, KernelSources.readEmulator(SHIM));
        files.put(RUNTIME, KernelSources.readEmulator(RUNTIME));
        for (CudaModule m : CudaModule.values()) {
            String source = KernelSources.read(m.file);
            files.put(m.file, source);
            files.putAll(KernelSources.headers(source));
        }
        return files;
    }

    /** The translation unit of one module: its kernels registered by name for {@code kiln_emu_launch}. */
    static String unit(CudaModule m) {
        StringBuilder s = new StringBuilder("#include \"" + SHIM + "\"\n#include \"" + m.file + "\"\n");
        for (String f : m.functions) {
            s.append("KILN_EMU_EXPORT(").append(f).append(")\n");
        }
        return s.toString();
    }

    private static void compile(Map<String, String> files, Path work) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(work.resolve(f.getKey()), f.getValue());
        }
        List<List<String>> jobs = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        for (CudaModule m : CudaModule.values()) {
            String name = "unit_" + m.name().toLowerCase(Locale.ROOT);
            Files.writeString(work.resolve(name + ".cpp"), unit(m));
            jobs.add(compileCommand(name + ".cpp", name + ".o"));
            objects.add(name + ".o");
        }
        jobs.add(compileCommand(RUNTIME, "runtime.o"));
        objects.add("runtime.o");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<String> job : jobs) {
                done.add(pool.submit(() -> run(job, work)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the CUDA emulator", e);
        } finally {
            pool.shutdownNow();
        }
        List<String> link = new ArrayList<>(List.of(compiler(), "-shared", "-o", "libkilnemu.so"));
        link.addAll(objects);
        link.add("-lpthread");
        run(link, work);
    }

    private static List<String> compileCommand(String source, String object) {
        List<String> c = new ArrayList<>(List.of(compiler()));
        c.addAll(FLAGS);
        c.addAll(List.of("-I.", "-c", source, "-o", object));
        return c;
    }

    private static Void run(List<String> command, Path work) {
        try {
            Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("building the CUDA emulator failed: " + String.join(" ", command)
                        + " (in " + work + ")\n" + out);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the CUDA emulator", e);
        }
    }

    private static Path cacheDir() {
        Path d = KernelCache.defaultDir();
        return (d != null ? d : Path.of(System.getProperty("java.io.tmpdir"), "kiln-cuda")).resolve("emulator");
    }

    private static String hash(Map<String, String> files, String version) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((version + "\n" + String.join(" ", FLAGS) + "\n").getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> f : files.entrySet()) {
                md.update((f.getKey() + "\n" + f.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (CudaModule m : CudaModule.values()) {
                md.update(unit(m).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
