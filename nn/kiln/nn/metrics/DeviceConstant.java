package kiln.nn.metrics;

import kiln.tensor.AllocationScope;
import kiln.tensor.Device;
import kiln.tensor.Tensor;

/**
 * A constant float32 tensor (thresholds, label weights) with its copy on the device last asked for, so an
 * update does not upload it again.
 */
final class DeviceConstant {
    private final float[] values;
    private final int[] dims;
    private Tensor copy;

    DeviceConstant(float[] values, int... dims) {
        this.values = values.clone();
        this.dims = dims.clone();
    }

    Tensor on(Device device) {
        if (copy == null || !copy.device().equals(device)) {
            copy = AllocationScope.escape(Tensor.wrap(values.clone(), dims).to(device)); // made once, used every step
        }
        return copy;
    }
}
