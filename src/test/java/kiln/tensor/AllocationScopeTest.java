package kiln.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scopes release what was created in them; on the CPU the test JVM's poison mode makes that visible. */
class AllocationScopeTest {

    @BeforeEach
    void poisoned() {
        assumeTrue(Boolean.getBoolean("kiln.debug.poison"),
                "run with -Dkiln.debug.poison=true (pom.xml sets it for every surefire execution)");
    }

    /** Poisoned on the CPU; refused by a device backend (CUDA, or the tests' CountingDevice). */
    static boolean released(Tensor t) {
        try {
            return Float.isNaN(t.toFloatArray()[0]);
        } catch (IllegalStateException e) {
            return e.getMessage().contains("released");
        }
    }

    @Test
    void releasesWhatWasCreatedInsideExceptWhatEscaped() {
        Tensor before = Tensor.full(1f, 3);
        Tensor temp;
        Tensor kept;
        Tensor longLived;
        try (AllocationScope step = AllocationScope.open()) {
            temp = before.add(1f);
            kept = AllocationScope.escape(before.mul(3f));
            try (AllocationScope s = AllocationScope.suspend()) {
                longLived = Tensor.full(5f, 2);
            }
            Tensor view = temp.reshape(3, 1); // a view allocates nothing, it shares temp's storage
            assertEquals(2f, view.toFloatArray()[0]);
        }
        assertTrue(released(temp), "created in the scope");
        assertArrayEquals(new float[] {1f, 1f, 1f}, before.toFloatArray(), "created before the scope");
        assertArrayEquals(new float[] {3f, 3f, 3f}, kept.toFloatArray(), "escaped");
        assertArrayEquals(new float[] {5f, 5f}, longLived.toFloatArray(), "created while suspended");
        int[] ints = Tensor.ofInts(new int[] {4, 5}, 2).toIntArray();
        assertArrayEquals(new int[] {4, 5}, ints, "no scope open: nothing is tracked");
    }

    @Test
    void nestedScopesCloseInnermostFirst() {
        AllocationScope outer = AllocationScope.open();
        Tensor a = Tensor.full(1f, 2);
        AllocationScope inner = AllocationScope.open();
        Tensor b = Tensor.full(2f, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
        assertTrue(e.getMessage().contains("innermost"), e.getMessage());
        inner.close();
        assertTrue(released(b));
        assertEquals(1f, a.toFloatArray()[0]);
        outer.close();
        assertTrue(released(a));
        outer.close(); // closing twice is harmless
    }

    @Test
    void uninitializedResultsArePoisonedOnTheCpuSoNoOperationCanRelyOnZeros() {
        assumeTrue(Device.defaultDevice().isCpu(), "the poison is the CPU backend's");
        assertTrue(Float.isNaN(Tensor.uninitialized(DType.FLOAT32, Shape.of(3), Device.CPU).toFloatArray()[2]));
        assertEquals(Integer.MIN_VALUE, Tensor.uninitialized(DType.INT32, Shape.of(2), Device.CPU).toIntArray()[0]);
        // and an operation writes all of its result
        assertArrayEquals(new float[] {2f, 2f}, Tensor.full(1f, 2).add(1f).toFloatArray());
    }
}
