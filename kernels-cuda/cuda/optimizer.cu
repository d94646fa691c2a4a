// optimizer.cu: fused optimizer updates, one pass over (w, g, slots) instead of four to six elementwise ops.
// Each is the float arithmetic of its kiln.tensor.Backend default (sgdUpdate, adamUpdate, decayWeights), in
// the same order, one rounding per operation; compiled with --fmad=false so no a*b + c becomes an FMA.
// All operands are contiguous, n elements, and distinct (each element is read before it is written).
#include "kiln_common.cuh"

// Keras SGD. m == nullptr: w += g*(-lr). Otherwise m = m*mu + g*(-lr); w += m (nesterov: w += m*mu + g*(-lr)).
extern "C" __global__ void sgd(int n, float lr, float mu, int nesterov, float* w, const float* __restrict__ g,
                               float* m) {
    float nlr = -lr;
    KILN_FOR(i, n) {
        float gs = g[i] * nlr;
        if (!m) {
            w[i] = w[i] + gs;
            continue;
        }
        float mi = m[i] * mu + gs;
        m[i] = mi;
        w[i] = nesterov ? w[i] + (mi * mu + gs) : w[i] + mi;
    }
}

// Keras Adam: alpha = lr*sqrt(1-b2^t)/(1-b1^t), c1 = 1-b1 and c2 = 1-b2 from the host;
// m += (g - m)*c1; v += (g*g - v)*c2; AMSGrad (vhat != nullptr): vhat = max(vhat, v), used in place of v;
// w -= (m*alpha) / (sqrt(v) + eps).
extern "C" __global__ void adam(int n, float alpha, float c1, float c2, float eps, float* w,
                                const float* __restrict__ g, float* m, float* v, float* vhat) {
    KILN_FOR(i, n) {
        float gi = g[i];
        float mi = m[i] + (gi - m[i]) * c1;
        float vi = v[i] + (gi * gi - v[i]) * c2;
        m[i] = mi;
        v[i] = vi;
        if (vhat) {
            vi = jmax(vhat[i], vi);
            vhat[i] = vi;
        }
        float den = (float) sqrt((double) vi) + eps; // correctly rounded, as Java's (float) Math.sqrt
        w[i] = w[i] - (mi * alpha) / den;
    }
}

// Decoupled weight decay in Keras's order: w -= (w*wd)*lr.
extern "C" __global__ void decay_weights(int n, float wd, float lr, float* w) {
    KILN_FOR(i, n) w[i] = w[i] - (w[i] * wd) * lr;
}
