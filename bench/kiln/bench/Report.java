package kiln.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import kiln.kernels.cpu.Simd;
import org.bytedeco.openblas.global.openblas_full;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the JMH benchmarks of this package (any JMH command-line options are passed through) and
 * prints one line per case with Kiln's throughput, its baseline's, and their ratio:
 *
 * <pre>
 * # kiln cpu: Vector API, 512-bit (16 float lanes); cpus=2
 * gemm m=1024 n=1024 k=1024 threads=2 kiln=123.4 openblas=130.2 GFLOP/s ratio=0.95
 * relu n=67108864 kiln=10.2 copy=11.0 GB/s ratio=0.93
 * smallop n=100 kiln=45.1ns plain=30.2ns ratio=1.49
 * </pre>
 *
 * GEMM and elementwise ratios are Kiln's throughput over the baseline's (above 1: Kiln faster);
 * the small-op ratio is Kiln's time over the plain loop's (below 2 meets design.md's goal). Lines
 * starting with {@code #} are context. The formulas are stated in each benchmark class. Each time is
 * the median of the measurement iterations; cases whose iterations spread widely are listed.
 *
 * <p>Then, unless a JMH regex was given, the demo MLP's training throughput beside PyTorch, Keras-JAX
 * and DL4J ({@link MlpBench}, whole epochs, not JMH):
 *
 * <pre>
 * mlp batch=32 kiln=61234 torch=47012 keras=38110 dl4j=9876 samples/s ratio_torch=1.30 gflops=97.8
 * </pre>
 *
 * Options of its own (the rest go to JMH): {@code --mlp-only} runs only the MLP comparison,
 * {@code --no-mlp} skips it, {@code --mlp-epochs=N} trains N epochs per run (default 6, epochs 2..N
 * timed), {@code --mlp-rounds=N} runs Kiln, PyTorch and Keras N times each, interleaved, and keeps each
 * one's fastest run (default 3). When a GPU is usable the gpu-* lines of {@link GpuBench} follow (a
 * {@code # gpu: skipped} line with the reason otherwise); {@code --gpu-only} prints only those.
 */
public final class Report {
    private static final List<String> SHAPE_ORDER =
            List.of("256", "512", "1024", "2048", "32x300x784", "256x300x784");
    private static final List<String> ELEMENTWISE = List.of("relu", "add", "sum");
    /** Spread of the iterations, relative to their median, above which a result is listed as noisy. */
    private static final double NOISY = 0.20;

    private Report() {}

    public static void main(String[] args) throws Exception {
        boolean mlpOnly = false;
        boolean gpuOnly = false;
        boolean noMlp = false;
        int mlpEpochs = MlpBench.EPOCHS;
        int mlpRounds = MlpBench.ROUNDS;
        List<String> jmhArgs = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--mlp-only")) {
                mlpOnly = true;
            } else if (a.equals("--gpu-only")) {
                gpuOnly = true;
            } else if (a.equals("--no-mlp")) {
                noMlp = true;
            } else if (a.startsWith("--mlp-epochs=")) {
                mlpEpochs = Integer.parseInt(a.substring("--mlp-epochs=".length()));
            } else if (a.startsWith("--mlp-rounds=")) {
                mlpRounds = Integer.parseInt(a.substring("--mlp-rounds=".length()));
            } else {
                jmhArgs.add(a);
            }
        }
        if (gpuOnly) {
            GpuBench.report(mlpEpochs);
            return;
        }
        if (mlpOnly) {
            System.out.println("# kiln cpu: " + Simd.describe() + "; cpus=" + Runtime.getRuntime().availableProcessors());
            MlpReport.report(mlpEpochs, MlpReport.parseBatches("32,256"), mlpRounds);
            GpuBench.report(mlpEpochs);
            return;
        }
        args = jmhArgs.toArray(String[]::new);
        CommandLineOptions opts = new CommandLineOptions(args);
        if (opts.shouldHelp() || opts.shouldList() || opts.shouldListWithParams()
                || opts.shouldListProfilers() || opts.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        System.out.println("# kiln cpu: " + Simd.describe() + "; cpus=" + Runtime.getRuntime().availableProcessors());
        System.out.println("# openblas: " + openblasInfo());
        System.out.flush();
        Collection<RunResult> results = new Runner(opts).run();
        for (String line : lines(results)) {
            System.out.println(line);
        }
        if (results.isEmpty()) {
            System.err.println("report: no benchmark produced a result (see the JMH log)");
            System.exit(1);
        }
        System.out.flush();
        if (noMlp) {
            return;
        }
        if (!opts.getIncludes().isEmpty()) {
            System.out.println("# mlp: skipped because a JMH regex was given (bench/report.sh --mlp-only runs it)");
            return;
        }
        MlpReport.report(mlpEpochs, MlpReport.parseBatches("32,256"), mlpRounds);
        GpuBench.report(mlpEpochs);
    }

    /** The report lines for the results at hand, in a fixed order. */
    static List<String> lines(Collection<RunResult> results) {
        // key: benchmark method name + params → seconds per op
        Map<String, Map<String, Double>> gemm = new TreeMap<>(Comparator.comparing(Report::gemmOrder));
        Map<Integer, Map<String, Map<String, Double>>> elem = new TreeMap<>(Comparator.reverseOrder());
        Map<String, Double> small = new TreeMap<>();
        int elemN = 0;
        int smallN = 0;
        List<String> noisy = new ArrayList<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String cls = bench.substring(0, bench.lastIndexOf('.'));
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            // The median of the measurement iterations: one iteration disturbed by another process
            // (a 2-core machine is easily shared) moves the mean, not the median.
            Statistics st = r.getPrimaryResult().getStatistics();
            String unit = r.getPrimaryResult().getScoreUnit();
            double sec = seconds(st.getPercentile(50), unit);
            double spread = (st.getMax() - st.getMin()) / st.getPercentile(50);
            if (spread > NOISY) {
                StringBuilder sb = new StringBuilder(cls.substring(cls.lastIndexOf('.') + 1) + "." + method);
                for (String key : r.getParams().getParamsKeys()) {
                    sb.append(' ').append(key).append('=').append(r.getParams().getParam(key));
                }
                noisy.add(sb.append(String.format(Locale.ROOT, " %.0f%%", 100 * spread)).toString());
            }
            if (cls.endsWith(".GemmBench")) {
                String key = r.getParams().getParam("shape") + "/" + r.getParams().getParam("threads");
                gemm.computeIfAbsent(key, x -> new TreeMap<>()).put(method, sec);
            } else if (cls.endsWith(".ElementwiseBench")) {
                elemN = Integer.parseInt(r.getParams().getParam("n"));
                int threads = Integer.parseInt(r.getParams().getParam("threads"));
                elem.computeIfAbsent(threads, x -> new TreeMap<>())
                        .computeIfAbsent(method, x -> new TreeMap<>()).put("sec", sec);
            } else if (cls.endsWith(".SmallOpBench")) {
                smallN = Integer.parseInt(r.getParams().getParam("n"));
                small.put(method, sec);
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Double>> e : gemm.entrySet()) {
            String[] st = e.getKey().split("/");
            int[] mnk = GemmBench.parseShape(st[0]);
            double flop = 2.0 * mnk[0] * mnk[1] * mnk[2];
            Double kiln = e.getValue().get("kiln");
            Double blas = e.getValue().get("openblas");
            String head = String.format(Locale.ROOT, "gemm m=%d n=%d k=%d threads=%s", mnk[0], mnk[1], mnk[2], st[1]);
            if (kiln == null || blas == null) {
                out.add("# " + head + " incomplete: kiln=" + gflops(flop, kiln) + " openblas=" + gflops(flop, blas));
                continue;
            }
            out.add(String.format(Locale.ROOT, "%s kiln=%.1f openblas=%.1f GFLOP/s ratio=%.2f",
                    head, flop / kiln / 1e9, flop / blas / 1e9, blas / kiln));
        }
        boolean first = true;
        for (Map.Entry<Integer, Map<String, Map<String, Double>>> e : elem.entrySet()) {
            int threads = e.getKey();
            Map<String, Map<String, Double>> byOp = e.getValue();
            Double copy = byOp.containsKey("copy") ? byOp.get("copy").get("sec") : null;
            if (first) {
                out.add("# elementwise: Kiln at threads=" + threads + ", copy baseline (System.arraycopy) on the same threads");
            }
            for (String op : ELEMENTWISE) {
                Double kiln = byOp.containsKey(op) ? byOp.get(op).get("sec") : null;
                if (kiln == null) {
                    continue;
                }
                double bytes = (double) bytesPerElement(op) * elemN;
                String line;
                if (copy == null) {
                    line = String.format(Locale.ROOT, "%s n=%d kiln=%.1f copy=n/a GB/s", op, elemN, bytes / kiln / 1e9);
                } else {
                    double kgb = bytes / kiln / 1e9;
                    double cgb = 8.0 * elemN / copy / 1e9;
                    line = String.format(Locale.ROOT, "%s n=%d kiln=%.1f copy=%.1f GB/s ratio=%.2f",
                            op, elemN, kgb, cgb, kgb / cgb);
                }
                if (!first || copy == null) {
                    line = "# " + line.replace(" kiln=", " threads=" + threads + " kiln=");
                }
                out.add(line);
            }
            first = false;
        }
        if (!small.isEmpty()) {
            pairSmall(out, small, "kilnAdd", "plainAdd", "", smallN);
            pairSmall(out, small, "kilnAddInto", "plainAddInto", "# smallop into-out", smallN);
        }
        if (!noisy.isEmpty()) {
            out.add("# noisy (slowest and fastest iteration differ by more than " + Math.round(100 * NOISY)
                    + "% of the median): "
                    + String.join(", ", noisy));
        }
        return out;
    }

    private static void pairSmall(List<String> out, Map<String, Double> small, String k, String p,
            String prefix, int n) {
        Double kiln = small.get(k);
        Double plain = small.get(p);
        if (kiln == null || plain == null) {
            return;
        }
        String head = prefix.isEmpty() ? "smallop" : prefix;
        out.add(String.format(Locale.ROOT, "%s n=%d kiln=%.1fns plain=%.1fns ratio=%.2f",
                head, n, kiln * 1e9, plain * 1e9, kiln / plain));
    }

    private static String gflops(double flop, Double sec) {
        return sec == null ? "n/a" : String.format(Locale.ROOT, "%.1f", flop / sec / 1e9);
    }

    static int bytesPerElement(String op) {
        return switch (op) {
            case "relu", "copy" -> 8;
            case "add" -> 12;
            case "sum" -> 4;
            default -> throw new IllegalArgumentException("unknown elementwise op " + op);
        };
    }

    /** Sort key for "shape/threads": the declared shape order, then thread count. */
    private static String gemmOrder(String key) {
        String[] st = key.split("/");
        int i = SHAPE_ORDER.indexOf(st[0]);
        return String.format(Locale.ROOT, "%03d %s %04d", i < 0 ? 999 : i, st[0], Integer.parseInt(st[1]));
    }

    /** Seconds from a JMH average-time score such as 12.3 "us/op". */
    static double seconds(double score, String unit) {
        String u = unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : unit;
        return switch (u) {
            case "s" -> score;
            case "ms" -> score * 1e-3;
            case "us" -> score * 1e-6;
            case "ns" -> score * 1e-9;
            case "min" -> score * 60;
            default -> throw new IllegalArgumentException("report: unexpected JMH score unit '" + unit
                    + "' (the benchmarks run in average-time mode)");
        };
    }

    private static String openblasInfo() {
        try {
            return openblas_full.openblas_get_config().getString().trim()
                    + "; core=" + openblas_full.openblas_get_corename().getString().trim()
                    + "; OPENBLAS_CORETYPE=" + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(default)");
        } catch (Throwable t) {
            return "not loaded (" + t + ")";
        }
    }
}
