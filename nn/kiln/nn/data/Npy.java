package kiln.nn.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kiln.tensor.DType;
import kiln.tensor.Device;
import kiln.tensor.Tensor;

/**
 * Reads one NumPy {@code .npy} array (format versions 1-3, C order), as stored inside Keras's
 * {@code mnist.npz}. Element types: {@code |u1 |i1 <i2 <i4 <i8 <f4 <f8} (and {@code |b1}).
 */
final class Npy {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    static Tensor read(InputStream stream, String source, DType dtype) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = new byte[8];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw new IllegalArgumentException(source + ": not a .npy array (shorter than its 8-byte preamble)");
        }
        if ((magic[0] & 0xFF) != 0x93 || !new String(magic, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw new IllegalArgumentException(source + ": not a .npy array (it does not start with \\x93NUMPY)");
        }
        int major = magic[6];
        int headerLen = major == 1 ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                : Integer.reverseBytes(in.readInt());
        String header = new String(in.readNBytes(headerLen), StandardCharsets.UTF_8);
        Matcher d = DESCR.matcher(header);
        Matcher o = ORDER.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) {
            throw new IllegalArgumentException(source + ": unreadable .npy header: " + header.strip());
        }
        if (o.group(1).equals("True")) {
            throw new IllegalArgumentException(source + ": Fortran-order .npy arrays are not supported");
        }
        String descr = d.group(1);
        int width = switch (descr) {
            case "|u1", "|i1", "|b1" -> 1;
            case "<i2" -> 2;
            case "<i4", "<f4" -> 4;
            case "<i8", "<f8" -> 8;
            default -> throw new IllegalArgumentException(source + ": unsupported .npy element type '" + descr
                    + "' (supported: |u1 |i1 |b1 <i2 <i4 <i8 <f4 <f8)");
        };
        int[] dims = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        long count = 1;
        for (int x : dims) {
            count *= x;
        }
        long bytes = count * width;
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(source + ": array of " + bytes + " bytes is too large to load");
        }
        byte[] raw = in.readNBytes((int) bytes);
        if (raw.length < bytes) {
            throw new IllegalArgumentException(source + ": truncated .npy array: shape " + Arrays.toString(dims)
                    + " needs " + bytes + " bytes, found " + raw.length);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) count;
        if (dtype == DType.INT32) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = (int) value(descr, raw, b, i);
            }
            return Tensor.ofInts(out, dims);
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) value(descr, raw, b, i);
        }
        return Tensor.wrap(out, dims).to(Device.defaultDevice());
    }

    private static double value(String descr, byte[] raw, ByteBuffer b, int i) {
        return switch (descr) {
            case "|u1", "|b1" -> raw[i] & 0xFF;
            case "|i1" -> raw[i];
            case "<i2" -> b.getShort(2 * i);
            case "<i4" -> b.getInt(4 * i);
            case "<i8" -> b.getLong(8 * i);
            case "<f4" -> b.getFloat(4 * i);
            default -> b.getDouble(8 * i);
        };
    }
}
