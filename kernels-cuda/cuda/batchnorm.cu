// batchnorm.cu: BatchNormalization statistics over the leading axes of x viewed as (rows, channels),
// contiguous: per channel the mean and the biased variance (Keras: moments over all but the last axis).
// One block per channel; each thread runs Welford over its rows, then the partial (count, mean, M2)
// triples are merged in a fixed tree (Chan et al.), so the result is deterministic and stable for
// large means, where E[x^2] - E[x]^2 would cancel.
#include "kiln_common.cuh"

#define BN_THREADS 256

extern "C" __global__ void batchnorm_stats(int rows, int channels, const float* __restrict__ x,
                                           float* mean, float* var) {
    __shared__ double sc[BN_THREADS], sm[BN_THREADS], sq[BN_THREADS];
    for (int ch = blockIdx.x; ch < channels; ch += gridDim.x) {
        double cnt = 0.0, mu = 0.0, m2 = 0.0;
        for (int r = threadIdx.x; r < rows; r += blockDim.x) {
            double v = x[(long long) r * channels + ch];
            cnt += 1.0;
            double d = v - mu;
            mu += d / cnt;
            m2 += d * (v - mu);
        }
        sc[threadIdx.x] = cnt;
        sm[threadIdx.x] = mu;
        sq[threadIdx.x] = m2;
        __syncthreads();
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s) {
                double na = sc[threadIdx.x], nb = sc[threadIdx.x + s];
                double n = na + nb;
                if (nb > 0.0) {
                    double d = sm[threadIdx.x + s] - sm[threadIdx.x];
                    sm[threadIdx.x] += d * nb / n;
                    sq[threadIdx.x] += sq[threadIdx.x + s] + d * d * na * nb / n;
                    sc[threadIdx.x] = n;
                }
            }
            __syncthreads();
        }
        if (threadIdx.x == 0) {
            mean[ch] = (float) sm[0];
            var[ch] = sc[0] > 0.0 ? (float) (sq[0] / sc[0]) : KILN_NAN_F;
        }
        __syncthreads();
    }
}
