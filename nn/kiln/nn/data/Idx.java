package kiln.nn.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import kiln.tensor.DType;
import kiln.tensor.Device;
import kiln.tensor.Tensor;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (gzip-compressed or not; detected from the
 * content, not the name). The format: two zero bytes, a type byte (0x08 unsigned byte, 0x09 signed
 * byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), the number of dimensions, each dimension
 * as a big-endian int32, then the values big-endian in row-major order.
 *
 * <pre>{@code
 * Tensor images = Idx.read(Path.of("train-images-idx3-ubyte.gz"), DType.FLOAT32);   // [60000, 28, 28]
 * Tensor labels = Idx.read(Path.of("train-labels-idx1-ubyte.gz"), DType.INT32);     // [60000]
 * }</pre>
 */
public final class Idx {
    private Idx() {}

    /**
     * The array in {@code file}, converted to {@code dtype} (bytes 0..255 stay 0..255 in float32).
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a well-formed IDX file: bad magic number, unknown
     *     type, truncated data or trailing bytes; the message names the file
     */
    public static Tensor read(Path file, DType dtype) throws IOException {
        try (InputStream in = open(file)) {
            return read(in, file.toString(), dtype);
        }
    }

    /** Reads one IDX array from {@code in} ({@code source} names it in error messages); see {@link #read(Path, DType)}. */
    public static Tensor read(InputStream in, String source, DType dtype) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[4];
        try {
            data.readFully(magic);
        } catch (EOFException e) {
            throw new IllegalArgumentException(source + ": not an IDX file: shorter than the 4-byte magic number");
        }
        int type = magic[2] & 0xFF;
        int ndim = magic[3] & 0xFF;
        int width = switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> -1;
        };
        if (magic[0] != 0 || magic[1] != 0 || width < 0 || ndim == 0) {
            throw new IllegalArgumentException(String.format("%s: not an IDX file: magic number 0x%02X%02X%02X%02X,"
                    + " expected 0x0000TTDD with type TT in {08, 09, 0B, 0C, 0D, 0E} and DD >= 1 dimensions"
                    + " (e.g. 0x00000803 for images, 0x00000801 for labels)", source, magic[0], magic[1], magic[2],
                    magic[3]));
        }
        int[] dims = new int[ndim];
        long count = 1;
        try {
            for (int i = 0; i < ndim; i++) {
                dims[i] = data.readInt();
                if (dims[i] < 0) {
                    throw new IllegalArgumentException(source + ": IDX header has a negative size " + dims[i]
                            + " for dimension " + i);
                }
                count *= dims[i];
                if (count > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(source + ": IDX header announces more than 2^31 elements: "
                            + Arrays.toString(Arrays.copyOf(dims, i + 1)));
                }
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException(source + ": truncated IDX header: expected " + ndim + " dimension sizes");
        }
        long bytes = count * width;
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(source + ": IDX data of " + bytes + " bytes is too large to load");
        }
        byte[] raw = data.readNBytes((int) bytes);
        if (raw.length < bytes) {
            throw new IllegalArgumentException(source + ": truncated IDX file: the header announces shape "
                    + Arrays.toString(dims) + " (" + bytes + " bytes of data) but only " + raw.length
                    + " bytes follow");
        }
        if (data.read() != -1) {
            throw new IllegalArgumentException(source + ": IDX file has bytes after the " + bytes
                    + " bytes of data announced for shape " + Arrays.toString(dims));
        }
        int n = (int) count;
        if (dtype == DType.INT32) {
            int[] out = new int[n];
            ByteBuffer b = ByteBuffer.wrap(raw);    // big-endian by default, as IDX is
            for (int i = 0; i < n; i++) {
                out[i] = switch (type) {
                    case 0x08 -> raw[i] & 0xFF;
                    case 0x09 -> raw[i];
                    case 0x0B -> b.getShort(2 * i);
                    case 0x0C -> b.getInt(4 * i);
                    case 0x0D -> (int) b.getFloat(4 * i);
                    default -> (int) b.getDouble(8 * i);
                };
            }
            return Tensor.ofInts(out, dims);
        }
        float[] out = new float[n];
        if (type == 0x08) {
            for (int i = 0; i < n; i++) {
                out[i] = raw[i] & 0xFF;
            }
        } else {
            ByteBuffer b = ByteBuffer.wrap(raw);
            for (int i = 0; i < n; i++) {
                out[i] = switch (type) {
                    case 0x09 -> raw[i];
                    case 0x0B -> b.getShort(2 * i);
                    case 0x0C -> b.getInt(4 * i);
                    case 0x0D -> b.getFloat(4 * i);
                    default -> (float) b.getDouble(8 * i);
                };
            }
        }
        return Tensor.wrap(out, dims).to(Device.defaultDevice());   // no second copy of a big array
    }

    /** A stream over the file's bytes, gunzipped when it starts with the gzip magic 1F 8B. */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1F && b1 == 0x8B) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }
}
