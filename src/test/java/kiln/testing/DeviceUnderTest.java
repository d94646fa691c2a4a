package kiln.testing;

import kiln.tensor.Backends;
import kiln.tensor.Device;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the test suites on the device named by {@code -Dkiln.device} (cpu, cuda, cuda:1): every test
 * starts with it as the default device, so the tensors a test creates, and the models it builds,
 * live there. Where that device is not usable every test is skipped, with the backend's reason.
 * Without the property nothing changes (the CPU). {@code -Dkiln.device=counting} runs them on
 * {@link CountingDevice}, the CPU kernels behind a non-CPU device, which checks device-only code paths
 * (no host reads inside a step, storage released at a step's end) on a machine without a GPU.
 *
 * <p>Registered for every test class through JUnit's extension auto-detection
 * ({@code src/test/resources/junit-platform.properties}); {@code pom.xml}'s {@code cuda-device}
 * execution runs the tensor, autograd and nn suites again with {@code -Dkiln.device=cuda}.
 */
public final class DeviceUnderTest implements ExecutionCondition, BeforeEachCallback {
    private static final String PROPERTY = "kiln.device";

    private static Device requested() {
        String s = System.getProperty(PROPERTY, "").trim();
        if (s.equals("counting")) { // the CPU kernels posing as an accelerator: no GPU needed
            CountingStandIn.INSTALLED.hashCode();
            return CountingDevice.DEVICE;
        }
        return s.isEmpty() ? null : Device.parse(s);
    }

    /** {@code -Dkiln.device=counting}: {@link CountingDevice} serves its device for the whole run. */
    private static final class CountingStandIn {
        static final CountingDevice INSTALLED = CountingDevice.install();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Device d = requested();
        if (d == null || Backends.isAvailable(d)) {
            return ConditionEvaluationResult.enabled(d == null ? "default device" : "on " + d);
        }
        return ConditionEvaluationResult.disabled("-D" + PROPERTY + "=" + d + " asks for a device that is not usable here: "
                + Backends.unavailableReason(d.type()));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Device d = requested();
        if (d != null) {
            Device.setDefaultDevice(d);
        }
    }
}
