package kiln.kernels.cpu;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A quick GFLOP/s table for {@link Gemm#sgemm} (not a test; JMH's GemmBench is the real benchmark):
 * GFLOP/s = 2 m n k / best time over several timed batches, after warm-up.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes kiln.kernels.cpu.GemmTiming [threads...]
 * </pre>
 */
public final class GemmTiming {
    private GemmTiming() {}

    public static void main(String[] args) {
        int[] threadCounts = args.length == 0 ? new int[] {1, 2} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        // {m, n, k, transA, transB}: squares, then an MLP 784-300 layer at batch 32 and 256:
        // forward x·W, weight gradient x^T·g, input gradient g·W^T.
        int[][] shapes = {
            {256, 256, 256, 0, 0}, {512, 512, 512, 0, 0}, {1024, 1024, 1024, 0, 0}, {2048, 2048, 2048, 0, 0},
            {1024, 1024, 1024, 1, 0}, {1024, 1024, 1024, 0, 1}, {1024, 1024, 1024, 1, 1},
            {32, 300, 784, 0, 0}, {784, 300, 32, 1, 0}, {32, 784, 300, 0, 1},
            {256, 300, 784, 0, 0}, {784, 300, 256, 1, 0}, {256, 784, 300, 0, 1},
        };
        System.out.println("path: " + Simd.describe());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-22s", "m x n x k (tA,tB)"));
        for (int t : threadCounts) {
            header.append(String.format(Locale.ROOT, "%12s", t + " thr GF/s"));
        }
        System.out.println(header);
        for (int[] s : shapes) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s",
                    s[0] + "x" + s[1] + "x" + s[2] + " (" + s[3] + "," + s[4] + ")"));
            for (int t : threadCounts) {
                Parallel.setThreads(t);
                line.append(String.format(Locale.ROOT, "%12.1f", gflops(s[0], s[1], s[2], s[3] == 1, s[4] == 1)));
            }
            System.out.println(line);
        }
    }

    static double gflops(int m, int n, int k, boolean ta, boolean tb) {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextDouble();
        }
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        double flops = 2.0 * m * n * k;
        int reps = (int) Math.max(1, 3e8 / flops); // ~0.3 GFLOP per batch
        double best = Double.MAX_VALUE;
        long deadline = System.nanoTime() + 1_500_000_000L;
        for (int batch = 0; batch < 8 || System.nanoTime() < deadline; batch++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                Gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
            }
            best = Math.min(best, (System.nanoTime() - t0) / (double) reps);
            if (batch > 200) {
                break;
            }
        }
        return flops / best;
    }
}
