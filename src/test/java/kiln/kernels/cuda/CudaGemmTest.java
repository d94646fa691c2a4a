package kiln.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.tensor.Backends;
import kiln.tensor.DType;
import kiln.tensor.Device;
import kiln.tensor.MatmulPrecision;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The GEMM engines beyond the float32 cases of {@link CudaBackendTest}: the 128×128 kernel on products big
 * enough to select it, the tensor-core precisions against their rounding bound, and per-shape auto-selection.
 * Needs a GPU: skips with the reason elsewhere.
 *
 * <p>The tensor-core bound: with inputs rounded to a format of unit roundoff u and float32 accumulation, each
 * product term a·b carries a relative error of at most 2u + u², and the k-term float32 sum adds at most
 * k·2⁻²⁴ relative to Σ|a·b|; so |c − exact| ≤ (2u + u² + k·2⁻²⁴)·Σ|a||b|, checked element by element
 * against a double-precision reference (u = 2⁻¹¹ for TF32, 2⁻⁸ for BF16).
 */
class CudaGemmTest {
    static final Device GPU = Device.cuda(0);
    CudaBackend gpu;
    final SplittableRandom rnd = new SplittableRandom(7);
    MatmulPrecision before;

    @BeforeEach
    void needsGpu() {
        assumeTrue(Device.cudaAvailable(), () -> "no usable GPU: " + Backends.unavailableReason(Device.Type.CUDA));
        gpu = (CudaBackend) Backends.get(GPU);
        before = MatmulPrecision.float32();
    }

    @AfterEach
    void restorePrecision() {
        if (before != null) {
            MatmulPrecision.setFloat32(before);
        }
    }

