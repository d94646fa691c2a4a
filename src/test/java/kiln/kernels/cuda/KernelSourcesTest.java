package kiln.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kiln.tensor.BinaryOp;
import kiln.tensor.RandomKind;
import kiln.tensor.ReduceOp;
import kiln.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * The contract between the Java launch code and the .cu files, checked without a GPU: op codes are the
 * Java enums' ordinals, every launched function exists, every file is packaged and listed.
 */
class KernelSourcesTest {
    static final Path DIR = Path.of("kernels-cuda", "cuda");

    /** "#define PREFIX_NAME n" lines, in file order, as NAME → n. */
    static List<String> codes(String source, String prefix) {
        Matcher m = Pattern.compile("(?m)^#define " + prefix + "([A-Z_0-9]+) (\\d+)$").matcher(source);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            assertEquals(names.size(), Integer.parseInt(m.group(2)), prefix + m.group(1) + " is out of order");
            names.add(m.group(1));
        }
        return names;
    }

    static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    void opCodesAreTheJavaOrdinals() {
        String ops = KernelSources.read("ops.cuh");
        assertEquals(names(UnaryOp.values()), codes(ops, "U_"), "ops.cuh U_ codes vs kiln.tensor.UnaryOp");
        assertEquals(names(BinaryOp.values()), codes(ops, "B_"), "ops.cuh B_ codes vs kiln.tensor.BinaryOp");
        assertEquals(names(ReduceOp.values()), codes(KernelSources.read("reduce.cu"), "R_"), "reduce.cu vs ReduceOp");
        assertEquals(names(RandomKind.values()), codes(KernelSources.read("random.cu"), "RK_"), "random.cu vs RandomKind");
    }

    @Test
    void everyUnaryAndBinaryOpHasACase() {
        String ops = KernelSources.read("ops.cuh");
        for (UnaryOp op : UnaryOp.values()) {
            assertTrue(ops.contains("case U_" + op.name() + ":"), "kiln_unary has no case for " + op);
        }
        for (BinaryOp op : BinaryOp.values()) {
            assertTrue(ops.contains("case B_" + op.name() + ":"), "kiln_binary has no case for " + op);
        }
    }

    @Test
    void everyLaunchedFunctionIsDefinedInItsModule() {
        Pattern def = Pattern.compile("extern \"C\" __global__ void(?:\\s+__launch_bounds__\\([^)]*\\))?\\s+(\\w+)\\s*\\(");
        for (CudaModule m : CudaModule.values()) {
            Matcher mm = def.matcher(KernelSources.read(m.file));
            Set<String> defined = new TreeSet<>();
            while (mm.find()) {
                defined.add(mm.group(1));
            }
            assertEquals(new TreeSet<>(m.functions), defined, m.file + ": functions listed in CudaModule vs defined");
        }
    }

    @Test
    void everySourceFileIsListedAndPackaged() throws IOException {
        Set<String> onDisk;
        try (Stream<Path> s = Files.list(DIR)) {
            onDisk = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu")).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> listed = Arrays.stream(CudaModule.values()).map(m -> m.file).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(onDisk, listed, "every kernels-cuda/cuda/*.cu belongs to a CudaModule");
        try (Stream<Path> s = Files.list(DIR)) {
            for (Path p : s.toList()) {
                assertEquals(Files.readString(p), KernelSources.read(p.getFileName().toString()),
                        p + " is packaged (kiln/kernels/cuda/cu/ on the class path) and up to date");
            }
        }
    }

    @Test
    void headersAreCollectedTransitively() {
        var h = KernelSources.headers(KernelSources.read("elementwise.cu"));
        assertEquals(List.of("ops.cuh", "kiln_common.cuh"), List.copyOf(h.keySet()));
    }
}
