package kiln.kernels.cuda;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import kiln.tensor.Buffer;
import kiln.tensor.DType;
import kiln.tensor.Device;

/**
 * A block of device memory holding {@code length} 32-bit elements. Owned by whoever calls
 * {@link kiln.tensor.Backend#release} (a scope); a {@link Cleaner} is the backstop that returns the
 * block to the {@link CachingAllocator} when a buffer nobody released becomes unreachable (logged once).
 */
public final class DeviceBuffer implements Buffer {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Device device;
    private final DType dtype;
    private final int length;
    private final long address;
    private final Owner owner;
    private final Cleaner.Cleanable cleanable;

    /** The Cleaner's action; holds no reference to the buffer. */
    private static final class Owner implements Runnable {
        final CachingAllocator allocator;
        final CachingAllocator.Block block;
        final AtomicBoolean released = new AtomicBoolean();
        final String what;

        Owner(CachingAllocator allocator, CachingAllocator.Block block, String what) {
            this.allocator = allocator;
            this.block = block;
            this.what = what;
        }

        @Override
        public void run() {
            if (released.compareAndSet(false, true)) {
                allocator.reclaim(block, () -> what);
            }
        }
    }

    DeviceBuffer(Device device, DType dtype, int length, CachingAllocator allocator, CachingAllocator.Block block) {
        this.device = device;
        this.dtype = dtype;
        this.length = length;
        this.address = block.address();
        this.owner = new Owner(allocator, block, dtype + "[" + length + "] on " + device);
        this.cleanable = CLEANER.register(this, owner);
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int length() {
        return length;
    }

    /** Device address of element {@code offset}; fails once released. */
    long address(int offset) {
        if (owner.released.get()) {
            throw new IllegalStateException("CUDA buffer " + owner.what + " was used after it was released");
        }
        return address + 4L * offset;
    }

    /** Returns the block to the allocator now; later calls do nothing. */
    void release() {
        if (owner.released.compareAndSet(false, true)) {
            owner.allocator.release(owner.block);
        }
        cleanable.clean(); // deregisters; the action sees released and does nothing
    }

    boolean isReleased() {
        return owner.released.get();
    }
}
