package kiln.kernels.cpu;

/**
 * Row kernels of the fused optimizer updates ({@link kiln.tensor.Backend#sgdUpdate},
 * {@link kiln.tensor.Backend#adamUpdate}, {@link kiln.tensor.Backend#decayWeights}): operand k of a
 * {@link Loop} row starts at {@code off[k]} with stride {@code st[k]}. Dense rows go to the Vector API
 * twin, which returns how far it got; the scalar loop does the rest. Both do each Backend default's
 * float operations in the same order, one rounding per operation, so they equal the op-by-op chain bit
 * for bit. Operands never share storage (Tensor checks it), so each element is read before it is written.
 */
final class OptimizerKernels {
    private OptimizerKernels() {}

    /** Every operand walks its row with stride 1, and the Vector API is on. */
    private static boolean vectorRow(int[] st) {
        for (int s : st) {
            if (s != 1) {
                return false;
            }
        }
        return Simd.enabled();
    }

    // operands: 0 w, 1 g, 2 m
    static void sgd(float[] w, float[] g, float[] m, int[] off, int[] st, int n, float lr, float mu, boolean nesterov) {
        int i = vectorRow(st) ? OptimizerKernelsVector.sgd(w, off[0], g, off[1], m, off[2], n, lr, mu, nesterov) : 0;
        float nlr = -lr;
        for (; i < n; i++) {
            int wi = off[0] + i * st[0];
            int mi = off[2] + i * st[2];
            float gs = g[off[1] + i * st[1]] * nlr;
            float mv = m[mi] * mu + gs;
            m[mi] = mv;
            w[wi] = nesterov ? w[wi] + (mv * mu + gs) : w[wi] + mv;
        }
    }

    // operands: 0 w, 1 g, 2 m, 3 v, then 4 vhat when vh is non-null (AMSGrad)
    static void adam(float[] w, float[] g, float[] m, float[] v, float[] vh, int[] off, int[] st, int n,
                     float alpha, float c1, float c2, float eps) {
        int i = vectorRow(st) ? OptimizerKernelsVector.adam(w, off[0], g, off[1], m, off[2], v, off[3], vh,
                vh == null ? 0 : off[4], n, alpha, c1, c2, eps) : 0;
        for (; i < n; i++) {
            int wi = off[0] + i * st[0];
            int mi = off[2] + i * st[2];
            int vi = off[3] + i * st[3];
            float gi = g[off[1] + i * st[1]];
            float mv = m[mi] + (gi - m[mi]) * c1;
            float vv = v[vi] + (gi * gi - v[vi]) * c2;
            m[mi] = mv;
            v[vi] = vv;
            if (vh != null) {
                int hi = off[4] + i * st[4];
                vv = Math.max(vh[hi], vv);
                vh[hi] = vv;
            }
            w[wi] = w[wi] - (mv * alpha) / ((float) Math.sqrt(vv) + eps);
        }
    }

    static void decay(float[] w, int wo, int ws, int n, float wd, float lr) {
        int i = ws == 1 && Simd.enabled() ? OptimizerKernelsVector.decay(w, wo, n, wd, lr) : 0;
        for (; i < n; i++) {
            int wi = wo + i * ws;
            w[wi] = w[wi] - (w[wi] * wd) * lr;
        }
    }
}
