// optimizer.cu: fused optimizer updates, one pass over (w, g, slots) instead of four to six Tensor ops.
// Each is the same float arithmetic, in the same order, as the Tensor-op version in kiln.nn.optimizers
// (SGD.updateStep, Adam.updateStep); compiled with --fmad=false so it rounds the same way.
// All operands are contiguous, n elements.
#include "kiln_common.cuh"

// Keras SGD with momentum: m = mu*m - lr*g; w += m (nesterov: w += mu*m - lr*g). mu == 0: w -= lr*g.
extern "C" __global__ void sgd_momentum(int n, float lr, float mu, int nesterov, float* w,
                                        const float* __restrict__ g, float* m) {
    KILN_FOR(i, n) {
        float glr = g[i] * lr;
        if (mu == 0.f) {
            w[i] = w[i] - glr;
            continue;
        }
        float mi = m[i] * mu - glr;
        m[i] = mi;
        w[i] = nesterov ? w[i] + (mi * mu - glr) : w[i] + mi;
    }
}

// Keras Adam (and AdamW after the host's decoupled decay): alpha = lr*sqrt(1-b2^t)/(1-b1^t) from the host;
// m += (g - m)*(1 - b1); v += (g^2 - v)*(1 - b2); amsgrad: vhat = max(vhat, v), used in place of v;
// w -= (m*alpha) / (sqrt(v) + eps). vhat is nullptr without amsgrad.
extern "C" __global__ void adam(int n, float alpha, float one_minus_b1, float one_minus_b2, float eps, float* w,
                                const float* __restrict__ g, float* m, float* v, float* vhat) {
    KILN_FOR(i, n) {
        float gi = g[i];
        float mi = m[i] + (gi - m[i]) * one_minus_b1;
        float vi = v[i] + (gi * gi - v[i]) * one_minus_b2;
        m[i] = mi;
        v[i] = vi;
        if (vhat) {
            vi = jmax(vhat[i], vi);
            vhat[i] = vi;
        }
        float den = (float) sqrt((double) vi) + eps;
        w[i] = w[i] - (mi * alpha) / den;
    }
}

// AdamW's decoupled weight decay, applied before adam(): w -= w * (lr * wd).
extern "C" __global__ void decay_weights(int n, float lr_wd, float* w) {
    KILN_FOR(i, n) w[i] = w[i] - w[i] * lr_wd;
}
