package kiln.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import kiln.tensor.Backend;
import kiln.tensor.Backends;
import kiln.tensor.Buffer;
import kiln.tensor.Device;
import kiln.tensor.Tensor;

/**
 * A stand-in accelerator for tests without a GPU: {@link #DEVICE} (cuda:63, no real GPU has that ordinal) served
 * by the CPU kernels behind a proxy that counts every device-to-host copy ({@link Backend#copyToHost}). Code
 * written for non-CPU tensors runs on it, and gives the CPU's numbers bit for bit, so a test can check both what
 * a GPU run would compute and how often it would wait for the device. Copies into the device and the CPU's own
 * reads are not counted. Like the CUDA backend, it refuses storage that was released ({@link Backend#release},
 * e.g. by an {@link kiln.tensor.AllocationScope}): any later call that passes it throws "used after it was
 * released", so a tensor kept past its training step fails here as it would on a GPU.
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
    // weak: a released buffer nobody references any more cannot be passed again (Buffers compare by identity)
    private final Set<Buffer> released = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final AtomicLong allocatedElements = new AtomicLong();
    private final AtomicLong releasedElements = new AtomicLong();
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
                    for (Object a : args == null ? new Object[0] : args) {
                        Buffer b = a instanceof Tensor t ? t.buffer() : a instanceof Buffer buf ? buf : null;
                        if (b != null && released.contains(b)) {
                            throw new IllegalStateException("CountingDevice: " + method.getName() + " was given storage "
                                    + "that was used after it was released (" + b.dtype() + "[" + b.length() + "])");
                        }
                    }
                    if (method.getName().equals("release") && released.add((Buffer) args[0])
                            && ((Buffer) args[0]).length() > 1) {
                        releasedElements.addAndGet(((Buffer) args[0]).length());
                    }
                    try {
                        Object result = method.invoke(cpu, args);
                        if (method.getName().startsWith("allocate") && ((Buffer) result).length() > 1) {
                            allocatedElements.addAndGet(((Buffer) result).length());
                        }
                        return result;
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

    /**
     * Elements allocated on {@link #DEVICE} and not released since {@link #install()}, counting buffers of more
     * than one element (one-element running totals are left to the garbage collector by design).
     */
    public long unreleasedElements() {
        return allocatedElements.get() - releasedElements.get();
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
