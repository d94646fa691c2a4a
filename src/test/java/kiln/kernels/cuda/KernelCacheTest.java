package kiln.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keying and the two cache levels, with a fake compiler in place of NVRTC. */
class KernelCacheTest {

    /** "Compiles" by echoing its inputs, and counts the calls. */
    static final class FakeCompiler implements KernelCache.Compiler {
        final AtomicInteger calls = new AtomicInteger();
        final String version;

        FakeCompiler(String version) {
            this.version = version;
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public byte[] compile(String name, String source, Map<String, String> headers, List<String> options) {
            calls.incrementAndGet();
            return (name + "|" + options + "|" + source.length() + "|" + headers.keySet()).getBytes(StandardCharsets.UTF_8);
        }
    }

    static final String SRC = "#include \"kiln_common.cuh\"\nextern \"C\" __global__ void k() {}\n";
    static final Map<String, String> HDR = Map.of("kiln_common.cuh", "#pragma once\n");

    @Test
    void keyCoversSourceHeadersOptionsAndCompiler() {
        String k = KernelCache.key(SRC, HDR, List.of("--gpu-architecture=sm_90"), "nvrtc 13.0");
        assertEquals(64, k.length());
        assertEquals(k, KernelCache.key(SRC, HDR, List.of("--gpu-architecture=sm_90"), "nvrtc 13.0"));
        assertNotEquals(k, KernelCache.key(SRC + " ", HDR, List.of("--gpu-architecture=sm_90"), "nvrtc 13.0"));
        assertNotEquals(k, KernelCache.key(SRC, Map.of("kiln_common.cuh", "#pragma once\n//"),
                List.of("--gpu-architecture=sm_90"), "nvrtc 13.0"));
        assertNotEquals(k, KernelCache.key(SRC, HDR, List.of("--gpu-architecture=sm_80"), "nvrtc 13.0"));
        assertNotEquals(k, KernelCache.key(SRC, HDR, List.of("--gpu-architecture=sm_90"), "nvrtc 13.1"));
        // boundaries between fields count: ("ab", "c") is not ("a", "bc")
        assertNotEquals(KernelCache.key("ab", Map.of(), List.of("c"), "v"), KernelCache.key("a", Map.of(), List.of("bc"), "v"));
    }

    @Test
    void compilesOncePerKeyInMemory() {
        FakeCompiler fc = new FakeCompiler("fake 1");
        KernelCache cache = new KernelCache(fc, null);
        byte[] a = cache.image("k.cu", SRC, HDR, "sm_90", List.of("--fmad=false"));
        byte[] b = cache.image("k.cu", SRC, HDR, "sm_90", List.of("--fmad=false"));
        assertArrayEquals(a, b);
        assertEquals(1, fc.calls.get());
        cache.image("k.cu", SRC, HDR, "sm_80", List.of("--fmad=false"));
        assertEquals(2, fc.calls.get(), "another architecture is another compile");
        assertTrue(new String(a, StandardCharsets.UTF_8).contains("--gpu-architecture=sm_90"));
    }

    @Test
    void diskCacheServesTheNextProcess(@TempDir Path dir) throws Exception {
        FakeCompiler first = new FakeCompiler("fake 1");
        byte[] a = new KernelCache(first, dir).image("k.cu", SRC, HDR, "sm_90", List.of());
        assertEquals(1, first.calls.get());
        try (var files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), "one cubin, no temp files left: " + all);
            assertTrue(all.get(0).getFileName().toString().matches("k-sm_90-[0-9a-f]{16}\\.cubin"), all.toString());
        }
        FakeCompiler second = new FakeCompiler("fake 1"); // a new JVM, same compiler
        KernelCache again = new KernelCache(second, dir);
        assertArrayEquals(a, again.image("k.cu", SRC, HDR, "sm_90", List.of()));
        assertEquals(0, second.calls.get());
        assertEquals(1, again.diskHits());

        FakeCompiler upgraded = new FakeCompiler("fake 2");
        new KernelCache(upgraded, dir).image("k.cu", SRC, HDR, "sm_90", List.of());
        assertEquals(1, upgraded.calls.get(), "a new compiler version recompiles");
    }

    @Test
    void unwritableDiskCacheFallsBackToMemory(@TempDir Path dir) throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        FakeCompiler fc = new FakeCompiler("fake 1");
        KernelCache cache = new KernelCache(fc, notADir.resolve("cuda"));
        cache.image("k.cu", SRC, HDR, "sm_90", List.of());
        cache.image("k.cu", SRC, HDR, "sm_90", List.of());
        assertEquals(1, fc.calls.get());
    }

    @Test
    void realModulesAreKeyedWithTheirHeaders() {
        FakeCompiler fc = new FakeCompiler("fake 1");
        KernelCache cache = new KernelCache(fc, null);
        String img = new String(cache.image(CudaModule.ELEMENTWISE, "sm_90"), StandardCharsets.UTF_8);
        assertTrue(img.contains("[ops.cuh, kiln_common.cuh]"), img);
        assertTrue(img.contains("--fmad=false"), img);
    }

    @Test
    void defaultDirectoryFollowsTheProperty() {
        String old = System.getProperty("kiln.cuda.cache");
        try {
            System.setProperty("kiln.cuda.cache", "off");
            assertEquals(null, KernelCache.defaultDir());
            System.setProperty("kiln.cuda.cache", "/tmp/x");
            assertEquals(Path.of("/tmp/x"), KernelCache.defaultDir());
            System.clearProperty("kiln.cuda.cache");
            assertTrue(KernelCache.defaultDir().toString().contains("kiln"));
        } finally {
            if (old == null) {
                System.clearProperty("kiln.cuda.cache");
            } else {
                System.setProperty("kiln.cuda.cache", old);
            }
        }
    }
}
