package kiln.tensor;

import java.util.List;

/**
 * Argument checks of the fused optimizer updates; the work is the Backend's: {@link Backend#sgdUpdate},
 * {@link Backend#adamUpdate}, {@link Backend#adamaxUpdate}, {@link Backend#nadamUpdate},
 * {@link Backend#rmspropUpdate}, {@link Backend#adagradUpdate}, {@link Backend#lionUpdate},
 * {@link Backend#adadeltaUpdate}, {@link Backend#ftrlUpdate} and {@link Backend#decayWeights}.
 */
final class OptimizerUpdates {
    private OptimizerUpdates() {}

    static void sgd(Tensor w, Tensor g, Tensor m, float lr, float momentum, boolean nesterov) {
        if (m == null && momentum != 0f) {
            throw new IllegalArgumentException("sgdUpdate: momentum=" + momentum + " needs a momentum slot, got m=null");
        }
        check("sgdUpdate", 2, new String[] {"w", "g", "m"}, w, g, m);
        w.backend().sgdUpdate(w, g, m, lr, momentum, nesterov);
    }

    static void adam(Tensor w, Tensor g, Tensor m, Tensor v, Tensor vhat, float alpha, float c1, float c2, float eps) {
        check("adamUpdate", 4, new String[] {"w", "g", "m", "v", "vhat"}, w, g, m, v, vhat);
        w.backend().adamUpdate(w, g, m, v, vhat, alpha, c1, c2, eps);
    }

    static void sgds(List<Tensor> w, List<Tensor> g, List<Tensor> m, float lr, float momentum, boolean nesterov) {
        sameLength("sgdUpdates", w, g, m);
        for (int i = 0; i < w.size(); i++) {
            if (m == null && momentum != 0f) {
                throw new IllegalArgumentException("sgdUpdates: momentum=" + momentum + " needs momentum slots, got m=null");
            }
            check("sgdUpdates", 2, new String[] {"w", "g", "m"}, w.get(i), g.get(i), m == null ? null : m.get(i));
        }
        backendOf("sgdUpdates", w).sgdUpdates(w, g, m, lr, momentum, nesterov);
    }

    static void adams(List<Tensor> w, List<Tensor> g, List<Tensor> m, List<Tensor> v, List<Tensor> vhat, float alpha,
                      float c1, float c2, float eps) {
        sameLength("adamUpdates", w, g, m, v, vhat);
        for (int i = 0; i < w.size(); i++) {
            check("adamUpdates", 4, new String[] {"w", "g", "m", "v", "vhat"}, w.get(i), g.get(i), m.get(i), v.get(i),
                    vhat == null ? null : vhat.get(i));
        }
        backendOf("adamUpdates", w).adamUpdates(w, g, m, v, vhat, alpha, c1, c2, eps);
    }

    /** Every list (null: an absent slot list, allowed after the first two) as long as the weights'. */
    @SafeVarargs
    private static void sameLength(String op, List<Tensor>... lists) {
        for (int k = 1; k < lists.length; k++) {
            if (lists[k] == null ? k < 2 : lists[k].size() != lists[0].size()) {
                throw new IllegalArgumentException(op + ": " + (lists[k] == null ? "null list" : lists[k].size()
                        + " tensors") + " in argument " + (k + 1) + " for " + lists[0].size() + " weights");
            }
        }
    }

    /** The one backend of all the weights; an error naming the devices when they differ. */
    private static Backend backendOf(String op, List<Tensor> w) {
        for (Tensor t : w) {
            if (!t.device().equals(w.get(0).device())) {
                throw new IllegalArgumentException(op + ": weights on " + w.get(0).device() + " and " + t.device()
                        + " in one call");
            }
        }
        return w.isEmpty() ? Backends.get(Device.CPU) : w.get(0).backend();
    }

    static void adamax(Tensor w, Tensor g, Tensor m, Tensor u, float lr, float c1, float beta2, float eps,
                       float biasCorrection) {
        check("adamaxUpdate", 4, new String[] {"w", "g", "m", "u"}, w, g, m, u);
        w.backend().adamaxUpdate(w, g, m, u, lr, c1, beta2, eps, biasCorrection);
    }

