package kiln.nn.saving;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keras's {@code serialize_keras_object}: the {module, class_name, config, registered_name} wrapper. */
public final class Serialization {
    private Serialization() {}

    /** The wrapped config of an object, or null for null (Keras writes {@code null} for absent objects). */
    public static Map<String, Object> serialize(KerasSerializable o, String module) {
        if (o == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", module);
        m.put("class_name", o.className());
        m.put("config", o.getConfig());
        m.put("registered_name", null);
        return m;
    }

    /** Keras 3's float32 dtype policy, as every layer config carries it. */
    public static Map<String, Object> dtypePolicy() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras");
        m.put("class_name", "DTypePolicy");
        m.put("config", new LinkedHashMap<>(Map.of("name", "float32")));
        m.put("registered_name", null);
        return m;
    }
}
