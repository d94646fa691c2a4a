// optimizer.cu: fused optimizer updates, one pass over (w, g, slots) instead of a chain of elementwise ops.
// Each is the float arithmetic of its kiln.tensor.Backend default (sgdUpdate, adamUpdate, adamaxUpdate,
// nadamUpdate, rmspropUpdate, adagradUpdate, lionUpdate, adadeltaUpdate, ftrlUpdate, decayWeights), in the same
// order, one rounding per operation; compiled with --fmad=false so no a*b + c becomes an FMA. Square roots go
// through double and back, which is correctly rounded, as Java's (float) Math.sqrt. Sign and pow are ops.cuh's,
// those of the elementwise kernels the defaults launch.
// The weight-sized operands are contiguous, n elements, and distinct (each element is read before it is
// written); nadam also reads two device scalars. sgd_list and adam_list update up to KILN_LIST_MAX weights
// in one launch.
#include "ops.cuh"

// The Adam family's moment update: avg + (x - avg)*c.
__device__ __forceinline__ float moving_average(float avg, float x, float c) { return avg + (x - avg) * c; }

// Keras SGD on element i. m == nullptr: w += g*(-lr). Otherwise m = m*mu + g*(-lr); w += m (nesterov:
// w += m*mu + g*(-lr)).
__device__ __forceinline__ void sgd_at(int i, float nlr, float mu, int nesterov, float* w, const float* g, float* m) {
    float gs = g[i] * nlr;
    if (!m) {
        w[i] = w[i] + gs;
        return;
    }
    float mi = m[i] * mu + gs;
    m[i] = mi;
    w[i] = nesterov ? w[i] + (mi * mu + gs) : w[i] + mi;
}

extern "C" __global__ void sgd(int n, float lr, float mu, int nesterov, float* w, const float* __restrict__ g,
                               float* m) {
    KILN_FOR(i, n) sgd_at(i, -lr, mu, nesterov, w, g, m);
}

// Every tensor of l at once (operands w, g, m).
extern "C" __global__ void sgd_list(TensorList l, float lr, float mu, int nesterov) {
    int t = blockIdx.y;
    KILN_FOR(i, l.n[t]) sgd_at(i, -lr, mu, nesterov, l.ptr[0][t], l.ptr[1][t], l.ptr[2][t]);
}

// Keras Adam on element i: alpha = lr*sqrt(1-b2^t)/(1-b1^t), c1 = 1-b1 and c2 = 1-b2 from the host;
// m += (g - m)*c1; v += (g*g - v)*c2; AMSGrad (vhat != nullptr): vhat = max(vhat, v), used in place of v;
// w -= (m*alpha) / (sqrt(v) + eps).
__device__ __forceinline__ void adam_at(int i, float alpha, float c1, float c2, float eps, float* w, const float* g,
                                        float* m, float* v, float* vhat) {
    float gi = g[i];
    float mi = moving_average(m[i], gi, c1);
    float vi = moving_average(v[i], gi * gi, c2);
    m[i] = mi;
    v[i] = vi;
    if (vhat) {
        vi = jmax(vhat[i], vi);
        vhat[i] = vi;
    }
    float den = (float) sqrt((double) vi) + eps; // correctly rounded, as Java's (float) Math.sqrt
    w[i] = w[i] - (mi * alpha) / den;
}

extern "C" __global__ void adam(int n, float alpha, float c1, float c2, float eps, float* w,
                                const float* __restrict__ g, float* m, float* v, float* vhat) {
    KILN_FOR(i, n) adam_at(i, alpha, c1, c2, eps, w, g, m, v, vhat);
}

// Every tensor of l at once (operands w, g, m, v, vhat).
extern "C" __global__ void adam_list(TensorList l, float alpha, float c1, float c2, float eps) {
    int t = blockIdx.y;
    KILN_FOR(i, l.n[t]) adam_at(i, alpha, c1, c2, eps, l.ptr[0][t], l.ptr[1][t], l.ptr[2][t], l.ptr[3][t], l.ptr[4][t]);
}

// Keras Adamax: c1 = 1-b1 and bc = 1-b1^t from the host; m += (g - m)*c1; u = max(u*b2, |g|);
// w -= (m*lr) / ((u + eps)*bc). jmax keeps Math.max's NaN rule.
extern "C" __global__ void adamax(int n, float lr, float c1, float b2, float eps, float bc, float* w,
                                  const float* __restrict__ g, float* m, float* u) {
    KILN_FOR(i, n) {
        float gi = g[i];
        float mi = moving_average(m[i], gi, c1);
        float ui = jmax(u[i] * b2, fabsf(gi));
        m[i] = mi;
        u[i] = ui;
        w[i] = w[i] - (mi * lr) / ((ui + eps) * bc);
    }
}