    float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextDouble() * 4 - 2);
        }
        return v;
    }

    /** a (m, k) and b (k, n) on the GPU, row-major or as transposed views of column-major storage. */
    Tensor[] operands(int m, int n, int k, int variant, float[] av, float[] bv) {
        Tensor a = Tensor.of(av, m, k);
        Tensor b = Tensor.of(bv, k, n);
        Tensor ga = (variant & 1) == 0 ? a.to(GPU) : a.t().contiguous().to(GPU).t();
        Tensor gb = (variant & 2) == 0 ? b.to(GPU) : b.t().contiguous().to(GPU).t();
        return new Tensor[] {ga, gb};
    }

    /** Checks c = a·b element by element: |c − exact| ≤ rel·Σ|a||b| + tiny. */
    static void withinBound(String what, float[] a, float[] b, float[] c, int m, int n, int k, double rel) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double mag = 0;
                for (int l = 0; l < k; l++) {
                    exact += (double) a[i * k + l] * b[l * n + j];
                    mag += Math.abs((double) a[i * k + l] * b[l * n + j]);
                }
                double err = Math.abs(c[i * n + j] - exact);
                if (!(err <= rel * mag + 1e-30)) {
                    fail(what + ": C[" + i + "," + j + "] = " + c[i * n + j] + ", exact " + exact + ", error " + err
                            + " > bound " + rel * mag);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CudaGemm.Engine.class)
    void largeProductsUseTheBigTileKernelAndStayFloat32Accurate(CudaGemm.Engine engine) {
        CudaGemm gemm = new CudaGemm(gpu, engine);
        // 132 SMs on an H100 need >= 132 tiles of 128x128: 1536x1540 gives 12x13 = 156, with ragged edges
        int[][] mnk = {{1536, 1540, 67}, {2048, 2048, 128}};
        for (int[] s : mnk) {
            for (int variant = 0; variant < 4; variant++) {
                float[] av = random(s[0] * s[2]);
                float[] bv = random(s[2] * s[1]);
                Tensor[] g = operands(s[0], s[1], s[2], variant, av, bv);
                Tensor out = Tensor.zeros(DType.FLOAT32, Shape.of(s[0], s[1]), GPU);
                gemm.matmul(g[0], g[1], 1f, 0f, out);
                withinBound(engine + " fp32 " + Arrays.toString(s) + " variant " + variant, av, bv, out.toFloatArray(),
                        s[0], s[1], s[2], 2 * Math.scalb(1.0, -24) * (s[2] + 2));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = MatmulPrecision.class, names = {"HIGH", "MEDIUM"})
    void tensorCorePrecisionsStayWithinTheirRoundingBound(MatmulPrecision precision) {
        assumeTrue(gpu.cx.computeMajor >= 8, () -> "Kiln's tensor-core kernels need sm_80 or newer; this GPU is " + gpu.cx.arch);
        double u = Math.scalb(1.0, precision == MatmulPrecision.HIGH ? -11 : -8);
        MatmulPrecision.setFloat32(precision);
        int[][] mnk = {{1, 1, 1}, {5, 7, 3}, {130, 129, 67}, {32, 300, 784}, {256, 256, 256}};
        for (CudaGemm.Engine engine : CudaGemm.Engine.values()) {
            CudaGemm gemm = new CudaGemm(gpu, engine);
            for (int[] s : mnk) {
                for (int variant = 0; variant < 4; variant++) {
                    float[] av = random(s[0] * s[2]);
                    float[] bv = random(s[2] * s[1]);
                    Tensor[] g = operands(s[0], s[1], s[2], variant, av, bv);
                    Tensor out = Tensor.zeros(DType.FLOAT32, Shape.of(s[0], s[1]), GPU);
                    gemm.matmul(g[0], g[1], 1f, 0f, out);
                    withinBound(engine + " " + precision + " " + Arrays.toString(s) + " variant " + variant, av, bv,
                            out.toFloatArray(), s[0], s[1], s[2], 2 * u + u * u + s[2] * Math.scalb(1.0, -24));
                }
            }
        }
        // Kiln's kernel really rounds its inputs: 1 + 2^-12 is exact in float32, 1 in TF32 and BF16.
        Tensor a = Tensor.full(1f + Math.scalb(1f, -12), 1, 1).to(GPU);
        Tensor b = Tensor.full(1f, 1, 1).to(GPU);
        Tensor out = Tensor.zeros(DType.FLOAT32, Shape.of(1, 1), GPU);
        new CudaGemm(gpu, CudaGemm.Engine.KILN).matmul(a, b, 1f, 0f, out);
        assertEquals(1f, out.item(), precision + ": the input was not rounded");
    }

    @Test
    void autoSelectionTimesEachShapeOnceAndComputesTheSameProduct() {
        CudaGemm gemm = new CudaGemm(gpu, null);
        float[] av = random(64 * 96);
        float[] bv = random(96 * 80);
        Tensor[] g = operands(64, 80, 96, 0, av, bv);
        Tensor out = Tensor.zeros(DType.FLOAT32, Shape.of(64, 80), GPU);
        gemm.matmul(g[0], g[1], 1f, 0f, out);
        gemm.matmul(g[0], g[1], 1f, 0f, out);
        Map<CudaGemm.ShapeKey, CudaGemm.Engine> choices = gemm.choices();
        assertEquals(1, choices.size(), "one shape, one decision: " + choices);
        assertTrue(choices.containsKey(new CudaGemm.ShapeKey(64, 80, 96, 1, false, false, MatmulPrecision.HIGHEST)),
                choices.toString());
        withinBound("auto", av, bv, out.toFloatArray(), 64, 80, 96, 2 * Math.scalb(1.0, -24) * 98);
        // an output cuBLAS cannot write (a transposed view) is Kiln's without timing
        Tensor outT = Tensor.zeros(DType.FLOAT32, Shape.of(80, 64), GPU).t();
        gemm.matmul(g[0], g[1], 1f, 0f, outT);
        assertEquals(1, gemm.choices().size());
        withinBound("auto, transposed out", av, bv, outT.contiguous().toFloatArray(), 64, 80, 96,
                2 * Math.scalb(1.0, -24) * 98);
    }
}