    static void nadam(Tensor w, Tensor g, Tensor m, Tensor v, Tensor oneMinusP, Tensor oneMinusPNext, float lr,
                      float c1, float c2, float muNext, float oneMinusMu, float vCorrection, float eps) {
        String[] names = {"w", "g", "m", "v"};
        check("nadamUpdate", 4, names, w, g, m, v);
        checkScalar("nadamUpdate", "oneMinusP", oneMinusP, names, w, g, m, v);
        checkScalar("nadamUpdate", "oneMinusPNext", oneMinusPNext, names, w, g, m, v);
        w.backend().nadamUpdate(w, g, m, v, oneMinusP, oneMinusPNext, lr, c1, c2, muNext, oneMinusMu, vCorrection, eps);
    }

    static void rmsprop(Tensor w, Tensor g, Tensor v, Tensor mom, Tensor avg, float lr, float rho, float oneMinusRho,
                        float momentum, float eps) {
        check("rmspropUpdate", 3, new String[] {"w", "g", "v", "mom", "avg"}, w, g, v, mom, avg);
        w.backend().rmspropUpdate(w, g, v, mom, avg, lr, rho, oneMinusRho, momentum, eps);
    }

    static void adagrad(Tensor w, Tensor g, Tensor acc, float lr, float eps) {
        check("adagradUpdate", 3, new String[] {"w", "g", "acc"}, w, g, acc);
        w.backend().adagradUpdate(w, g, acc, lr, eps);
    }

    static void lion(Tensor w, Tensor g, Tensor m, float lr, float beta1, float c1, float beta2, float c2) {
        check("lionUpdate", 3, new String[] {"w", "g", "m"}, w, g, m);
        w.backend().lionUpdate(w, g, m, lr, beta1, c1, beta2, c2);
    }

    static void adadelta(Tensor w, Tensor g, Tensor eg, Tensor ex, float lr, float rho, float oneMinusRho,
                         float eps) {
        check("adadeltaUpdate", 4, new String[] {"w", "g", "eg", "ex"}, w, g, eg, ex);
        w.backend().adadeltaUpdate(w, g, eg, ex, lr, rho, oneMinusRho, eps);
    }

    static void ftrl(Tensor w, Tensor g, Tensor n, Tensor z, float lr, float power, float l1, float twoL2,
                     float twoShrinkage) {
        check("ftrlUpdate", 4, new String[] {"w", "g", "n", "z"}, w, g, n, z);
        w.backend().ftrlUpdate(w, g, n, z, lr, power, l1, twoL2, twoShrinkage);
    }

    static void decay(Tensor w, float weightDecay, float lr) {
        check("decayWeights", 1, new String[] {"w"}, w);
        w.backend().decayWeights(w, weightDecay, lr);
    }

    /**
     * The first {@code required} operands are non-null (the others are optional slots); every non-null
     * operand is float32, on w's device and of w's shape; all but g are written, so none of those may be
     * a broadcast view; and no two share storage, since the backends read each element of g and of the
     * slots once while the op-by-op default reads them again after earlier writes.
     */
    private static void check(String op, int required, String[] names, Tensor... t) {
        for (int i = 0; i < required; i++) {
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

    /**
     * A per-step scalar kept on the device: a float32 rank-0 tensor on w's device ({@code t[0]}), in storage
     * of its own (the default reads it after writing the slots).
     */
    private static void checkScalar(String op, String name, Tensor s, String[] names, Tensor... t) {
        String what = op + ": " + name;
        if (s == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (s.dtype() != DType.FLOAT32 || s.rank() != 0) {
            throw new IllegalArgumentException(what + " must be a float32 scalar (rank 0), got " + s.dtype()
                    + " of shape " + s.shape());
        }
        if (!s.device().equals(t[0].device())) {
            throw new IllegalArgumentException(what + " is on " + s.device() + ", but w is on " + t[0].device()
                    + " (move it with to(device))");
        }
        for (int j = 0; j < t.length; j++) {
            if (t[j].buffer() == s.buffer()) {
                throw new IllegalArgumentException(what + " shares memory with " + names[j]
                        + "; each operand needs its own storage");
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
