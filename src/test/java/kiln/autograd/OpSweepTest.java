package kiln.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kiln.autograd.OpSpecs.OpSpec;
import kiln.autograd.OpSpecs.Sample;
import kiln.tensor.DType;
import kiln.tensor.Tensor;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sweep: every spec × sample is checked for (a) the op class the registry names, (b) forward vs the
 * double reference, (c) gradcheck of every differentiable input, (d) strided inputs giving the same
 * values and gradients as contiguous ones. Plus coverage: registry ⊆ specs, op classes ⊆ registry.
 */
class OpSweepTest {

    record Case(OpSpec spec, Sample sample) {}

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (OpSpec spec : OpSpecs.all()) {
            for (Sample s : spec.samples()) {
                String name = spec.op() + (spec.variant().isEmpty() ? "" : " [" + spec.variant() + "]") + " " + s.label();
                out.add(Arguments.of(Named.of(name, new Case(spec, s))));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sweep(Case c) {
        OpSpec spec = c.spec();
        Sample s = c.sample();
        String label = spec.op() + (spec.variant().isEmpty() ? "" : " [" + spec.variant() + "]") + " sample " + s.label();

        // (a) the function applies the op the registry lists under this name
        Variable[] vars = new Variable[s.inputs().length];
        for (int i = 0; i < vars.length; i++) {
            vars[i] = new Variable(s.inputs()[i], s.inputs()[i].dtype() == DType.FLOAT32);
        }
        Variable y = spec.fn().apply(vars);
        assertEquals(OpRegistry.get(spec.op()).type(), y.creator().getClass(), label + ": op class");

        // (b) forward against the double-precision reference
        if (spec.ref() != null) {
            DArray[] d = new DArray[s.inputs().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = DArray.of(s.inputs()[i]);
            }
            spec.ref().apply(d).assertClose(y.value(), spec.forwardRtol(), spec.forwardRtol() / 10, label);
        }

        // (c) gradients against central differences
        GradCheck.check(label, spec.fn(), spec.tol(), s.wrt(), s.inputs());

        // (d) strided views compute what contiguous tensors do, gradients included
        Tensor[] strided = new Tensor[s.inputs().length];
        for (int i = 0; i < strided.length; i++) {
            strided[i] = strided(s.inputs()[i]);
        }
        Variable[] a = leaves(s.inputs(), s.wrt());
        Variable[] b = leaves(strided, s.wrt());
        Variable ya = spec.fn().apply(a);
        Variable yb = spec.fn().apply(b);
        assertTrue(yb.value().allClose(ya.value(), 1e-6, 1e-7), label + ": strided inputs change the forward");
        Tensor g = Tensor.normal(new kiln.tensor.Generator(5), 0, 1, ya.value().dims());
        ya.backward(g);
        yb.backward(g);
        for (int i = 0; i < a.length; i++) {
            if (a[i].requiresGrad()) {
                assertTrue(b[i].grad().allClose(a[i].grad(), 1e-6, 1e-7),
                        label + ": strided input " + i + " changes its gradient");
            }
        }
    }

    private static Variable[] leaves(Tensor[] in, boolean[] wrt) {
        Variable[] v = new Variable[in.length];
        for (int i = 0; i < in.length; i++) {
            v[i] = new Variable(in[i], wrt[i] && in[i].dtype() == DType.FLOAT32);
        }
        return v;
    }

    /** The same values as a non-contiguous view: every stride doubled (a slice of an interleaved buffer). */
    static Tensor strided(Tensor t) {
        if (t.size() <= 1) {
            return t;
        }
        int[] d = t.dims();
        int[] wide = java.util.Arrays.copyOf(d, d.length + 1);
        wide[d.length] = 2;
        Tensor base = Tensor.zeros(t.dtype(), kiln.tensor.Shape.of(wide), t.device());
        Tensor view = base.select(-1, 1);
        view.copyFrom(t);
        return view;
    }

    @Test
    void everyRegisteredOpHasASpec() {
        Set<String> specced = OpSpecs.all().stream().map(OpSpec::op).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (OpRegistry.Entry e : OpRegistry.all()) {
            if (!specced.contains(e.name())) {
                missing.add(e.name());
            }
        }
        assertTrue(missing.isEmpty(), "ops in OpRegistry without an OpSpec (add one to OpSpecs): " + missing);
        for (String name : specced) {
            OpRegistry.get(name); // a spec for an unregistered name throws, listing the known ones
        }
    }

    @Test
    void everyOpClassIsRegistered() throws IOException, ClassNotFoundException {
        Path dir = Path.of("autograd/kiln/autograd/ops");
        assertTrue(Files.isDirectory(dir), "run from the repository root: " + dir.toAbsolutePath());
        Set<Class<?>> registered = OpRegistry.all().stream().map(OpRegistry.Entry::type).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String file = p.getFileName().toString();
                if (!file.endsWith(".java")) {
                    continue;
                }
                Class<?> c = Class.forName("kiln.autograd.ops." + file.substring(0, file.length() - 5));
                if (Op.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && !registered.contains(c)) {
                    missing.add(c.getSimpleName());
                }
            }
        }
        assertTrue(missing.isEmpty(), "op classes missing from OpRegistry: " + missing);
    }

    @Test
    void sweepIsNotEmpty() {
        if (cases().count() < OpRegistry.all().size()) {
            fail("fewer cases than registered ops");
        }
    }
}
