package kiln.nn.saving;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One package's table of Keras identifiers: string names (with aliases) that make an object with
 * defaults, and class names that rebuild one from a config. Strings stop here; past a registry
 * everything is typed. An unknown name fails with the list of valid ones.
 *
 * @param <T> what the package makes (Initializer, LearningRateSchedule, ...)
 */
public final class Registry<T> {
    private final String kind;
    private final Map<String, Supplier<? extends T>> byName = new LinkedHashMap<>();
    private final Map<String, Function<Config, ? extends T>> byClass = new LinkedHashMap<>();

    /** @param kind what the identifiers denote, for messages ("initializer", "loss") */
    public Registry(String kind) {
        this.kind = kind;
    }

    /** Registers a class: its Keras class name, string names/aliases, default factory and config factory. */
    public Registry<T> add(String className, Supplier<? extends T> defaults, Function<Config, ? extends T> fromConfig,
                           String... names) {
        byClass.put(className, fromConfig);
        if (defaults != null) {
            byName.put(className, defaults);
            for (String n : names) {
                byName.put(n, defaults);
            }
        }
        return this;
    }

    /** The object a string identifier names, made with Keras's defaults. */
    public T get(String identifier) {
        Supplier<? extends T> s = identifier == null ? null : byName.get(identifier);
        if (s == null) {
            throw new IllegalArgumentException("Could not interpret " + kind + " identifier: '" + identifier
                    + "'. Valid identifiers: " + String.join(", ", new TreeSet<>(byName.keySet())));
        }
        return s.get();
    }

    /** Rebuilds an object from its Keras class name and config. */
    public T fromConfig(String className, Map<String, Object> config) {
        Function<Config, ? extends T> f = byClass.get(className);
        if (f == null) {
            throw new IllegalArgumentException("Unknown " + kind + " class '" + className + "'. Known: "
                    + String.join(", ", new TreeSet<>(byClass.keySet())));
        }
        return f.apply(new Config(className, config));
    }

    /** Every string identifier, sorted. */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(new TreeSet<>(byName.keySet())));
    }

    /** Every class name, in registration order. */
    public List<String> classNames() {
        return List.copyOf(byClass.keySet());
    }
}
