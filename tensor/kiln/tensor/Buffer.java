package kiln.tensor;

/**
 * A flat block of elements owned by one backend. Tensors are views over a buffer (offset + strides);
 * several tensors may share one. Only the backend that allocated a buffer reads its contents.
 */
public interface Buffer {
    /** Where the elements live. */
    Device device();

    /** The element type. */
    DType dtype();

    /** Number of elements. */
    int length();
}
