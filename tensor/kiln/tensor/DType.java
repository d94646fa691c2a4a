package kiln.tensor;

/** Element types. float32 is the working type; int32 holds labels and indices. */
public enum DType {
    FLOAT32(4, "float32"),
    INT32(4, "int32");

    private final int byteSize;
    private final String kerasName;

    DType(int byteSize, String kerasName) {
        this.byteSize = byteSize;
        this.kerasName = kerasName;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The name Keras and NumPy use ("float32", "int32"). */
    public String kerasName() {
        return kerasName;
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
