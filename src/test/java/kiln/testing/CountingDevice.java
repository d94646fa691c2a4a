package kiln.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import kiln.tensor.Backend;
import kiln.tensor.Backends;
import kiln.tensor.Device;

/**
 * A stand-in accelerator for tests without a GPU: {@link #DEVICE} (cuda:63, no real GPU has that ordinal) served
 * by the CPU kernels behind a proxy that counts every device-to-host copy ({@link Backend#copyToHost}). Code
 * written for non-CPU tensors runs on it, and gives the CPU's numbers bit for bit, so a test can check both what
 * a GPU run would compute and how often it would wait for the device. Copies into the device and the CPU's own
 * reads are not counted.
 *
 * <pre>{@code
 * try (CountingDevice gpu = CountingDevice.install()) {
 *     model.to(CountingDevice.DEVICE).fit(x, y, options);
 *     gpu.reads()   // device-to-host copies so far
 * }
 * }</pre>
 */
public final class CountingDevice implements AutoCloseable {
    public static final Device DEVICE = Device.cuda(63);

    private final AtomicLong reads = new AtomicLong();
    private final Backend previous;

    private CountingDevice() {
        Backend cpu = Backends.get(Device.CPU);
        Backend counting = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("device")) {
                        return DEVICE;
                    }
                    if (method.getName().equals("copyToHost")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(cpu, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        previous = Backends.replace(DEVICE, counting);
    }

    /** Serves {@link #DEVICE} until {@link #close()}. */
    public static CountingDevice install() {
        return new CountingDevice();
    }

    /** Device-to-host copies from {@link #DEVICE} since {@link #install()}. */
    public long reads() {
        return reads.get();
    }

    /** Gives {@link #DEVICE} back to discovery (and the default device back to the CPU if it was set to this one). */
    @Override
    public void close() {
        if (Device.defaultDevice().equals(DEVICE)) {
            Device.setDefaultDevice(Device.CPU);
        }
        Backends.replace(DEVICE, previous);
    }
}
