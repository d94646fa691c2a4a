package kiln.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kiln.tensor.Backends;
import kiln.tensor.Device;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host↔device copies through the page-locked staging ring: uploads are only queued, so a buffer reused
 * before its copy ran would corrupt an earlier tensor. Needs a GPU: skips with the reason elsewhere.
 */
class CudaTransferTest {
    static final Device GPU = Device.cuda(0);

    @BeforeEach
    void needsGpu() {
        assumeTrue(Device.cudaAvailable(), () -> "no usable GPU: " + Backends.unavailableReason(Device.Type.CUDA));
    }

    @Test
    void backToBackUploadsEachKeepTheirData() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<float[]> sent = new ArrayList<>();
        List<Tensor> onGpu = new ArrayList<>();
        // more uploads than ring slots, growing sizes (slots re-pinned), with no read in between
        for (int i = 0; i < 4 * PinnedStaging.SLOTS; i++) {
            float[] v = random(rnd, 1 + 10_000 * i);
            sent.add(v);
            onGpu.add(Tensor.of(v, v.length).to(GPU));
        }
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), onGpu.get(i).toFloatArray(), "upload " + i);
        }
        int[] ints = rnd.ints(1000).toArray();
        assertArrayEquals(ints, Tensor.ofInts(ints, ints.length).to(GPU).toIntArray());
    }

    @Test
    void copiesTooLargeToStageGoFromPageableMemory() {
        int n = (int) (PinnedStaging.MAX_BYTES / 4) + 7;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.5f;
        }
        assertArrayEquals(v, Tensor.of(v, n).to(GPU).toFloatArray());
    }

    static float[] random(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextDouble();
        }
        return v;
    }
}
