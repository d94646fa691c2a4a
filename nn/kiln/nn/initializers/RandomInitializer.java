package kiln.nn.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.tensor.Generator;

/**
 * Base of the seeded initializers. As in Keras 3, {@code seed=null} draws from the global generator
 * (repeatable after {@code Generator.setGlobalSeed}); an explicit seed gives the initializer its own
 * generator, so a fresh initializer with the same seed always starts with the same values. Kiln's
 * generator is its own (counter-based), so values match Keras's statistics, not its exact numbers.
 */
abstract class RandomInitializer implements Initializer {
    private final Integer seed;
    private final Generator own;

    RandomInitializer(Integer seed) {
        this.seed = seed;
        this.own = seed == null ? null : new Generator(seed);
    }

    /** The generator to draw from. */
    Generator generator() {
        return own != null ? own : Generator.global();
    }

    /** The seed, or null. */
    public Integer seed() {
        return seed;
    }

    /** A config map: "seed" first, then the subclass's keys, in Keras 3's order. */
    Map<String, Object> configWith(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
