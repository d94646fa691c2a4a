package kiln.kernels.cpu;

import static kiln.kernels.cpu.CpuBackend.floats;

import java.util.Arrays;
import kiln.tensor.Tensor;

/**
 * The CPU backend's fused optimizer updates ({@link kiln.tensor.Backend#sgdUpdate} and its siblings): a
 * {@link Loop} plan over the weight, its gradient and its slots, each row to {@link OptimizerKernels}.
 * Operands of any strides; the plan splits large ones across threads like every elementwise op.
 */
final class CpuOptimizerUpdates {
    private CpuOptimizerUpdates() {}

    // m non-null: plain SGD is CpuBackend's axpy
    static void sgd(Tensor w, Tensor g, Tensor m, float lr, float momentum, boolean nesterov) {
        Loop plan = Loop.of(w, g, m);
        float[] ws = floats(w);
        float[] gs = floats(g);
        float[] ms = floats(m);
        int[] st = plan.innerStrides();
        plan.run((off, n) -> OptimizerKernels.sgd(ws, gs, ms, off, st, n, lr, momentum, nesterov));
    }

    static void adam(Tensor w, Tensor g, Tensor m, Tensor v, Tensor vhat, float alpha, float c1, float c2,
                     float epsilon) {
        Loop plan = Loop.of(present(w, g, m, v, vhat));
        float[] ws = floats(w);
        float[] gs = floats(g);
        float[] ms = floats(m);
        float[] vs = floats(v);
        float[] hs = vhat == null ? null : floats(vhat);
        int[] st = plan.innerStrides();
        plan.run((off, n) -> OptimizerKernels.adam(ws, gs, ms, vs, hs, off, st, n, alpha, c1, c2, epsilon));
    }

    static void adamax(Tensor w, Tensor g, Tensor m, Tensor u, float lr, float c1, float beta2, float epsilon,
                       float biasCorrection) {
        Loop plan = Loop.of(w, g, m, u);
        float[] ws = floats(w);
        float[] gs = floats(g);
        float[] ms = floats(m);
        float[] us = floats(u);
        int[] st = plan.innerStrides();
        plan.run((off, n) -> OptimizerKernels.adamax(ws, gs, ms, us, off, st, n, lr, c1, beta2, epsilon, biasCorrection));
    }

    // oneMinusP, oneMinusPNext: rank 0, read once here (on the CPU the device is the host)
    static void nadam(Tensor w, Tensor g, Tensor m, Tensor v, Tensor oneMinusP, Tensor oneMinusPNext, float lr,
                      float c1, float c2, float muNext, float oneMinusMu, float vCorrection, float epsilon) {
        Loop plan = Loop.of(w, g, m, v);
        float[] ws = floats(w);
        float[] gs = floats(g);
        float[] ms = floats(m);
        float[] vs = floats(v);
        float p = floats(oneMinusP)[oneMinusP.offset()];
        float pNext = floats(oneMinusPNext)[oneMinusPNext.offset()];
        int[] st = plan.innerStrides();
        plan.run((off, n) -> OptimizerKernels.nadam(ws, gs, ms, vs, off, st, n, p, pNext, lr, c1, c2, muNext, oneMinusMu,
                vCorrection, epsilon));
    }

    static void rmsprop(Tensor w, Tensor g, Tensor v, Tensor mom, Tensor avg, float lr, float rho, float oneMinusRho,
                        float momentum, float epsilon) {
        Loop plan = Loop.of(present(w, g, v, mom, avg));
        float[] ws = floats(w);
        float[] gs = floats(g);
        float[] vs = floats(v);
        float[] ms = mom == null ? null : floats(mom);
        float[] as = avg == null ? null : floats(avg);
        int[] st = plan.innerStrides();
        plan.run((off, n) -> OptimizerKernels.rmsprop(ws, gs, vs, ms, as, off, st, n, lr, rho, oneMinusRho, momentum,
                epsilon));
    }

    static void adagrad(Tensor w, Tensor g, Tensor acc, float lr, float epsilon) {
        Loop plan = Loop.of(w, g, acc);
        float[] ws = floats(w);
        float[] gs = floats(g);
        float[] as = floats(acc);
        int[] st = plan.innerStrides();
        plan.run((off, n) -> OptimizerKernels.adagrad(ws, gs, as, off, st, n, lr, epsilon));
    }

    static void lion(Tensor w, Tensor g, Tensor m, float lr, float beta1, float c1, float beta2, float c2) {
        Loop plan = Loop.of(w, g, m);
        float[] ws = floats(w);
        float[] gs = floats(g);
        float[] ms = floats(m);
        int[] st = plan.innerStrides();
        plan.run((off, n) -> OptimizerKernels.lion(ws, gs, ms, off, st, n, lr, beta1, c1, beta2, c2));
    }

    static void adadelta(Tensor w, Tensor g, Tensor eg, Tensor ex, float lr, float rho, float oneMinusRho,
                         float epsilon) {
        Loop plan = Loop.of(w, g, eg, ex);
        float[] ws = floats(w);
        float[] gs = floats(g);
        float[] egs = floats(eg);
        float[] exs = floats(ex);
        int[] st = plan.innerStrides();
        plan.run((off, n) -> OptimizerKernels.adadelta(ws, gs, egs, exs, off, st, n, lr, rho, oneMinusRho, epsilon));
    }

    static void ftrl(Tensor w, Tensor g, Tensor accum, Tensor linear, float lr, float power, float l1, float twoL2,
                     float twoShrinkage) {
        Loop plan = Loop.of(w, g, accum, linear);
        float[] ws = floats(w);
        float[] gs = floats(g);
        float[] ns = floats(accum);
        float[] zs = floats(linear);
        int[] st = plan.innerStrides();
        plan.run((off, n) -> OptimizerKernels.ftrl(ws, gs, ns, zs, off, st, n, lr, power, l1, twoL2, twoShrinkage));
    }

    static void decay(Tensor w, float weightDecay, float lr) {
        Loop plan = Loop.of(w);
        float[] ws = floats(w);
        int sw = plan.innerStride(0);
        plan.run((off, n) -> OptimizerKernels.decay(ws, off[0], sw, n, weightDecay, lr));
    }

    /** The operands that are there: an absent optional slot (null) is no operand of the plan. */
    private static Tensor[] present(Tensor... ts) {
        int k = 0;
        for (Tensor t : ts) {
            if (t != null) {
                ts[k++] = t;
            }
        }
        return k == ts.length ? ts : Arrays.copyOf(ts, k);
    }
}
