package kiln.kernels.cpu;

/**
 * Row kernels of the fused optimizer updates ({@link kiln.tensor.Backend#sgdUpdate},
 * {@link kiln.tensor.Backend#adamUpdate}, {@link kiln.tensor.Backend#adamaxUpdate},
 * {@link kiln.tensor.Backend#nadamUpdate}, {@link kiln.tensor.Backend#rmspropUpdate},
 * {@link kiln.tensor.Backend#adagradUpdate}, {@link kiln.tensor.Backend#lionUpdate},
 * {@link kiln.tensor.Backend#adadeltaUpdate}, {@link kiln.tensor.Backend#ftrlUpdate},
 * {@link kiln.tensor.Backend#decayWeights}): operand k of a {@link Loop} row starts at {@code off[k]} with
 * stride {@code st[k]}. Dense rows go to the Vector API twin, which returns how far it got; the scalar loop
 * does the rest (all of Ftrl's). Both do each Backend default's float operations in the same order, one
 * rounding per operation, so they equal the op-by-op chain bit for bit. Operands never share storage
 * (Tensor checks it), so each element is read before it is written.
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
            float mv = movingAverage(m[mi], gi, c1);
            float vv = movingAverage(v[vi], gi * gi, c2);
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

    // operands: 0 w, 1 g, 2 m, 3 u
    static void adamax(float[] w, float[] g, float[] m, float[] u, int[] off, int[] st, int n, float lr, float c1,
                       float beta2, float eps, float biasCorrection) {
        int i = vectorRow(st) ? OptimizerKernelsVector.adamax(w, off[0], g, off[1], m, off[2], u, off[3], n, lr, c1,
                beta2, eps, biasCorrection) : 0;
        for (; i < n; i++) {
            int wi = off[0] + i * st[0];
            int mi = off[2] + i * st[2];
            int ui = off[3] + i * st[3];
            float gi = g[off[1] + i * st[1]];
            float mv = movingAverage(m[mi], gi, c1);
            float uv = Math.max(u[ui] * beta2, Math.abs(gi));
            m[mi] = mv;
            u[ui] = uv;
            w[wi] = w[wi] - (mv * lr) / ((uv + eps) * biasCorrection);
        }
    }

    // operands: 0 w, 1 g, 2 m, 3 v; p = 1 − P_t and pNext = 1 − P_t+1, read from their rank-0 tensors
    static void nadam(float[] w, float[] g, float[] m, float[] v, int[] off, int[] st, int n, float p, float pNext,
                      float lr, float c1, float c2, float muNext, float oneMinusMu, float vCorrection, float eps) {
        int i = vectorRow(st) ? OptimizerKernelsVector.nadam(w, off[0], g, off[1], m, off[2], v, off[3], n, p, pNext,
                lr, c1, c2, muNext, oneMinusMu, vCorrection, eps) : 0;
        for (; i < n; i++) {
            int wi = off[0] + i * st[0];
            int mi = off[2] + i * st[2];
            int vi = off[3] + i * st[3];
            float gi = g[off[1] + i * st[1]];
            float mv = movingAverage(m[mi], gi, c1);
            float vv = movingAverage(v[vi], gi * gi, c2);
            m[mi] = mv;
            v[vi] = vv;
            float mHat = (mv * muNext) / pNext + (gi * oneMinusMu) / p;
            w[wi] = w[wi] - (mHat * lr) / ((float) Math.sqrt(vv / vCorrection) + eps);
        }
    }

    // operands: 0 w, 1 g, 2 v, then the momentum slot when hasMom, then the average gradient when hasAvg
    static void rmsprop(float[] w, float[] g, float[] v, float[] mom, float[] avg, int[] off, int[] st, int n,
                        float lr, float rho, float oneMinusRho, float momentum, float eps) {
        int ko = 3;
        int ka = mom == null ? 3 : 4;
        int i = vectorRow(st) ? OptimizerKernelsVector.rmsprop(w, off[0], g, off[1], v, off[2], mom,
                mom == null ? 0 : off[ko], avg, avg == null ? 0 : off[ka], n, lr, rho, oneMinusRho, momentum, eps) : 0;
        for (; i < n; i++) {
            int wi = off[0] + i * st[0];
            int vi = off[2] + i * st[2];
            float gi = g[off[1] + i * st[1]];
            float vv = v[vi] * rho + (gi * gi) * oneMinusRho;
            v[vi] = vv;
            float d;
            if (avg != null) {
                int ai = off[ka] + i * st[ka];
                float av = avg[ai] * rho + gi * oneMinusRho;
                avg[ai] = av;
                d = (vv - av * av) + eps;
            } else {
                d = vv + eps;
            }
            float inc = (gi * lr) / (float) Math.sqrt(d);
            if (mom != null) {
                int oi = off[ko] + i * st[ko];
                float mo = mom[oi] * momentum + inc;
                mom[oi] = mo;
                w[wi] = w[wi] - mo;
            } else {
                w[wi] = w[wi] - inc;
            }
        }
    }

    // operands: 0 w, 1 g, 2 acc
    static void adagrad(float[] w, float[] g, float[] acc, int[] off, int[] st, int n, float lr, float eps) {
        int i = vectorRow(st) ? OptimizerKernelsVector.adagrad(w, off[0], g, off[1], acc, off[2], n, lr, eps) : 0;
        for (; i < n; i++) {
            int wi = off[0] + i * st[0];
            int ai = off[2] + i * st[2];
            float gi = g[off[1] + i * st[1]];
            float av = acc[ai] + gi * gi;
            acc[ai] = av;
            w[wi] = w[wi] - (gi * lr) / (float) Math.sqrt(av + eps);
        }
    }

    // operands: 0 w, 1 g, 2 m
    static void lion(float[] w, float[] g, float[] m, int[] off, int[] st, int n, float lr, float beta1, float c1,
                     float beta2, float c2) {
        int i = vectorRow(st) ? OptimizerKernelsVector.lion(w, off[0], g, off[1], m, off[2], n, lr, beta1, c1, beta2,
                c2) : 0;
        for (; i < n; i++) {
            int wi = off[0] + i * st[0];
            int mi = off[2] + i * st[2];
            float gi = g[off[1] + i * st[1]];
            float mv = m[mi];
            w[wi] = w[wi] - Math.signum(mv * beta1 + gi * c1) * lr;
            m[mi] = mv * beta2 + gi * c2;
        }
    }

    // operands: 0 w, 1 g, 2 eg (accumulated squared gradient), 3 ex (accumulated squared delta)
    static void adadelta(float[] w, float[] g, float[] eg, float[] ex, int[] off, int[] st, int n, float lr, float rho,
                         float oneMinusRho, float eps) {
        int i = vectorRow(st) ? OptimizerKernelsVector.adadelta(w, off[0], g, off[1], eg, off[2], ex, off[3], n, lr,
                rho, oneMinusRho, eps) : 0;
        for (; i < n; i++) {
            int wi = off[0] + i * st[0];
            int ei = off[2] + i * st[2];
            int xi = off[3] + i * st[3];
            float gi = g[off[1] + i * st[1]];
            float egv = eg[ei] * rho + (gi * gi) * oneMinusRho;
            eg[ei] = egv;
            float exv = ex[xi];
            float delta = -(((float) Math.sqrt(exv + eps) * gi) / (float) Math.sqrt(egv + eps));
            ex[xi] = exv * rho + (delta * delta) * oneMinusRho;
            w[wi] = w[wi] + delta * lr;
        }
    }

    // operands: 0 w, 1 g, 2 n (accumulator), 3 z (linear). Scalar only: the Vector API's POW does not round as
    // Math.pow, and the chain's POW_SCALAR is scalar too. n'^p is computed once (the chain computed it twice).
    static void ftrl(float[] w, float[] g, float[] acc, float[] lin, int[] off, int[] st, int n, float lr, float p,
                     float l1, float twoL2, float twoShrinkage) {
        for (int i = 0; i < n; i++) {
            int wi = off[0] + i * st[0];
            int ni = off[2] + i * st[2];
            int zi = off[3] + i * st[3];
            float wv = w[wi];
            float gi = g[off[1] + i * st[1]];
            float nv = acc[ni];
            float gPrime = wv * twoShrinkage + gi;
            float nNew = gi * gi + nv;
            float nNewPow = ScalarMath.pow(nNew, p);
            float z = lin[zi] + (gPrime - ((nNewPow - ScalarMath.pow(nv, p)) / lr) * wv);
            lin[zi] = z;
            w[wi] = (Math.min(Math.max(z, -l1), l1) - z) / (nNewPow / lr + twoL2);
            acc[ni] = nNew;
        }
    }

    /** {@code avg + (x − avg)·c}: the Adam family's moment update (two roundings, then the add's). */
    static float movingAverage(float avg, float x, float c) {
        return avg + (x - avg) * c;
    }

    static void decay(float[] w, int wo, int ws, int n, float wd, float lr) {
        int i = ws == 1 && Simd.enabled() ? OptimizerKernelsVector.decay(w, wo, n, wd, lr) : 0;
        for (; i < n; i++) {
            int wi = wo + i * ws;
            w[wi] = w[wi] - (w[wi] * wd) * lr;
        }
    }
}
