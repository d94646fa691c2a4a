package kiln.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kiln.tensor.DType;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX parser and the image-set loaders on tiny files written here, so these always run. */
class IdxTest {
    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes: magic 0x00000800 | ndim, the sizes, the values. */
    static byte[] idxBytes(int[] dims, int[] values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x00000800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        for (int v : values) {
            out.writeByte(v);
        }
        return b.toByteArray();
    }

    static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }

    /** Writes a 3-image/2-image set of 2x2 images (pixels 0..255) into dir in IDX layout. */
    static void writeTinySet(Path dir, boolean gzip) throws IOException {
        String ext = gzip ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + ext), idxBytes(new int[] {3, 2, 2},
                new int[] {0, 1, 2, 3, 10, 11, 12, 13, 255, 254, 253, 252}), gzip);
        write(dir.resolve("train-labels-idx1-ubyte" + ext), idxBytes(new int[] {3}, new int[] {9, 0, 4}), gzip);
        write(dir.resolve("t10k-images-idx3-ubyte" + ext), idxBytes(new int[] {2, 2, 2},
                new int[] {5, 6, 7, 8, 128, 0, 0, 128}), gzip);
        write(dir.resolve("t10k-labels-idx1-ubyte" + ext), idxBytes(new int[] {2}, new int[] {1, 2}), gzip);
    }

    @Test
    void readsUnsignedBytesPlainAndGzipped() throws IOException {
        byte[] bytes = idxBytes(new int[] {2, 3}, new int[] {0, 127, 128, 200, 255, 1});
        write(dir.resolve("a"), bytes, false);
        write(dir.resolve("a.gz"), bytes, true);
        for (String name : List.of("a", "a.gz")) {
            Tensor t = Idx.read(dir.resolve(name), DType.FLOAT32);
            assertArrayEquals(new int[] {2, 3}, t.dims());
            assertArrayEquals(new float[] {0, 127, 128, 200, 255, 1}, t.toFloatArray());
            assertArrayEquals(new int[] {0, 127, 128, 200, 255, 1},
                    Idx.read(dir.resolve(name), DType.INT32).toIntArray());
        }
    }

    @Test
    void readsWiderTypesBigEndian() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x00000D01);   // float32, 1 dim
        out.writeInt(2);
        out.writeFloat(1.5f);
        out.writeFloat(-2.25f);
        write(dir.resolve("f"), b.toByteArray(), false);
        assertArrayEquals(new float[] {1.5f, -2.25f}, Idx.read(dir.resolve("f"), DType.FLOAT32).toFloatArray());
    }

    @Test
    void malformedFilesGiveClearErrors() throws IOException {
        write(dir.resolve("bad"), new byte[] {0x1F, 0x00, 0x08, 0x01, 0, 0, 0, 1, 7}, false);
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.read(dir.resolve("bad"), DType.FLOAT32));
        assertTrue(e.getMessage().contains("not an IDX file") && e.getMessage().contains("0x1F000801")
                && e.getMessage().contains("bad"), e.getMessage());

        byte[] full = idxBytes(new int[] {4}, new int[] {1, 2, 3, 4});
        write(dir.resolve("short"), java.util.Arrays.copyOf(full, full.length - 1), false);
        e = assertThrows(IllegalArgumentException.class, () -> Idx.read(dir.resolve("short"), DType.FLOAT32));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("[4]")
                && e.getMessage().contains("only 3 bytes"), e.getMessage());

        write(dir.resolve("long"), java.util.Arrays.copyOf(full, full.length + 2), false);
        e = assertThrows(IllegalArgumentException.class, () -> Idx.read(dir.resolve("long"), DType.FLOAT32));
        assertTrue(e.getMessage().contains("bytes after"), e.getMessage());

        write(dir.resolve("type"), new byte[] {0, 0, 0x07, 1, 0, 0, 0, 0}, false);
        e = assertThrows(IllegalArgumentException.class, () -> Idx.read(dir.resolve("type"), DType.FLOAT32));
        assertTrue(e.getMessage().contains("0x00000701"), e.getMessage());
    }

    @Test
    void loadsAFolderOfIdxFiles() throws IOException {
        writeTinySet(dir, true);
        TrainTestData d = FashionMnist.load(dir);
        assertArrayEquals(new int[] {3, 2, 2}, d.xTrain().dims());
        assertArrayEquals(new int[] {9, 0, 4}, d.yTrain().toIntArray());
        assertEquals(DType.INT32, d.yTrain().dtype());
        assertEquals(255f, d.xTrain().get(2, 0, 0));
        assertArrayEquals(new int[] {2, 2, 2}, d.xTest().dims());
        assertArrayEquals(new int[] {1, 2}, d.yTest().toIntArray());
        assertEquals("Ankle boot", d.classNames().get(9));
        Path plain = Files.createDirectory(dir.resolve("plain"));
        writeTinySet(plain, false);
        assertArrayEquals(d.xTrain().toFloatArray(), Mnist.load(plain).xTrain().toFloatArray());
    }

    @Test
    void mismatchedCountsAndLabelsAreReported() throws IOException {
        writeTinySet(dir, true);
        write(dir.resolve("train-labels-idx1-ubyte.gz"), idxBytes(new int[] {2}, new int[] {1, 2}), true);
        var e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("3 images") && e.getMessage().contains("2 labels"), e.getMessage());
        write(dir.resolve("train-labels-idx1-ubyte.gz"), idxBytes(new int[] {3}, new int[] {1, 2, 10}), true);
        e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("label 10"), e.getMessage());
    }

    @Test
    void missingDatasetListsEveryPlaceAndHowToGetIt() throws IOException {
        Path partial = Files.createDirectory(dir.resolve("partial"));
        writeTinySet(partial, true);
        Files.delete(partial.resolve("t10k-labels-idx1-ubyte.gz"));
        List<ImageDatasetFiles.Place> places = List.of(
                new ImageDatasetFiles.Place(dir.resolve("nowhere"), "-Dkiln.datasets"),
                new ImageDatasetFiles.Place(partial, "Debian package dataset-fashion-mnist"));
        var e = assertThrows(DatasetNotFoundException.class, () -> FashionMnist.load(places));
        String m = e.getMessage();
        System.out.println("missing-dataset message:\n" + m);
        assertTrue(m.startsWith("Fashion-MNIST not found"), m);
        assertTrue(m.contains(dir.resolve("nowhere") + " (-Dkiln.datasets): folder does not exist"), m);
        assertTrue(m.contains(partial + " (Debian package dataset-fashion-mnist): missing t10k-labels-idx1-ubyte"), m);
        assertTrue(m.contains("install with: apt-get install dataset-fashion-mnist"), m);
        assertEquals(List.of(dir.resolve("nowhere"), partial), e.searched());

        var n = assertThrows(DatasetNotFoundException.class, () -> Mnist.load(dir.resolve("none")));
        assertTrue(n.getMessage().contains("MNIST not found") && n.getMessage().contains("mnist.npz"), n.getMessage());
    }

    @Test
    void searchOrderHonoursTheProperty() {
        String old = System.getProperty("kiln.datasets");
        try {
            System.setProperty("kiln.datasets", dir.toString());
            List<Path> p = FashionMnist.searchPath();
            assertEquals(dir.resolve("fashion-mnist"), p.get(0));
            assertTrue(p.contains(FashionMnist.DEBIAN_DIR));
            assertTrue(p.get(p.size() - 1).endsWith(Path.of(".keras", "datasets", "fashion-mnist"))
                    || System.getenv("KERAS_HOME") != null, p.toString());
            List<Path> m = Mnist.searchPath();
            assertEquals(List.of(dir.resolve("mnist"), dir.resolve("mnist.npz")), m.subList(0, 2));
        } finally {
            if (old == null) {
                System.clearProperty("kiln.datasets");
            } else {
                System.setProperty("kiln.datasets", old);
            }
        }
    }

    @Test
    void readsKerasMnistNpz() throws IOException {
        Path npz = dir.resolve("mnist.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            putNpy(zip, "x_train", new int[] {2, 1, 2}, new byte[] {0, 10, (byte) 200, (byte) 255});
            putNpy(zip, "y_train", new int[] {2}, new byte[] {7, 3});
            putNpy(zip, "x_test", new int[] {1, 1, 2}, new byte[] {1, 2});
            putNpy(zip, "y_test", new int[] {1}, new byte[] {9});
        }
        TrainTestData d = Mnist.load(npz);
        assertArrayEquals(new int[] {2, 1, 2}, d.xTrain().dims());
        assertArrayEquals(new float[] {0, 10, 200, 255}, d.xTrain().toFloatArray());
        assertArrayEquals(new int[] {7, 3}, d.yTrain().toIntArray());
        assertArrayEquals(new int[] {9}, d.yTest().toIntArray());
        assertArrayEquals(new int[] {7, 3}, Mnist.load(dir).yTrain().toIntArray());   // folder holding mnist.npz
    }

    /** A version-1 .npy of uint8, as numpy.save writes it. */
    private static void putNpy(ZipOutputStream zip, String name, int[] shape, byte[] data) throws IOException {
        StringBuilder s = new StringBuilder("(");
        for (int d : shape) {
            s.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? s.toString().replace(", ", ",") + ")" : s.substring(0, s.length() - 2) + ")";
        String header = "{'descr': '|u1', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        zip.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
        zip.write(header.getBytes(StandardCharsets.US_ASCII));
        zip.write(data);
        zip.closeEntry();
    }
}
