package kiln.nn.metrics;

import kiln.tensor.AllocationScope;
import kiln.tensor.Tensor;

/**
 * A float32 running sum, one addend after another, whose addends are host floats or one-element tensors. It
 * is a host float until the first tensor is added, and from then on a rank-0 tensor on that tensor's device,
 * so that accumulating a batch's value costs no device-to-host read (on a GPU each read waits for the device
 * to finish all queued work). Each add rounds exactly as {@code total += x} in float32 on the host would, in
 * the same order, so the sum does not depend on where its addends live.
 *
 * <p>An add makes a new tensor; the old one is never written again. A {@link Snapshot} is therefore simply
 * the tensor of that moment, read later at no cost to the steps in between (fit's per-batch logs). These
 * one-element tensors escape the training step's {@link AllocationScope}; the garbage collector frees them.
 */
final class RunningTotal {
    private float host;
    private Tensor device; // null until a tensor is added

    void add(float x) {
        if (device == null) {
            host += x;
        } else {
            device = AllocationScope.escape(device.add(x));
        }
    }

    /** Adds the single element of {@code x}, on x's device (a total kept elsewhere moves there first). */
    void add(Tensor x) {
        // host + x, in that order of operands; float addition is commutative, so x + host rounds the same
        // outlives the training step that adds it (snapshots in fit's logs read it later)
        device = AllocationScope.escape(device == null ? x.reshape().add(host) : device.to(x.device()).add(x.reshape()));
    }

    /** The total now; reading a device total waits for the device. */
    float read() {
        return snapshot().read();
    }

    /** The total now, to be read later. */
    Snapshot snapshot() {
        return new Snapshot(host, device);
    }

    void reset() {
        host = 0f;
        device = null;
    }

    /** A total as it was when taken; {@link #read} copies it from the device if it lives there. */
    record Snapshot(float host, Tensor device) {
        float read() {
            return device == null ? host : device.item();
        }
    }
}
