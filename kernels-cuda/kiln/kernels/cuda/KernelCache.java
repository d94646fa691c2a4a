package kiln.kernels.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Compiled kernel images (CUBIN), compiled at first use and cached twice: in memory for this process,
 * and on disk so the next run skips NVRTC. The key is a SHA-256 over the source, every header it
 * includes, the options (architecture included) and the compiler's version, so editing a kernel,
 * changing GPU or upgrading NVRTC each give a fresh compile; stale files are simply never read again.
 *
 * <p>Disk location: {@code -Dkiln.cuda.cache=DIR}, else {@code ~/.cache/kiln/cuda}, else
 * {@code java.io.tmpdir/kiln-cuda}; {@code -Dkiln.cuda.cache=off} keeps it in memory only. A cache that
 * cannot be written is skipped with one log line, never an error.
 */
final class KernelCache {
    private static final Logger LOG = Logger.getLogger("kiln");

    /** What turns CUDA C++ into a device image: NVRTC in production ({@link Nvrtc}), a fake in tests. */
    interface Compiler {
        /** Goes into the cache key (e.g. "nvrtc 13.0"). */
        String version();

        /** A CUBIN for the architecture named in the options; throws with the compiler's log on error. */
        byte[] compile(String name, String source, Map<String, String> headers, List<String> options);
    }

    private final Compiler compiler;
    private final Path dir;
    private final Map<String, byte[]> memory = new ConcurrentHashMap<>();
    private final AtomicInteger compiles = new AtomicInteger();
    private final AtomicInteger diskHits = new AtomicInteger();
    private volatile boolean diskWarned;

    /** {@code dir} null: memory only. */
    KernelCache(Compiler compiler, Path dir) {
        this.compiler = compiler;
        this.dir = dir;
    }

    /** The disk directory from the system properties (null when disabled). */
    static Path defaultDir() {
        String p = System.getProperty("kiln.cuda.cache");
        if (p != null) {
            return p.equalsIgnoreCase("off") ? null : Path.of(p);
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isEmpty() && Files.isWritable(Path.of(home))) {
            return Path.of(home, ".cache", "kiln", "cuda");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "kiln-cuda");
    }

    /** The image of one module for one architecture ("sm_90"). */
    byte[] image(CudaModule m, String arch) {
        String source = KernelSources.read(m.file);
        return image(m.file, source, KernelSources.headers(source), arch, m.options());
    }

    /** The image of a source for an architecture, compiled at most once per key. */
    byte[] image(String name, String source, Map<String, String> headers, String arch, List<String> options) {
        List<String> all = new java.util.ArrayList<>();
        all.add("--gpu-architecture=" + arch);
        all.addAll(options);
        String key = key(source, headers, all, compiler.version());
        return memory.computeIfAbsent(key, k -> load(name, source, headers, arch, all, k));
    }

    private byte[] load(String name, String source, Map<String, String> headers, String arch, List<String> options,
                        String key) {
        Path file = dir == null ? null : dir.resolve(fileName(name, arch, key));
        if (file != null && Files.isRegularFile(file)) {
            try {
                byte[] b = Files.readAllBytes(file);
                if (b.length > 0) {
                    diskHits.incrementAndGet();
                    return b;
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "kiln: unreadable CUDA kernel cache file " + file + ", recompiling", e);
            }
        }
        byte[] image = compiler.compile(name, source, headers, options);
        compiles.incrementAndGet();
        if (file != null) {
            store(file, image);
        }
        return image;
    }

    private void store(Path file, byte[] image) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, image);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UnsupportedOperationException e) {
            if (!diskWarned) {
                diskWarned = true;
                LOG.info("kiln: CUDA kernel cache " + dir + " is not writable (" + e + "); caching in memory only");
            }
        }
    }

    /** "elementwise-sm_90-0123456789abcdef.cubin". */
    static String fileName(String name, String arch, String key) {
        String base = name.endsWith(".cu") ? name.substring(0, name.length() - 3) : name;
        return base + "-" + arch + "-" + key.substring(0, 16) + ".cubin";
    }

    /** SHA-256 (hex) over source, headers (in order), options and compiler version. */
    static String key(String source, Map<String, String> headers, List<String> options, String compilerVersion) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, compilerVersion);
            for (String o : options) {
                update(md, o);
            }
            update(md, source);
            for (Map.Entry<String, String> h : headers.entrySet()) {
                update(md, h.getKey());
                update(md, h.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    // length-prefixed, so ("ab", "c") and ("a", "bc") differ
    private static void update(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
        md.update(b);
    }

    /** NVRTC runs so far (not served from memory or disk). */
    int compiles() {
        return compiles.get();
    }

    /** Images read from disk so far. */
    int diskHits() {
        return diskHits.get();
    }

    Path dir() {
        return dir;
    }
}
