package kiln.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The argument block handed to cuLaunchKernel: alignment, and struct Plan's byte layout. */
class KernelArgsTest {

    @Test
    void scalarsArePlacedAtTheirAlignment() {
        KernelArgs a = new KernelArgs().i32(7).ptr(0x1234_5678_9abcL).f32(1.5f).i64(-2);
        assertEquals(4, a.count());
        assertEquals(0, a.offset(0));
        assertEquals(8, a.offset(1)); // pointer aligned to 8
        assertEquals(16, a.offset(2));
        assertEquals(24, a.offset(3));
        ByteBuffer b = ByteBuffer.wrap(a.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(7, b.getInt(0));
        assertEquals(0x1234_5678_9abcL, b.getLong(8));
        assertEquals(1.5f, b.getFloat(16));
        assertEquals(-2L, b.getLong(24));
        assertEquals(32, a.length());
    }

    @Test
    void planLayoutMatchesTheStruct() {
        assertEquals(184, KernelArgs.PLAN_BYTES); // sizeof(Plan) in kiln_common.cuh
        Tensor x = Tensor.zeros(3, 4).narrow(1, 1, 2);
        Tensor bias = Tensor.zeros(2).broadcastTo(Shape.of(3, 2));
        StridedPlan p = StridedPlan.of(x, bias);
        KernelArgs a = new KernelArgs().i32(1).plan(p);
        assertEquals(4, a.offset(1));
        ByteBuffer b = ByteBuffer.wrap(a.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        int o = a.offset(1);
        assertEquals(2, b.getInt(o));          // rank
        assertEquals(6, b.getInt(o + 4));      // size
        assertEquals(3, b.getInt(o + 8));      // dims[0]
        assertEquals(2, b.getInt(o + 12));     // dims[1]
        assertEquals(1, b.getInt(o + 16));     // dims[2] unused
        int strides = o + 8 + 32;
        assertEquals(4, b.getInt(strides));            // strides[0][0]
        assertEquals(1, b.getInt(strides + 4));        // strides[0][1]
        assertEquals(0, b.getInt(strides + 32));       // strides[1][0]: broadcast
        assertEquals(1, b.getInt(strides + 36));       // strides[1][1]
        int base = strides + 128;
        assertEquals(1, b.getInt(base));               // x starts at element 1
        assertEquals(0, b.getInt(base + 4));
        assertEquals(o + 184, a.length());
    }

    @Test
    void tensorListLayoutMatchesTheStruct() {
        assertEquals(712, KernelArgs.LIST_BYTES); // sizeof(TensorList): count, n[16], 4 bytes padding, ptr[5][16]
        KernelArgs a = new KernelArgs().tensorList(new int[] {7, 9}, new long[][] {{100, 200}, {300, 400}, {0, 0}})
                .f32(0.5f);
        ByteBuffer b = ByteBuffer.wrap(a.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, a.offset(0));
        assertEquals(2, b.getInt(0));                   // count
        assertEquals(7, b.getInt(4));                   // n[0]
        assertEquals(9, b.getInt(8));                   // n[1]
        assertEquals(0, b.getInt(12));                  // n[2] unused
        assertEquals(100, b.getLong(72));               // ptr[0][0]
        assertEquals(200, b.getLong(80));               // ptr[0][1]
        assertEquals(300, b.getLong(72 + 128));         // ptr[1][0]
        assertEquals(0, b.getLong(72 + 4 * 128 + 8));   // ptr[4][1]: an operand not given
        assertEquals(712, a.offset(1));                 // the float after the struct
        assertThrows(IllegalArgumentException.class, () -> new KernelArgs().tensorList(new int[17], new long[1][17]));
    }

    @Test
    void overflowIsAnError() {
        KernelArgs a = new KernelArgs();
        for (int i = 0; i < KernelArgs.MAX_ARGS; i++) {
            a.i32(i);
        }
        assertThrows(IllegalStateException.class, () -> a.i32(0));
    }
}
