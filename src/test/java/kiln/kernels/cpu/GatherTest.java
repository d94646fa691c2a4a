package kiln.kernels.cpu;

import static kiln.tensor.Approx.assertIae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The gather / scatter-add kernels directly, on every axis of a rank-3 tensor. */
class GatherTest {

    @Test
    void gatherEveryAxisMatchesIndexMath() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        int[] idx = {1, 0, 1};
        for (int axis = 0; axis < 3; axis++) {
            int[] od = x.dims();
            od[axis] = idx.length;
            Tensor out = Tensor.zeros(od);
            Gather.gather(x, Tensor.ofInts(idx, idx.length), axis, out);
            float[] expect = new float[out.size()];
            int k = 0;
            for (int i = 0; i < od[0]; i++) {
                for (int j = 0; j < od[1]; j++) {
                    for (int l = 0; l < od[2]; l++) {
                        int[] at = {i, j, l};
                        at[axis] = idx[at[axis]];
                        expect[k++] = x.get(at);
                    }
                }
            }
            assertArrayEquals(expect, out.toFloatArray(), "axis " + axis);
            // into a non-contiguous out
            Tensor outT = Tensor.zeros(od[2], od[1], od[0]).permute(2, 1, 0);
            Gather.gather(x.permute(0, 1, 2), Tensor.ofInts(idx, idx.length), axis, outT);
            assertArrayEquals(expect, outT.toFloatArray(), "axis " + axis + " strided out");
        }
    }

    @Test
    void scatterAddAccumulatesAndChecksRange() {
        Tensor src = Tensor.ones(2, 3, 2);
        Tensor out = Tensor.zeros(2, 2, 2);
        Gather.scatterAdd(src, Tensor.ofInts(new int[] {1, 1, 0}, 3), 1, out);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2}, out.toFloatArray());
        assertIae(() -> Gather.scatterAdd(src, Tensor.ofInts(new int[] {0, 5, 0}, 3), 1, Tensor.zeros(2, 2, 2)),
                "scatterAdd", "index 5", "position 1", "[0, 2)", "axis 1");
        assertIae(() -> Gather.gather(src, Tensor.ofInts(new int[] {-2}, 1), 2, Tensor.zeros(2, 3, 1)),
                "gather", "index -2", "[0, 2)", "axis 2");
    }
}
