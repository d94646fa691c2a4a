package kiln.tensor;

import static kiln.tensor.Approx.assertIae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class DeviceTest {

    @Test
    void parse() {
        assertEquals(Device.CPU, Device.parse("cpu"));
        assertEquals(Device.CPU, Device.parse(" CPU "));
        assertEquals(Device.cuda(0), Device.parse("cuda"));
        assertEquals(Device.cuda(0), Device.parse("gpu"));
        assertEquals(Device.cuda(1), Device.parse("cuda:1"));
        assertEquals("cuda:1", Device.cuda(1).toString());
        assertEquals("cpu", Device.CPU.toString());
        assertIae(() -> Device.parse("tpu"), "Device", "'tpu'");
        assertIae(() -> Device.parse("cuda:x"), "Device", "'cuda:x'");
        assertIae(() -> Device.cuda(-1), "Device", "-1");
    }

    @Test
    void cpuIsTheDefaultAndAlwaysThere() {
        assumeTrue(Device.defaultDevice().isCpu(), "this run makes " + Device.defaultDevice() + " the default");
        assertEquals(Device.CPU, Device.defaultDevice());
        assertEquals(Device.CPU, Tensor.zeros(2).device());
        assertTrue(Backends.isAvailable(Device.CPU));
        assertSame(Backends.get(Device.CPU), Backends.get(Device.CPU), "one cached backend per device");
        assertSame(Device.CPU, Tensor.zeros(2).backend().device());
        Tensor t = Tensor.zeros(2);
        assertSame(t, t.to(Device.CPU), "to the same device is a no-op");
    }

    @Test
    void cudaAbsentWithoutError() {
        // This machine may have neither a GPU nor the CUDA backend: asking must not throw.
        boolean cuda = Device.cudaAvailable();
        Device before = Device.defaultDevice();
        if (!cuda) {
            assertNotNull(Backends.unavailableReason(Device.Type.CUDA));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.get(Device.cuda(0)));
            assertTrue(e.getMessage().contains("cuda:0"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> Device.setDefaultDevice(Device.cuda(0)));
            assertEquals(before, Device.defaultDevice(), "a failed switch leaves the default alone");
            assertFalse(Backends.isAvailable(Device.cuda(3)));
        }
    }
}
