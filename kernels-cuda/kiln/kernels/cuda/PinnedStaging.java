package kiln.kernels.cuda;

import java.lang.foreign.MemorySegment;

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
        MemorySegment host; // page-locked, null until first used
        CudaDriver.Event uploaded; // behind the last upload from host
        boolean inFlight;
    }

    private final CudaDriver driver;
    private final Slot[] slots = new Slot[SLOTS];
    private int next;

    PinnedStaging(CudaDriver driver) {
        this.driver = driver;
    }

    /** Whether a copy of this many bytes goes through a staging buffer. */
    static boolean stages(long bytes) {
        return bytes <= MAX_BYTES;
    }

    /** Queues the upload of {@code n} elements of {@code host} (float[] or int[]) to device address {@code dst}. */
    synchronized void upload(Object host, long dst, int n) {
        Slot s = take(4L * n);
        HostArrays.put(host, s.host, n);
        driver.upload(dst, s.host, 4L * n);
        s.uploaded.record();
        s.inFlight = true;
    }

    /** Copies {@code n} elements from device address {@code src} into {@code host}, waiting for the stream. */
    synchronized void download(long src, Object host, int n) {
        Slot s = take(4L * n);
        driver.download(s.host, src, 4L * n);
        HostArrays.get(s.host, host, n);
    }

    /** The next slot of the ring, free to overwrite and at least {@code bytes} large. */
    private Slot take(long bytes) {
        if (slots[next] == null) {
            slots[next] = new Slot();
            slots[next].uploaded = driver.newEvent();
        }
        Slot s = slots[next];
        next = (next + 1) % SLOTS;
        if (s.inFlight) {
            s.uploaded.synchronize();
            s.inFlight = false;
        }
        if (s.host == null || s.host.byteSize() < bytes) {
            if (s.host != null) {
                driver.freeHost(s.host);
            }
            // batches grow a little at the end of an epoch: no re-pin
            s.host = driver.allocateHost(Math.max(bytes, 1L << 20));
        }
        return s;
    }
}
