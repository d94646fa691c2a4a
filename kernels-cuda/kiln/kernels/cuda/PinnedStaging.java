package kiln.kernels.cuda;

import static org.bytedeco.cuda.global.cudart.CU_EVENT_DISABLE_TIMING;
import static org.bytedeco.cuda.global.cudart.cuEventCreate;
import static org.bytedeco.cuda.global.cudart.cuEventRecord;
import static org.bytedeco.cuda.global.cudart.cuEventSynchronize;
import static org.bytedeco.cuda.global.cudart.cuMemFreeHost;
import static org.bytedeco.cuda.global.cudart.cuMemHostAlloc;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoHAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuStreamSynchronize;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Page-locked host buffers that host↔device copies pass through. From pageable memory the driver waits
 * for the stream before an upload starts (the CUDA documentation of cuMemcpyHtoDAsync: "for transfers from
 * pageable host memory to device memory, a stream sync is performed before the copy is initiated"), so each
 * training batch sent to the GPU would wait for the previous step to finish. From a page-locked buffer the
 * copy is only queued: the host goes on to queue the step's kernels while the GPU is still busy.
 *
 * <p>A ring of {@link #SLOTS} buffers, each grown to the largest copy it has carried; before a buffer is
 * refilled the host waits on the event recorded behind its last upload (normally long complete). Copies
 * larger than {@link #MAX_BYTES} (whole datasets moved once) are not worth pinning that much memory for and
 * go from pageable memory, as before.
 */
final class PinnedStaging {
    static final int SLOTS = 4;
    static final long MAX_BYTES = 64L << 20;

    private static final class Slot {
        Pointer host; // page-locked, null until first used
        long capacity;
        final CUevent_st uploaded = new CUevent_st();
        boolean inFlight;
    }

    private final CudaContext cx;
    private final Slot[] slots = new Slot[SLOTS];
    private int next;

    PinnedStaging(CudaContext cx) {
        this.cx = cx;
    }

    /** Whether a copy of this many bytes goes through a staging buffer. */
    static boolean stages(long bytes) {
        return bytes <= MAX_BYTES;
    }

    /** Queues the upload of {@code n} elements of {@code host} (float[] or int[]) to device address {@code dst}. */
    synchronized void upload(Object host, long dst, int n) {
        Slot s = take(4L * n);
        if (host instanceof float[] f) {
            new FloatPointer(s.host).put(f, 0, n);
        } else {
            new IntPointer(s.host).put((int[]) host, 0, n);
        }
        cx.makeCurrent();
        CudaContext.check(cuMemcpyHtoDAsync(dst, s.host, 4L * n, cx.stream), "cuMemcpyHtoDAsync");
        CudaContext.check(cuEventRecord(s.uploaded, cx.stream), "cuEventRecord");
        s.inFlight = true;
    }

    /** Copies {@code n} elements from device address {@code src} into {@code host}, waiting for the stream. */
    synchronized void download(long src, Object host, int n) {
        Slot s = take(4L * n);
        cx.makeCurrent();
        CudaContext.check(cuMemcpyDtoHAsync(s.host, src, 4L * n, cx.stream), "cuMemcpyDtoHAsync");
        CudaContext.check(cuStreamSynchronize(cx.stream), "cuStreamSynchronize");
        if (host instanceof float[] f) {
            new FloatPointer(s.host).get(f, 0, n);
        } else {
            new IntPointer(s.host).get((int[]) host, 0, n);
        }
    }

    /** The next slot of the ring, free to overwrite and at least {@code bytes} large. */
    private Slot take(long bytes) {
        if (slots[next] == null) {
            slots[next] = new Slot();
            cx.makeCurrent();
            CudaContext.check(cuEventCreate(slots[next].uploaded, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
        }
        Slot s = slots[next];
        next = (next + 1) % SLOTS;
        cx.makeCurrent();
        if (s.inFlight) {
            CudaContext.check(cuEventSynchronize(s.uploaded), "cuEventSynchronize");
            s.inFlight = false;
        }
        if (s.capacity < bytes) {
            if (s.host != null) {
                CudaContext.check(cuMemFreeHost(s.host), "cuMemFreeHost");
            }
            long size = Math.max(bytes, 1L << 20); // batches grow a little at the end of an epoch: no re-pin
            try (PointerPointer<Pointer> p = new PointerPointer<>(1)) {
                CudaContext.check(cuMemHostAlloc(p, size, 0), "cuMemHostAlloc(" + size + " bytes)");
                s.host = p.get(0);
            }
            s.capacity = size;
        }
        return s;
    }
}
