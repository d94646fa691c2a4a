package kiln.kernels.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import kiln.tensor.Tensor;

/**
 * The CUDA backend's fused optimizer updates ({@link kiln.tensor.Backend#sgdUpdate} and its siblings): one
 * {@code optimizer.cu} launch per call, the arithmetic of Backend's defaults. The kernels index dense memory, so
 * each method returns false, launching nothing, when an operand is not contiguous; {@link CudaBackend} then runs
 * the composed default, which gives the same bits in more launches. Weights and slots are created dense: what
 * takes that path is a gradient that is a view.
 */
final class CudaOptimizerUpdates {
    private final CudaBackend be;

    CudaOptimizerUpdates(CudaBackend backend) {
        this.be = backend;
    }

    /** {@code out += alpha·x}: the sgd kernel without a momentum slot is exactly {@code w + g·(−lr)}, one pass. */
    boolean axpy(float alpha, Tensor x, Tensor out) {
        if (!x.shape().equals(out.shape()) || !allContiguous(out, x)) {
            return false;
        }
        launch("sgd", out, new KernelArgs().i32(out.size()).f32(-alpha).f32(0f).i32(0).ptr(be.at(out)).ptr(be.at(x))
                .ptr(0));
        return true;
    }

    boolean sgd(Tensor w, Tensor g, Tensor m, float lr, float momentum, boolean nesterov) {
        if (!allContiguous(w, g, m)) {
            return false;
        }
        launch("sgd", w, new KernelArgs().i32(w.size()).f32(lr).f32(momentum).i32(nesterov ? 1 : 0).ptr(be.at(w))
                .ptr(be.at(g)).ptr(at(m)));
        return true;
    }

    boolean adam(Tensor w, Tensor g, Tensor m, Tensor v, Tensor vhat, float alpha, float c1, float c2, float epsilon) {
        if (!allContiguous(w, g, m, v, vhat)) {
            return false;
        }
        launch("adam", w, new KernelArgs().i32(w.size()).f32(alpha).f32(c1).f32(c2).f32(epsilon).ptr(be.at(w))
                .ptr(be.at(g)).ptr(be.at(m)).ptr(be.at(v)).ptr(at(vhat)));
        return true;
    }

    boolean adamax(Tensor w, Tensor g, Tensor m, Tensor u, float lr, float c1, float beta2, float epsilon,
                   float biasCorrection) {
        if (!allContiguous(w, g, m, u)) {
            return false;
        }
        launch("adamax", w, new KernelArgs().i32(w.size()).f32(lr).f32(c1).f32(beta2).f32(epsilon).f32(biasCorrection)
                .ptr(be.at(w)).ptr(be.at(g)).ptr(be.at(m)).ptr(be.at(u)));
        return true;
    }

    /** 1 − P_t and 1 − P_t+1 are read by the kernel from device memory: nothing comes back to the host. */
    boolean nadam(Tensor w, Tensor g, Tensor m, Tensor v, Tensor oneMinusP, Tensor oneMinusPNext, float lr, float c1,
                  float c2, float muNext, float oneMinusMu, float vCorrection, float epsilon) {
        if (!allContiguous(w, g, m, v)) {
            return false;
        }
        launch("nadam", w, new KernelArgs().i32(w.size()).f32(lr).f32(c1).f32(c2).f32(muNext).f32(oneMinusMu)
                .f32(vCorrection).f32(epsilon).ptr(be.at(oneMinusP)).ptr(be.at(oneMinusPNext)).ptr(be.at(w))
                .ptr(be.at(g)).ptr(be.at(m)).ptr(be.at(v)));
        return true;
    }

    boolean rmsprop(Tensor w, Tensor g, Tensor v, Tensor mom, Tensor avg, float lr, float rho, float oneMinusRho,
                    float momentum, float epsilon) {
        if (!allContiguous(w, g, v, mom, avg)) {
            return false;
        }
        launch("rmsprop", w, new KernelArgs().i32(w.size()).f32(lr).f32(rho).f32(oneMinusRho).f32(momentum)
                .f32(epsilon).ptr(be.at(w)).ptr(be.at(g)).ptr(be.at(v)).ptr(at(mom)).ptr(at(avg)));
        return true;
    }

    boolean adagrad(Tensor w, Tensor g, Tensor acc, float lr, float epsilon) {
        if (!allContiguous(w, g, acc)) {
            return false;
        }
        launch("adagrad", w, new KernelArgs().i32(w.size()).f32(lr).f32(epsilon).ptr(be.at(w)).ptr(be.at(g))
                .ptr(be.at(acc)));
        return true;
    }

