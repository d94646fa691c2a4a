package kiln.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kiln.nn.data.FashionMnist;

import static kiln.bench.MlpBench.RESULT;
import static kiln.bench.MlpBench.RUN_TIMEOUT_S;
import static kiln.bench.MlpBench.SAMPLES;
import static kiln.bench.MlpBench.STEP_FLOPS;

/**
 * The MLP comparison of the benchmark report: runs {@link MlpBench} (Kiln, DL4J), {@code
 * bench/mlp_torch.py} and {@code bench/mlp_keras.py} one process at a time at batch 32 and 256, and
 * prints a line per batch size with each framework's samples/s, Kiln's ratio to PyTorch and Kiln's
 * GFLOP/s, then {@code #} context lines:
 *
 * <pre>
 * mlp batch=32 kiln=61234 torch=47012 keras=38110 dl4j=9876 samples/s ratio_torch=1.30 gflops=97.8
 * # mlp batch=32 GFLOP/s kiln=97.8 torch=75.1 keras=60.9 dl4j=15.8; final loss kiln=0.4131 ...
 * # mlp batch=32 epoch seconds kiln=2.259,1.402,0.712,0.743 torch=... keras=... dl4j=...
 * # mlp batch=32 last epoch samples/s kiln=74024 torch=... keras=... dl4j=...
 * # mlp batch=32 dl4j OMP_NUM_THREADS=1 11857, OMP_NUM_THREADS=2 unavailable samples/s
 * </pre>
 *
 * Python comes from {@code bench/.venv}, which {@code bench/venv.sh} makes on first use (its log:
 * {@code target/bench-venv.log}); each run's output goes to {@code target/mlp-<framework>-b<batch>.log}.
 * A run that fails, times out or has no Python prints {@code <framework>=unavailable} and a {@code #}
 * line with the reason, never a number. Formulas: {@link MlpBench}.
 */
final class MlpReport {
    /** A timed epoch slower than this many times the median of the timed epochs is listed as uneven. */
    private static final double UNEVEN = 1.5;

    private MlpReport() {}

    /**
     * Runs every framework at every batch size, one process at a time, and prints the report lines
     * as they come. Logs of the runs go to {@code target/mlp-<framework>-b<batch>.log}.
     */
    static void report(int epochs, int[] batches, int rounds) {
        if (epochs < 2) {
            throw new IllegalArgumentException("MlpReport: expected epochs >= 2 (the first is not timed), got "
                    + epochs);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("MlpReport: expected rounds >= 1, got " + rounds);
        }
        String data = dataDir();
        System.out.println("# mlp: 784-300-100-10 relu/softmax, SGD 0.01, sparse CE, " + SAMPLES
                + " samples/epoch, epochs 2.." + epochs + " timed of " + epochs + "; data "
                + (data.equals("random") ? "RANDOM (Fashion-MNIST not found in " + FashionMnist.searchPath() + ")"
                        : "Fashion-MNIST " + data + ", first " + SAMPLES + " training images /255")
                + "; kiln and torch 2 threads, keras-jax all " + Runtime.getRuntime().availableProcessors()
                + " cpus, dl4j best of OMP_NUM_THREADS=1,2; kiln, torch and keras best of " + rounds
                + " interleaved runs each; gflops = kiln samples/s x " + STEP_FLOPS
                + " FLOPs/sample (6 x MACs, nominal)");
        System.out.flush();
        Python python = python();
        Path logs = Path.of("target");
        for (int b : batches) {
            Map<String, Run> runs = new LinkedHashMap<>();
            Map<String, List<Run>> all = new LinkedHashMap<>();
            List<String> java = javaCommand();
            // Round after round of one run per framework, so a stretch of time when another process
            // takes the CPUs hits the frameworks alike; each keeps its fastest run (the least disturbed).
            for (int r = 0; r < rounds; r++) {
                String suffix = rounds == 1 ? "" : "-r" + (r + 1);
                all.computeIfAbsent("kiln", k -> new ArrayList<>()).add(run(logs, "kiln" + suffix, b, Map.of(),
                        cat(java, List.of(MlpBench.class.getName(), "kiln", "--batch", "" + b, "--epochs", "" + epochs,
                                "--data", data))));
                for (String fw : List.of("torch", "keras")) {
                    all.computeIfAbsent(fw, k -> new ArrayList<>()).add(python.error != null
                            ? Run.unavailable(python.error)
                            : run(logs, fw + suffix, b, Map.of(), List.of(python.exe,
                                    python.scripts.resolve("mlp_" + fw + ".py").toString(),
                                    "--batch", "" + b, "--epochs", "" + epochs, "--data", data)));
                }
            }
            all.forEach((fw, list) -> runs.put(fw, list.stream().reduce(MlpReport::better).orElseThrow()));
            // OMP_NUM_THREADS=2 was measured 30-50x slower than 1 on 2 cores (probably libnd4j's OpenMP
            // threads and OpenBLAS's spinning against each other): it is stopped once it has taken 1.2x
            // the time OMP_NUM_THREADS=1 took for its whole run, when it can no longer be the better one.
            Run[] dl4j = new Run[2];
            for (int t = 1; t <= 2; t++) {
                double deadline = t == 2 && dl4j[0].ok() ? 1.2 * dl4j[0].totalSeconds + 5 : RUN_TIMEOUT_S;
                dl4j[t - 1] = run(logs, "dl4j-omp" + t, b, Map.of("OMP_NUM_THREADS", "" + t), cat(java, List.of(
                        MlpBench.class.getName(), "dl4j", "--batch", "" + b, "--epochs", "" + epochs, "--data", data,
                        "--deadline-s", String.format(Locale.ROOT, "%.0f", deadline))));
            }
            runs.put("dl4j", dl4j[0].ok() || dl4j[1].ok() ? better(dl4j[0], dl4j[1])
                    : Run.unavailable("OMP_NUM_THREADS=1: " + dl4j[0].reason + "; OMP_NUM_THREADS=2: " + dl4j[1].reason));
            for (String line : lines(b, runs, dl4j)) {
                System.out.println(line);
            }
            if (rounds > 1) {
                StringBuilder each = new StringBuilder("# mlp batch=" + b + " every round samples/s");
                all.forEach((fw, list) -> each.append(' ').append(fw).append('=').append(String.join(",",
                        list.stream().map(Run::summary).toList())));
                System.out.println(each);
            }
            System.out.flush();
        }
    }

