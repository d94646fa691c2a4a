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
 * Without the property nothing changes (the CPU).
 *
 * <p>Registered for every test class through JUnit's extension auto-detection
 * ({@code src/test/resources/junit-platform.properties}); {@code pom.xml}'s {@code cuda-device}
 * execution runs the tensor, autograd and nn suites again with {@code -Dkiln.device=cuda}.
 */
public final class DeviceUnderTest implements ExecutionCondition, BeforeEachCallback {
    private static final String PROPERTY = "kiln.device";

    private static Device requested() {
        String s = System.getProperty(PROPERTY, "").trim();
        return s.isEmpty() ? null : Device.parse(s);
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