// Keras Nadam: c1 = 1-b1, c2 = 1-b2, mu_next = mu_t+1, one_minus_mu = 1-mu_t and vc = 1-b2^t from the host;
// 1-P_t and 1-P_t+1 are device scalars (the optimizer keeps the momentum-schedule product on the device).
// m += (g - m)*c1; v += (g*g - v)*c2; mhat = (m*mu_next)/(1-P_t+1) + (g*one_minus_mu)/(1-P_t);
// w -= (mhat*lr) / (sqrt(v/vc) + eps).
extern "C" __global__ void nadam(int n, float lr, float c1, float c2, float mu_next, float one_minus_mu, float vc,
                                 float eps, const float* __restrict__ one_minus_p,
                                 const float* __restrict__ one_minus_p_next, float* w, const float* __restrict__ g,
                                 float* m, float* v) {
    float p = *one_minus_p;
    float p_next = *one_minus_p_next;
    KILN_FOR(i, n) {
        float gi = g[i];
        float mi = moving_average(m[i], gi, c1);
        float vi = moving_average(v[i], gi * gi, c2);
        m[i] = mi;
        v[i] = vi;
        float mhat = (mi * mu_next) / p_next + (gi * one_minus_mu) / p;
        float den = (float) sqrt((double) (vi / vc)) + eps;
        w[i] = w[i] - (mhat * lr) / den;
    }
}

// Keras RMSprop: v = v*rho + (g*g)*omr; centered (avg != nullptr): avg = avg*rho + g*omr, d = (v - avg*avg) + eps,
// else d = v + eps; inc = (g*lr) / sqrt(d); momentum (mom != nullptr): mom = mom*mu + inc, w -= mom, else w -= inc.
extern "C" __global__ void rmsprop(int n, float lr, float rho, float omr, float mu, float eps, float* w,
                                   const float* __restrict__ g, float* v, float* mom, float* avg) {
    KILN_FOR(i, n) {
        float gi = g[i];
        float vi = v[i] * rho + (gi * gi) * omr;
        v[i] = vi;
        float d;
        if (avg) {
            float ai = avg[i] * rho + gi * omr;
            avg[i] = ai;
            d = (vi - ai * ai) + eps;
        } else {
            d = vi + eps;
        }
        float inc = (gi * lr) / (float) sqrt((double) d);
        if (mom) {
            float mo = mom[i] * mu + inc;
            mom[i] = mo;
            w[i] = w[i] - mo;
        } else {
            w[i] = w[i] - inc;
        }
    }
}

// Keras Adagrad: acc += g*g; w -= (g*lr) / sqrt(acc + eps).
extern "C" __global__ void adagrad(int n, float lr, float eps, float* w, const float* __restrict__ g, float* acc) {
    KILN_FOR(i, n) {
        float gi = g[i];
        float ai = acc[i] + gi * gi;
        acc[i] = ai;
        w[i] = w[i] - (gi * lr) / (float) sqrt((double) (ai + eps));
    }
}

// Keras Lion: c1 = 1-b1 and c2 = 1-b2 from the host; w -= sign(m*b1 + g*c1)*lr; m = m*b2 + g*c2.
extern "C" __global__ void lion(int n, float lr, float b1, float c1, float b2, float c2, float* w,
                                const float* __restrict__ g, float* m) {
    KILN_FOR(i, n) {
        float gi = g[i];
        float mi = m[i];
        w[i] = w[i] - kiln_sign(mi * b1 + gi * c1) * lr;
        m[i] = mi * b2 + gi * c2;
    }
}

// Keras Adadelta: eg = eg*rho + (g*g)*omr; delta = -((sqrt(ex + eps)*g) / sqrt(eg + eps)) with the old ex;
// ex = ex*rho + (delta*delta)*omr; w += delta*lr.
extern "C" __global__ void adadelta(int n, float lr, float rho, float omr, float eps, float* w,
                                    const float* __restrict__ g, float* eg, float* ex) {
    KILN_FOR(i, n) {
        float gi = g[i];
        float egi = eg[i] * rho + (gi * gi) * omr;
        eg[i] = egi;
        float exi = ex[i];
        float delta = -(((float) sqrt((double) (exi + eps)) * gi) / (float) sqrt((double) (egi + eps)));
        ex[i] = exi * rho + (delta * delta) * omr;
        w[i] = w[i] + delta * lr;
    }
}

// Keras Ftrl on the accumulator n (acc) and the linear slot z (lin): p = -learning_rate_power, l1,
// two_l2 = 2*(l2 + beta/(2*lr)) and two_shrinkage = 2*l2_shrinkage from the host;
// g' = w*two_shrinkage + g; n' = g*g + n; z += g' - ((n'^p - n^p)/lr)*w; w = (clip(z, -l1, l1) - z) / (n'^p/lr + two_l2);
// n = n'.
extern "C" __global__ void ftrl(int n, float lr, float p, float l1, float two_l2, float two_shrinkage, float* w,
                                const float* __restrict__ g, float* acc, float* lin) {
    KILN_FOR(i, n) {
        float wi = w[i];
        float gi = g[i];
        float ni = acc[i];
        float g_prime = wi * two_shrinkage + gi;
        float n_new = gi * gi + ni;
        float n_new_pow = kiln_pow(n_new, p);
        float z = lin[i] + (g_prime - ((n_new_pow - kiln_pow(ni, p)) / lr) * wi);
        lin[i] = z;
        w[i] = (jmin(jmax(z, -l1), l1) - z) / (n_new_pow / lr + two_l2);
        acc[i] = n_new;
    }
}

// Decoupled weight decay in Keras's order: w -= (w*wd)*lr.
extern "C" __global__ void decay_weights(int n, float wd, float lr, float* w) {
    KILN_FOR(i, n) w[i] = w[i] - (w[i] * wd) * lr;
}
