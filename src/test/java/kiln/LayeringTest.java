package kiln;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * design.md's layering, checked on the production class files (tests may reach across layers):
 * <pre>
 * nn  →  autograd  →  tensor  ←  kernels.cpu
 *                            ←  kernels.cuda
 * </pre>
 * Each rule lists the kiln packages a layer may use (itself and the layers below it); anything outside
 * {@code kiln} is free. Packages that do not exist yet pass.
 *
 * <p>Why not ArchUnit: archunit 1.3.0 bundles an ASM that stops at class-file major
 * version 67 (Java 23) and silently imports nothing from JDK 25's version 69 files, so every rule would
 * pass vacuously; ArchUnit ≥ 1.4.1 reads Java 25. This test reads the constant pools with the JDK's own
 * {@code java.lang.classfile} API instead: every class reference, and every class named in a
 * descriptor or generic signature, counts as a dependency.
 */
class LayeringTest {
    private static final Pattern IN_DESCRIPTOR = Pattern.compile("L(kiln/[A-Za-z0-9_/$]+)[;<]");
    /** class → kiln classes it references (binary names). */
    private static final Map<String, Set<String>> DEPS = new TreeMap<>();

    @BeforeAll
    static void readClassFiles() throws IOException, URISyntaxException {
        Path root = Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root.resolve("kiln"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                ClassModel cm = ClassFile.of().parse(f);
                String self = cm.thisClass().asInternalName().replace('/', '.');
                Set<String> out = new TreeSet<>();
                for (PoolEntry e : cm.constantPool()) {
                    if (e instanceof ClassEntry c) {
                        String n = c.asInternalName();
                        if (n.startsWith("[")) {
                            addFromDescriptor(n, out);
                        } else if (n.startsWith("kiln/")) {
                            out.add(n.replace('/', '.'));
                        }
                    } else if (e instanceof Utf8Entry u) {
                        addFromDescriptor(u.stringValue(), out);
                    }
                }
                out.remove(self);
                DEPS.put(self, out);
            }
        }
    }

    private static void addFromDescriptor(String s, Set<String> out) {
        if (!s.contains("kiln/")) {
            return;
        }
        Matcher m = IN_DESCRIPTOR.matcher(s);
        while (m.find()) {
            out.add(m.group(1).replace('/', '.'));
        }
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** Every class in {@code layer} (or its sub-packages) may use only the {@code allowed} kiln packages. */
    private static void only(String layer, String... allowed) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : DEPS.entrySet()) {
            if (!within(packageOf(e.getKey()), layer)) {
                continue;
            }
            for (String target : e.getValue()) {
                String pkg = packageOf(target);
                boolean ok = false;
                for (String a : allowed) {
                    ok |= within(pkg, a);
                }
                if (!ok) {
                    violations.add(e.getKey() + " -> " + target);
                }
            }
        }
        if (!violations.isEmpty()) {
            fail(layer + " may use only " + String.join(", ", allowed) + " of kiln, but:\n  "
                    + String.join("\n  ", violations));
        }
    }

    private static boolean within(String pkg, String base) {
        return pkg.equals(base) || pkg.startsWith(base + ".");
    }

    @Test
    void classFilesWereRead() {
        // Guards against a vacuous pass: the reader must see CpuBackend's dependency on kiln.tensor.Backend.
        assertTrue(DEPS.containsKey("kiln.tensor.Tensor"), "kiln.tensor.Tensor was not read");
        assertTrue(DEPS.getOrDefault("kiln.kernels.cpu.CpuBackend", Set.of()).contains("kiln.tensor.Backend"),
                "CpuBackend must be seen to depend on kiln.tensor.Backend: " + DEPS.get("kiln.kernels.cpu.CpuBackend"));
    }

    @Test
    void tensorDependsOnNoOtherKilnPackage() {
        only("kiln.tensor", "kiln.tensor");
    }

    @Test
    void autogradUsesOnlyTensor() {
        only("kiln.autograd", "kiln.autograd", "kiln.tensor");
    }

    @Test
    void nnUsesOnlyAutogradAndTensor() {
        only("kiln.nn", "kiln.nn", "kiln.autograd", "kiln.tensor");
    }

    @Test
    void cpuKernelsUseOnlyTensor() {
        only("kiln.kernels.cpu", "kiln.kernels.cpu", "kiln.tensor");
    }

    @Test
    void cudaKernelsUseOnlyTensor() {
        only("kiln.kernels.cuda", "kiln.kernels.cuda", "kiln.tensor");
    }

    @Test
    void theRuleCatchesAViolation() {
        // Self-check of the matcher on a known edge: CpuBackend → kiln.tensor is allowed, and a rule that
        // forbids kiln.tensor for the CPU kernels must fail.
        boolean failed = false;
        try {
            only("kiln.kernels.cpu", "kiln.kernels.cpu");
        } catch (AssertionError expected) {
            failed = true;
        }
        assertTrue(failed, "a rule forbidding kiln.tensor to kiln.kernels.cpu should have failed");
    }
}