    boolean lion(Tensor w, Tensor g, Tensor m, float lr, float beta1, float c1, float beta2, float c2) {
        if (!allContiguous(w, g, m)) {
            return false;
        }
        launch("lion", w, new KernelArgs().i32(w.size()).f32(lr).f32(beta1).f32(c1).f32(beta2).f32(c2).ptr(be.at(w))
                .ptr(be.at(g)).ptr(be.at(m)));
        return true;
    }

    boolean adadelta(Tensor w, Tensor g, Tensor eg, Tensor ex, float lr, float rho, float oneMinusRho, float epsilon) {
        if (!allContiguous(w, g, eg, ex)) {
            return false;
        }
        launch("adadelta", w, new KernelArgs().i32(w.size()).f32(lr).f32(rho).f32(oneMinusRho).f32(epsilon)
                .ptr(be.at(w)).ptr(be.at(g)).ptr(be.at(eg)).ptr(be.at(ex)));
        return true;
    }

    boolean ftrl(Tensor w, Tensor g, Tensor n, Tensor z, float lr, float power, float l1, float twoL2,
                 float twoShrinkage) {
        if (!allContiguous(w, g, n, z)) {
            return false;
        }
        launch("ftrl", w, new KernelArgs().i32(w.size()).f32(lr).f32(power).f32(l1).f32(twoL2).f32(twoShrinkage)
                .ptr(be.at(w)).ptr(be.at(g)).ptr(be.at(n)).ptr(be.at(z)));
        return true;
    }

    boolean decay(Tensor w, float weightDecay, float lr) {
        if (!w.isContiguous()) {
            return false;
        }
        launch("decay_weights", w, new KernelArgs().i32(w.size()).f32(weightDecay).f32(lr).ptr(be.at(w)));
        return true;
    }

    /**
     * sgd_list over the weights whose operands are all contiguous; returns the indices of the others, for the
     * one-weight path.
     */
    List<Integer> sgdList(List<Tensor> w, List<Tensor> g, List<Tensor> m, float lr, float momentum, boolean nesterov) {
        return launchLists("sgd_list", Arrays.asList(w, g, m),
                args -> args.f32(lr).f32(momentum).i32(nesterov ? 1 : 0));
    }

    /** adam_list, as {@link #sgdList}. */
    List<Integer> adamList(List<Tensor> w, List<Tensor> g, List<Tensor> m, List<Tensor> v, List<Tensor> vhat,
                           float alpha, float c1, float c2, float epsilon) {
        return launchLists("adam_list", Arrays.asList(w, g, m, v, vhat),
                args -> args.f32(alpha).f32(c1).f32(c2).f32(epsilon));
    }

    /**
     * Launches a list kernel over the weights of {@code operands} (operand k of weight i is
     * {@code operands.get(k).get(i)}; a null list is an absent slot), {@link KernelArgs#LIST_MAX} weights a launch
     * with {@code scalars} after the list. Weights with a non-contiguous operand are left out and returned;
     * empty ones need nothing.
     */
    private List<Integer> launchLists(String kernel, List<List<Tensor>> operands, Consumer<KernelArgs> scalars) {
        List<Tensor> w = operands.get(0);
        List<Integer> rest = new ArrayList<>();
        List<Integer> batch = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            int weight = i;
            if (!operands.stream().allMatch(op -> op == null || op.get(weight).isContiguous())) {
                rest.add(i);
            } else if (w.get(i).size() > 0) {
                batch.add(i);
            }
            if (batch.size() == KernelArgs.LIST_MAX || (i == w.size() - 1 && !batch.isEmpty())) {
                int[] n = new int[batch.size()];
                long[][] ptrs = new long[operands.size()][batch.size()];
                int largest = 0;
                for (int t = 0; t < n.length; t++) {
                    n[t] = w.get(batch.get(t)).size();
                    largest = Math.max(largest, n[t]);
                    for (int k = 0; k < ptrs.length; k++) {
                        ptrs[k][t] = operands.get(k) == null ? 0 : be.at(operands.get(k).get(batch.get(t)));
                    }
                }
                KernelArgs args = new KernelArgs().tensorList(n, ptrs);
                scalars.accept(args);
                be.cx.launch(CudaModule.OPTIMIZER, kernel, be.grid(largest), n.length, 1, CudaBackend.THREADS, args);
                batch.clear();
            }
        }
        return rest;
    }

    private void launch(String kernel, Tensor w, KernelArgs args) {
        if (w.size() > 0) {
            be.launch1d(CudaModule.OPTIMIZER, kernel, w.size(), args);
        }
    }

    /** An optional slot's address; nullptr (0) when absent. */
    private long at(Tensor slot) {
        return slot == null ? 0 : be.at(slot);
    }

    // null: an absent slot
    private static boolean allContiguous(Tensor... ts) {
        for (Tensor t : ts) {
            if (t != null && !t.isContiguous()) {
                return false;
            }
        }
        return true;
    }
}
