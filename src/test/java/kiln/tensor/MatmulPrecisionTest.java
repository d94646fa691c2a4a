package kiln.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatmulPrecisionTest {

    @Test
    void parsesPyTorchsNames() {
        assertEquals(MatmulPrecision.HIGHEST, MatmulPrecision.parse("highest"));
        assertEquals(MatmulPrecision.HIGH, MatmulPrecision.parse(" High "));
        assertEquals(MatmulPrecision.MEDIUM, MatmulPrecision.parse("MEDIUM"));
        assertEquals("medium", MatmulPrecision.MEDIUM.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatmulPrecision.parse("low"));
        assertTrue(e.getMessage().contains("'highest', 'high' or 'medium', got 'low'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MatmulPrecision.setFloat32(null));
    }

    @Test
    void theCpuAlwaysComputesInFloat32() {
        // on the CPU whatever the run's default device (a GPU honours the setting)
        Tensor a = Tensor.randn(17, 33).to(Device.CPU);
        Tensor b = Tensor.randn(33, 9).to(Device.CPU);
        MatmulPrecision before = MatmulPrecision.float32();
        try {
            MatmulPrecision.setFloat32(MatmulPrecision.HIGHEST);
            float[] exact = a.matmul(b).toFloatArray();
            MatmulPrecision.setFloat32(MatmulPrecision.MEDIUM);
            assertEquals(MatmulPrecision.MEDIUM, MatmulPrecision.float32());
            assertArrayEquals(exact, a.matmul(b).toFloatArray());
        } finally {
            MatmulPrecision.setFloat32(before);
        }
    }
}
