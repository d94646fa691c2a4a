package kiln.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.tensor.Backends;
import kiln.tensor.DType;
import kiln.tensor.Device;
import kiln.tensor.MatmulPrecision;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * The GPU lines of the benchmark report, each Kiln figure beside its baseline from the same run:
 *
 * <pre>
 * gpu-gemm n=4096 dtype=fp32 kiln=.. cublas=.. TFLOP/s ratio=..        (n = 1024, 4096, 8192)
 * gpu-gemm n=4096 dtype=tf32 kiln=.. cublas=.. TFLOP/s ratio=..        (tf32, bf16: tensor cores, float32 in/out)
 * gpu-relu n=268435456 kiln=.. copy=.. GB/s ratio=..                    (copy: device-to-device memcpy)
 * gpu-mlp batch=32 kiln=.. torch=.. samples/s ratio=..                  (also batch 1024; torch: eager, CUDA)
 * </pre>
 *
 * The GEMM engine is chosen once per JVM ({@code -Dkiln.cuda.gemm=kiln|cublas}), so each engine runs in
 * its own child process ({@code GpuBench gemm --engine E}); so does each MLP run ({@link MlpBench} with
 * {@code --device cuda}, {@code bench/mlp_torch.py --device cuda} with the machine's {@code python3}).
 * Times are wall clock around {@code reps} launches ended by a device synchronisation, after warm-up
 * launches (kernel compilation, allocator); TFLOP/s = 2n³/t, GB/s = 8·n/t (read and write 4 bytes).
 *
 * <pre>
 * GpuBench report                      # every line (bench/report.sh runs it when nvidia-smi sees a GPU)
 * GpuBench gemm --engine kiln|cublas   # one engine: "result gemm n=.. tflops=.." lines
 * GpuBench relu                        # "result relu n=.. kiln=.. copy=.." (GB/s)
 * </pre>
 *
 * <p>Written and compiled without a GPU: none of it has run on one yet.
 */
public final class GpuBench {
    static final int[] GEMM_SIZES = {1024, 4096, 8192};
    static final int RELU_N = 268_435_456;
    static final int[] MLP_BATCHES = {32, 1024};
    private static final Device GPU = Device.cuda(0);

    private GpuBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: GpuBench report | gemm --engine kiln|cublas | relu");
        }
        Map<String, String> o = MlpBench.options(args);
        switch (args[0]) {
            case "report" -> report(Integer.parseInt(o.getOrDefault("epochs", "" + MlpBench.EPOCHS)));
            case "gemm" -> gemm(o.getOrDefault("engine", "kiln"));
            case "relu" -> relu();
            default -> throw new IllegalArgumentException("GpuBench: unknown mode '" + args[0] + "'");
        }
    }

    // ------------------------------------------------------------------ children

    private static void requireGpu() {
        if (!Device.cudaAvailable()) {
            System.out.println("unavailable: " + Backends.unavailableReason(Device.Type.CUDA));
            System.exit(3);
        }
    }

    /** The dtypes of the gpu-gemm lines, in report order. */
    static final List<String> GEMM_DTYPES = List.of("fp32", "tf32", "bf16");

    /** The float32 matmul precision a gpu-gemm dtype stands for. */
    static MatmulPrecision precision(String dtype) {
        return switch (dtype) {
            case "fp32" -> MatmulPrecision.HIGHEST;
            case "tf32" -> MatmulPrecision.HIGH;
            case "bf16" -> MatmulPrecision.MEDIUM;
            default -> throw new IllegalArgumentException("gpu-gemm dtype must be fp32, tf32 or bf16, got " + dtype);
        };
    }

    /**
     * Kiln's GEMM or cuBLAS's, as -Dkiln.cuda.gemm selects, on square float32 matrices at each precision
     * (tf32/bf16: inputs rounded to that format on tensor cores, float32 accumulation; cuBLAS with the
     * FAST_TF32 / FAST_16BF compute types).
     */
    static void gemm(String engine) {
        System.setProperty("kiln.cuda.gemm", engine); // before the CUDA backend is created
        requireGpu();
        for (String dtype : GEMM_DTYPES) {
            MatmulPrecision.setFloat32(precision(dtype));
            for (int n : GEMM_SIZES) {
                Tensor a = Tensor.randn(n, n).to(GPU);
                Tensor b = Tensor.randn(n, n).to(GPU);
                Tensor c = Tensor.zeros(DType.FLOAT32, Shape.of(n, n), GPU);
                double seconds = timeLaunches(() -> Tensor.matmul(a, b, 1f, 0f, c), n >= 8192 ? 5 : 20, c);
                System.out.printf(Locale.ROOT, "result gemm-%s n=%d tflops=%.2f%n", dtype, n,
                        2.0 * n * n * n / seconds / 1e12);
            }
        }
    }

    /** ReLU of 2^28 floats into another tensor, against a device-to-device copy of the same bytes. */
    static void relu() {
        requireGpu();
        Tensor x = Tensor.randn(RELU_N).to(GPU);
        Tensor y = Tensor.zeros(DType.FLOAT32, Shape.of(RELU_N), GPU);
        double kiln = timeLaunches(() -> x.unary(UnaryOp.RELU, 0f, 0f, y), 20, y);
        double copy = timeLaunches(() -> y.copyFrom(x), 20, y); // contiguous: cuMemcpyDtoDAsync
        System.out.printf(Locale.ROOT, "result relu n=%d kiln=%.1f copy=%.1f%n", RELU_N,
                8.0 * RELU_N / kiln / 1e9, 8.0 * RELU_N / copy / 1e9);
    }

    /** Seconds per launch: 3 warm-up launches, then {@code reps} timed, each group ended by reading one element. */
    private static double timeLaunches(Runnable launch, int reps, Tensor out) {
        for (int i = 0; i < 3; i++) {
            launch.run();
        }
        sync(out);
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            launch.run();
        }
        sync(out);
        return (System.nanoTime() - t0) / 1e9 / reps;
    }

    /** Waits for the stream: a device-to-host read of one element follows every launch before it. */
    private static void sync(Tensor t) {
        t.reshape(-1).narrow(0, 0, 1).toFloatArray();
    }

    // ------------------------------------------------------------------ the report

    static void report(int epochs) {
        Path logs = Path.of("target");
        if (!Device.cudaAvailable()) {
            System.out.println("# gpu: skipped: " + Backends.unavailableReason(Device.Type.CUDA));
            return;
        }
        List<String> java = MlpReport.javaCommand();
        Map<String, String> kiln = results(MlpReport.runText(logs, "gpu-gemm-kiln", cat(java, GpuBench.class.getName(),
                "gemm", "--engine", "kiln")));
        Map<String, String> cublas = results(MlpReport.runText(logs, "gpu-gemm-cublas", cat(java,
                GpuBench.class.getName(), "gemm", "--engine", "cublas")));
        for (String dtype : GEMM_DTYPES) {
            for (int n : GEMM_SIZES) {
                String k = kiln.get("gemm-" + dtype + " n=" + n);
                String c = cublas.get("gemm-" + dtype + " n=" + n);
                System.out.println(String.format(Locale.ROOT, "gpu-gemm n=%d dtype=%s kiln=%s cublas=%s TFLOP/s ratio=%s",
                        n, dtype, orUnavailable(k), orUnavailable(c), ratio(k, c)));
            }
        }
        for (var e : Map.of("kiln", kiln, "cublas", cublas).entrySet()) {
            if (e.getValue().containsKey("error")) {
                System.out.println("# gpu-gemm " + e.getKey() + " unavailable: " + e.getValue().get("error"));
            }
        }
        Map<String, String> relu = results(MlpReport.runText(logs, "gpu-relu", cat(java, GpuBench.class.getName(),
                "relu")));
        String line = relu.get("relu n=" + RELU_N);
        if (line == null) {
            System.out.println("gpu-relu n=" + RELU_N + " kiln=unavailable copy=unavailable GB/s ratio=unavailable");
            System.out.println("# gpu-relu unavailable: " + relu.getOrDefault("error", "no result"));
        } else {
            Map<String, String> kv = MlpBench.options(line.split(" "));
            System.out.println(String.format(Locale.ROOT, "gpu-relu n=%d kiln=%s copy=%s GB/s ratio=%s", RELU_N,
                    kv.get("kiln"), kv.get("copy"), ratio(kv.get("kiln"), kv.get("copy"))));
        }
        String data = MlpReport.dataDir();
        for (int b : MLP_BATCHES) {
            MlpReport.Run k = MlpReport.run(logs, "gpu-kiln", b, Map.of(), cat(java, MlpBench.class.getName(), "kiln",
                    "--batch", "" + b, "--epochs", "" + epochs, "--data", data, "--device", "cuda"));
            MlpReport.Run t = MlpReport.run(logs, "gpu-torch", b, Map.of(), List.of("python3",
                    Path.of(System.getProperty("kiln.bench.dir", "bench"), "mlp_torch.py").toString(),
                    "--batch", "" + b, "--epochs", "" + epochs, "--data", data, "--device", "cuda"));
            System.out.println(String.format(Locale.ROOT, "gpu-mlp batch=%d kiln=%s torch=%s samples/s ratio=%s", b,
                    k.summary(), t.summary(), k.ok() && t.ok()
                            ? String.format(Locale.ROOT, "%.2f", k.samplesPerSecond() / t.samplesPerSecond())
                            : "unavailable"));
            for (var e : Map.of("kiln", k, "torch", t).entrySet()) {
                if (!e.getValue().ok()) {
                    System.out.println("# gpu-mlp batch=" + b + " " + e.getKey() + " unavailable: " + e.getValue().reason());
                }
            }
        }
    }

    /** "result X n=N k=v..." lines of a child's output, keyed "X n=N"; "error" when there are none. */
    private static Map<String, String> results(List<String> output) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String l : output) {
            if (l.startsWith("result ")) {
                String[] w = l.substring(7).split(" ", 3);
                out.put(w[0] + " " + w[1], l.substring(7));
            }
        }
        if (out.isEmpty()) {
            out.put("error", output.isEmpty() ? "no output" : output.getLast());
        }
        return out;
    }

    /** The value after "tflops=" (or the whole value), or "unavailable". */
    private static String orUnavailable(String line) {
        return line == null ? "unavailable" : value(line);
    }

    private static String value(String lineOrNumber) {
        int i = lineOrNumber.lastIndexOf('=');
        return i < 0 ? lineOrNumber : lineOrNumber.substring(i + 1);
    }

    private static String ratio(String kiln, String base) {
        if (kiln == null || base == null) {
            return "unavailable";
        }
        return String.format(Locale.ROOT, "%.2f", Double.parseDouble(value(kiln)) / Double.parseDouble(value(base)));
    }

    private static List<String> cat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }
}
