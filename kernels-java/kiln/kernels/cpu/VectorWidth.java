package kiln.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float species every Vector API kernel uses: the CPU's preferred one, or the width forced by
 * {@code -Dkiln.simd=128|256|512}. Loaded only when {@link Simd#enabled()}.
 */
final class VectorWidth {
    static final VectorSpecies<Float> F = choose();

    private VectorWidth() {}

    static int bits() {
        return F.vectorBitSize();
    }

    private static VectorSpecies<Float> choose() {
        int bits = Simd.requestedBits();
        if (bits <= 0) {
            return FloatVector.SPECIES_PREFERRED;
        }
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() < bits
                ? FloatVector.SPECIES_PREFERRED
                : VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }
}
