package kiln.tensor;

/**
 * Argument checks of the fused optimizer updates; the work is {@link Backend#sgdUpdate},
 * {@link Backend#adamUpdate} and {@link Backend#decayWeights}.
 */
final class OptimizerUpdates {
    private OptimizerUpdates() {}

    static void sgd(Tensor w, Tensor g, Tensor m, float lr, float momentum, boolean nesterov) {
        if (m == null && momentum != 0f) {
            throw new IllegalArgumentException("sgdUpdate: momentum=" + momentum + " needs a momentum slot, got m=null");
        }
        check("sgdUpdate", new String[] {"w", "g", "m"}, w, g, m);
        w.backend().sgdUpdate(w, g, m, lr, momentum, nesterov);
    }

    static void adam(Tensor w, Tensor g, Tensor m, Tensor v, Tensor vhat, float alpha, float c1, float c2, float eps) {
        if (m == null || v == null) {
            throw new IllegalArgumentException("adamUpdate: " + (m == null ? "m" : "v") + " is null (m and v are required)");
        }
        check("adamUpdate", new String[] {"w", "g", "m", "v", "vhat"}, w, g, m, v, vhat);
        w.backend().adamUpdate(w, g, m, v, vhat, alpha, c1, c2, eps);
    }

    static void decay(Tensor w, float weightDecay, float lr) {
        check("decayWeights", new String[] {"w"}, w);
        w.backend().decayWeights(w, weightDecay, lr);
    }

    /**
     * Every non-null operand is float32, on w's device and of w's shape; all but g are written, so none
     * of those may be a broadcast view; and no two share storage, since the backends read each element
     * of g and of the slots once while the op-by-op default reads them again after earlier writes.
     */
    private static void check(String op, String[] names, Tensor... t) {
        for (int i = 0; i < Math.min(2, t.length); i++) { // w and g
            if (t[i] == null) {
                throw new IllegalArgumentException(op + ": " + names[i] + " is null");
            }
        }
        Tensor w = t[0];
        for (int i = 0; i < t.length; i++) {
            Tensor x = t[i];
            if (x == null) {
                continue;
            }
            String name = op + ": " + names[i];
            if (x.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException(name + " must be float32, got " + x.dtype() + " of shape " + x.shape());
            }
            if (!x.device().equals(w.device())) {
                throw new IllegalArgumentException(name + " is on " + x.device() + ", but w is on " + w.device()
                        + " (move it with to(device))");
            }
            if (!x.shape().equals(w.shape())) {
                throw new IllegalArgumentException(name + " has shape " + x.shape() + ", expected w's shape " + w.shape());
            }
            if (i != 1 && x.size() > 1 && hasZeroStride(x)) {
                throw new IllegalArgumentException(name + " is updated in place and must not be a broadcast view "
                        + "(it has a stride of 0)");
            }
            for (int j = 0; j < i; j++) {
                if (t[j] != null && t[j].buffer() == x.buffer()) {
                    throw new IllegalArgumentException(name + " shares memory with " + names[j]
                            + "; each operand needs its own storage");
                }
            }
        }
    }

    private static boolean hasZeroStride(Tensor x) {
        for (int a = 0; a < x.rank(); a++) {
            if (x.stride(a) == 0) {
                return true;
            }
        }
        return false;
    }
}
