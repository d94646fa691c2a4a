package kiln.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import kiln.tensor.Backends;
import kiln.tensor.DType;
import kiln.tensor.Device;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CUDA emulator itself ({@link EmulatedDriver}, {@code -Dkiln.cuda.emulate=true}, pom's cuda-emulator
 * execution): that it catches the kernel bugs it exists to catch, and that the generated translation units
 * register every listed kernel. The backend's own tests (CudaBackendTest, CudaGemmTest, CudaTransferTest and
 * the tensor, autograd and nn suites) run on it in that execution.
 */
class EmulatorTest {
    CudaBackend gpu;

    @BeforeEach
    void needsEmulator() {
        assumeTrue(EmulatedDriver.requested(), "runs in the cuda-emulator execution (-Dkiln.cuda.emulate=true)");
        assumeTrue(Device.cudaAvailable(), () -> "the CUDA emulator is not usable: " + Backends.unavailableReason(Device.Type.CUDA));
        gpu = (CudaBackend) Backends.get(Device.cuda(0));
    }

    @Test
    void presentsOneDeviceWithTensorCores() {
        assertEquals(9, gpu.cx.computeMajor);
        assertEquals(EmulatedDriver.MULTIPROCESSORS, gpu.cx.multiprocessors);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmulatedDriver.open(1));
        assertTrue(e.getMessage().contains("one device"), e.getMessage());
    }

    @Test
    void everyListedKernelIsRegistered() {
        for (CudaModule m : CudaModule.values()) {
            String unit = EmulatorBuild.unit(m);
            for (String f : m.functions) {
                assertTrue(unit.contains("KILN_EMU_EXPORT(" + f + ")"), unit);
            }
        }
        // a name no module lists never reaches the library
        assertThrows(IllegalArgumentException.class,
                () -> gpu.cx.launch(CudaModule.COPY, "no_such_kernel", 1, 1, 1, 32, new KernelArgs()));
    }

    @Test
    void aKernelWritingPastTheEndOfItsBufferFailsTheLaunch() {
        // 128 floats are exactly one 512-byte size class of the caching allocator: its block ends there too
        int n = (int) (CachingAllocator.SMALL_GRANULE / 4);
        Tensor x = Tensor.full(1f, n + 8).to(Device.cuda(0));
        Tensor out = Tensor.zeros(DType.FLOAT32, Shape.of(n), Device.cuda(0));
        // unary_dense told to write n + 8 elements into an n-element buffer: 32 bytes past its end
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gpu.launch1d(CudaModule.ELEMENTWISE,
                "unary_dense", n + 8, new KernelArgs().i32(n + 8).i32(UnaryOp.NEG.ordinal()).f32(0f).f32(0f)
                        .ptr(gpu.at(x)).ptr(gpu.at(out))));
        assertTrue(e.getMessage().contains("unary_dense") && e.getMessage().contains("past the end"), e.getMessage());
        // the emulator restored the guard bytes: the buffer and its neighbours are usable
        float[] minusOnes = new float[n];
        Arrays.fill(minusOnes, -1f);
        assertArrayEquals(minusOnes, out.toFloatArray());
    }

    @Test
    void argumentsThatDoNotMatchTheKernelsParametersAreRefused() {
        Tensor out = Tensor.zeros(DType.FLOAT32, Shape.of(8), Device.cuda(0));
        // unary_dense(int n, int op, float alpha, float beta, const float* x, float* out): the last pointer left out
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gpu.launch1d(CudaModule.ELEMENTWISE,
                "unary_dense", 8, new KernelArgs().i32(8).i32(UnaryOp.NEG.ordinal()).f32(0f).f32(0f).ptr(gpu.at(out))));
        assertTrue(e.getMessage().contains("takes 6 parameters of [4, 4, 4, 4, 8, 8] bytes, the launch packed 5"),
                e.getMessage());
    }
}
