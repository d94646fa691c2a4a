// softmax.cu: softmax / log-softmax along one axis, and the softmax's gradient, one block per row (row = the
// softmax axis).
// Subtract the row max, exponentiate, normalise; the sum is taken in double and combined in a fixed
// tree, so the result is the same on every run. An all -inf row gives exp(x - 0) = 0, not NaN (as the CPU).
// plan operands: 0 = out cut to one along the axis, 1 = x cut likewise; n, xs, ys: the axis length and
// the element steps along it.
#include "kiln_common.cuh"

#define SM_THREADS 256

// Block-wide combine of one value per thread (blockDim.x a power of two <= SM_THREADS); all threads get it.
__device__ double block_max(double v, double* sh) {
    sh[threadIdx.x] = v;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) sh[threadIdx.x] = fmax(sh[threadIdx.x], sh[threadIdx.x + s]);
        __syncthreads();
    }
    double r = sh[0];
    __syncthreads();
    return r;
}

__device__ double block_sum(double v, double* sh) {
    sh[threadIdx.x] = v;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) sh[threadIdx.x] += sh[threadIdx.x + s];
        __syncthreads();
    }
    double r = sh[0];
    __syncthreads();
    return r;
}

extern "C" __global__ void softmax_rows(Plan p, int n, int xs, int ys, int log_softmax,
                                        const float* __restrict__ x, float* y) {
    __shared__ double sh[SM_THREADS];
    int off[2];
    for (int r = blockIdx.x; r < p.size; r += gridDim.x) {
        plan_offsets(p, r, 2, off);
        const float* xr = x + off[1];
        float* yr = y + off[0];
        float m = -KILN_INF_F;
        for (int j = threadIdx.x; j < n; j += blockDim.x) m = jmax(m, xr[j * xs]);
        m = (float) block_max((double) m, sh);
        if (m == -KILN_INF_F) m = 0.f;
        double sum = 0.0;
        for (int j = threadIdx.x; j < n; j += blockDim.x) {
            float e = (float) exp((double) (xr[j * xs] - m));
            sum += e;
            if (!log_softmax) yr[j * ys] = e;
        }
        sum = block_sum(sum, sh);
        if (log_softmax) {
            // (x - max) - log sum, not x - (max + log sum), which rounds at max's magnitude.
            float ls = (float) log(sum);
            for (int j = threadIdx.x; j < n; j += blockDim.x) yr[j * ys] = (xr[j * xs] - m) - ls;
        } else {
            float inv = (float) (1.0 / sum);
            for (int j = threadIdx.x; j < n; j += blockDim.x) yr[j * ys] *= inv;
        }
    }
}

// The softmax's gradient from its output: out = y * (g - sum_j g_j y_j) along the axis (CPU: Softmax.backward).
// plan operands: 0 = out, 1 = y, 2 = g, each cut to one along the axis; os, ys, gs: their steps along it.
extern "C" __global__ void softmax_backward_rows(Plan p, int n, int os, int ys, int gs, const float* __restrict__ y,
                                                 const float* __restrict__ g, float* out) {
    __shared__ double sh[SM_THREADS];
    int off[3];
    for (int r = blockIdx.x; r < p.size; r += gridDim.x) {
        plan_offsets(p, r, 3, off);
        const float* yr = y + off[1];
        const float* gr = g + off[2];
        float* outr = out + off[0];
        double dot = 0.0;
        for (int j = threadIdx.x; j < n; j += blockDim.x) dot += gr[j * gs] * yr[j * ys];
        float d = (float) block_sum(dot, sh);
        for (int j = threadIdx.x; j < n; j += blockDim.x) outr[j * os] = yr[j * ys] * (gr[j * gs] - d);
    }
}