    /** The report line of one batch size, then its context lines. */
    static List<String> lines(int batch, Map<String, Run> runs, Run[] dl4jByThreads) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder("mlp batch=" + batch);
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(e.getValue().ok()
                    ? String.format(Locale.ROOT, "%.0f", e.getValue().samplesPerSecond) : "unavailable");
        }
        Run kiln = runs.get("kiln");
        Run torch = runs.get("torch");
        sb.append(" samples/s ratio_torch=").append(kiln.ok() && torch.ok()
                ? String.format(Locale.ROOT, "%.2f", kiln.samplesPerSecond / torch.samplesPerSecond) : "unavailable");
        sb.append(" gflops=").append(kiln.ok() ? String.format(Locale.ROOT, "%.1f", gflops(kiln.samplesPerSecond))
                : "unavailable");
        out.add(sb.toString());
        StringBuilder g = new StringBuilder("# mlp batch=" + batch + " GFLOP/s");
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            if (e.getValue().ok()) {
                g.append(String.format(Locale.ROOT, " %s=%.1f", e.getKey(), gflops(e.getValue().samplesPerSecond)));
            }
        }
        g.append("; final loss");
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            if (e.getValue().ok()) {
                g.append(' ').append(e.getKey()).append('=').append(e.getValue().loss);
            }
        }
        out.add(g.toString());
        StringBuilder ep = new StringBuilder("# mlp batch=" + batch + " epoch seconds");
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            if (e.getValue().ok()) {
                ep.append(' ').append(e.getKey()).append('=').append(e.getValue().epochSeconds);
            }
        }
        out.add(ep.toString());
        // The last epoch alone: how far epochs 2..n were still warming up (Kiln's JIT on 2 cores).
        StringBuilder last = new StringBuilder("# mlp batch=" + batch + " last epoch samples/s");
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            if (e.getValue().ok()) {
                String[] each = e.getValue().epochSeconds.split(",");
                last.append(String.format(Locale.ROOT, " %s=%.0f", e.getKey(),
                        SAMPLES / Double.parseDouble(each[each.length - 1])));
            }
        }
        out.add(last.toString());
        List<String> uneven = new ArrayList<>();
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            if (e.getValue().ok()) {
                double[] t = Arrays.stream(e.getValue().epochSeconds.split(",")).skip(1)
                        .mapToDouble(Double::parseDouble).sorted().toArray();
                double median = t[(t.length - 1) / 2]; // the lower median: with 2 timed epochs, the faster
                if (t[t.length - 1] > UNEVEN * median) {
                    uneven.add(String.format(Locale.ROOT, "%s %.2f s vs median %.2f s",
                            e.getKey(), t[t.length - 1], median));
                }
            }
        }
        if (!uneven.isEmpty()) {
            out.add("# mlp batch=" + batch + " uneven: the slowest timed epoch took more than " + UNEVEN
                    + "x the median (still warming up, or another process took the CPUs: rerun): "
                    + String.join(", ", uneven));
        }
        out.add(String.format(Locale.ROOT, "# mlp batch=%d dl4j OMP_NUM_THREADS=1 %s, OMP_NUM_THREADS=2 %s samples/s",
                batch, dl4jByThreads[0].summary(), dl4jByThreads[1].summary()));
        for (int t = 0; t < 2; t++) {
            if (!dl4jByThreads[t].ok() && runs.get("dl4j").ok()) {
                out.add("# mlp batch=" + batch + " dl4j OMP_NUM_THREADS=" + (t + 1) + ": " + dl4jByThreads[t].reason);
            }
        }
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            if (!e.getValue().ok()) {
                out.add("# mlp batch=" + batch + " " + e.getKey() + " unavailable: " + e.getValue().reason);
            }
        }
        return out;
    }

    static double gflops(double samplesPerSecond) {
        return samplesPerSecond * STEP_FLOPS / 1e9;
    }

    /** The outcome of one framework run: samples/s and final loss, or why there is none. */
    record Run(double samplesPerSecond, String loss, String epochSeconds, double totalSeconds, String reason) {
        static Run unavailable(String reason) {
            return new Run(Double.NaN, null, null, Double.NaN, reason);
        }

        boolean ok() {
            return reason == null;
        }

        String summary() {
            return ok() ? String.format(Locale.ROOT, "%.0f", samplesPerSecond) : "unavailable";
        }
    }

    private static Run better(Run a, Run b) {
        if (!a.ok()) {
            return b.ok() ? b : Run.unavailable(a.reason.equals(b.reason) ? a.reason : a.reason + "; " + b.reason);
        }
        return b.ok() && b.samplesPerSecond > a.samplesPerSecond ? b : a;
    }

    /** Runs one child process, its output to {@code target/<name>.log}, and returns that output (empty when it could not run). */
    static List<String> runText(Path logs, String name, List<String> command) {
        Path log = logs.resolve(name + ".log");
        try {
            Files.createDirectories(logs);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return List.of("timed out after " + RUN_TIMEOUT_S + " s (log " + log + ")");
            }
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("could not run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
        }
    }

    /** Runs one child process, its output to a log file, and reads its {@code result} line. */
    static Run run(Path logs, String name, int batch, Map<String, String> env, List<String> command) {
        Path log = logs.resolve("mlp-" + name + "-b" + batch + ".log");
        try {
            Files.createDirectories(logs);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return Run.unavailable("timed out after " + RUN_TIMEOUT_S + " s (log " + log + ")");
            }
            List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = out.size() - 1; i >= 0; i--) {
                String line = out.get(i);
                if (line.startsWith(RESULT)) {
                    Map<String, String> kv = MlpBench.options(line.substring(RESULT.length()).trim().split(" "));
                    String each = kv.getOrDefault("epoch_s", "");
                    double total = each.isEmpty() ? Double.NaN
                            : Arrays.stream(each.split(",")).mapToDouble(Double::parseDouble).sum();
                    return new Run(Double.parseDouble(kv.get("samples_per_s")), kv.get("loss"), each, total, null);
                }
            }
            String last = out.stream().filter(l -> !l.isBlank()).reduce((x, y) -> y).orElse("(no output)").trim();
            return Run.unavailable("exit " + p.exitValue() + ", " + clip(last) + " (log " + log + ")");
        } catch (IOException e) {
            return Run.unavailable("could not run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Run.unavailable("interrupted");
        }
    }

    /** The Python of bench/.venv (made by bench/venv.sh), or why there is none. */
    private record Python(String exe, Path scripts, String error) {}

    private static Python python() {
        Path dir = Path.of(System.getProperty("kiln.bench.dir", "bench")).toAbsolutePath();
        Path script = dir.resolve("venv.sh");
        Path log = Path.of("target", "bench-venv.log");
        try {
            Process p = new ProcessBuilder("bash", script.toString()).redirectError(log.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Python(null, dir, "bench/venv.sh timed out (log " + log + ")");
            }
            if (p.exitValue() != 0 || out.isEmpty()) {
                List<String> err = Files.readAllLines(log, StandardCharsets.UTF_8);
                String last = err.stream().filter(l -> !l.isBlank() && !l.startsWith("WARNING: Location"))
                        .reduce((x, y) -> y).orElse("exit " + p.exitValue()).trim();
                return new Python(null, dir, "no Python venv: bench/venv.sh failed: " + clip(last)
                        + " (log " + log + ")");
            }
            return new Python(out.lines().reduce((x, y) -> y).orElseThrow(), dir, null);
        } catch (IOException e) {
            return new Python(null, dir, "no Python venv: could not run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Python(null, dir, "interrupted");
        }
    }

    /**
     * This JVM's java, flags (--add-modules, -Dkiln.simd...) and class path, for the Java children,
     * with a fixed 3 GB heap as the JMH forks and ParallelGC as examples/run.sh runs Kiln. (With G1,
     * Kiln's batch-256 epochs here swung between 0.4 and 2.8 s with five GC pauses in all, against a
     * steady 0.4-0.5 s with ParallelGC; at batch 32 the two were within the run-to-run noise.)
     */
    static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xm")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-Xms3g", "-Xmx3g", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path")));
        return cmd;
    }

    /** The first folder of Kiln's search path holding the Fashion-MNIST training files, or "random". */
    static String dataDir() {
        for (Path dir : FashionMnist.searchPath()) {
            if (exists(dir, "train-images-idx3-ubyte") && exists(dir, "train-labels-idx1-ubyte")) {
                return dir.toString();
            }
        }
        return "random";
    }

    private static boolean exists(Path dir, String name) {
        return Files.isRegularFile(dir.resolve(name)) || Files.isRegularFile(dir.resolve(name + ".gz"));
    }


    static int[] parseBatches(String s) {
        return Arrays.stream(s.split(",")).mapToInt(t -> Integer.parseInt(t.trim())).toArray();
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static List<String> cat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
