package kiln.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import kiln.tensor.Backends;
import kiln.tensor.Device;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Without a GPU (CI, this machine) CUDA says why it is unavailable, and the CPU carries on without error. */
class CudaProviderTest {

    @Test
    void providerIsFoundByServiceLoader() {
        String why = Backends.unavailableReason(Device.Type.CUDA);
        assertFalse(why != null && why.startsWith("no CUDA backend on the class path"),
                "META-INF/services should list kiln.kernels.cuda.CudaBackendProvider, got: " + why);
    }

    @Test
    void reasonIsOneClearLineAndNeverThrows() {
        assumeFalse(Device.cudaAvailable(), "a usable GPU is present: nothing to explain");
        String why = assertDoesNotThrow(() -> new CudaBackendProvider().unavailableReason());
        assertNotNull(why);
        assertEquals(why, Backends.unavailableReason(Device.Type.CUDA));
        assertFalse(why.isBlank());
        assertFalse(why.contains("\n"), "one line: " + why);
        assertTrue(why.matches("(?i).*(cuda|nvidia|driver).*"), "the reason should name what is missing: " + why);
    }

    @Test
    void movingToTheGpuFailsWithTheReasonAndCpuCarriesOn() {
        assumeFalse(Device.cudaAvailable(), "a usable GPU is present");
        String why = Backends.unavailableReason(Device.Type.CUDA);
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.to(Device.cuda(0)));
        assertTrue(e.getMessage().contains("cuda:0") && e.getMessage().contains(why), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Device.setDefaultDevice(Device.cuda(0)));
        assertEquals(Device.CPU, Device.defaultDevice());
        assertEquals(12f, x.add(x).sum().item(), 0f); // the CPU backend is untouched
    }

    @Test
    void reasonsAreFlattenedToOneLine() {
        assertEquals("a b c", CudaBackendProvider.oneLine("a\n  b\r\nc\n"));
        assertEquals(null, CudaBackendProvider.oneLine(null));
    }
}
