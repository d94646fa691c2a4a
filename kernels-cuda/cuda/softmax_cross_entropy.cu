// softmax_cross_entropy.cu: the fused softmax cross-entropy over the last axis of logits z (rows, c),
// one block per row:  loss[i] = -sum_j t_ij * log_softmax(z_i)_j,  grad = softmax(z) - t  (optional).
// Targets are int32 class indices (rows) or float32 distributions (rows, c). z, targets and grad are
// contiguous (the host copies otherwise); loss is strided (loss_step). An out-of-range label writes NaN
// and records the smallest bad row in *bad_row (the host raises the error the CPU would).
#include "kiln_common.cuh"

#define CE_THREADS 256

__device__ double ce_block_sum(double v, double* sh) {
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

__device__ float ce_block_max(float v, double* sh) {
    sh[threadIdx.x] = (double) v;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) sh[threadIdx.x] = fmax(sh[threadIdx.x], sh[threadIdx.x + s]);
        __syncthreads();
    }
    float r = (float) sh[0];
    __syncthreads();
    return r;
}

// labels != nullptr: sparse targets; else dist (rows, c). grad may be nullptr.
extern "C" __global__ void softmax_ce_rows(int rows, int c, const float* __restrict__ z,
                                           const int* __restrict__ labels, const float* __restrict__ dist,
                                           float* loss, int loss_step, float* grad, int* bad_row) {
    __shared__ double sh[CE_THREADS];
    for (int i = blockIdx.x; i < rows; i += gridDim.x) {
        const float* zr = z + (long long) i * c;
        int label = labels ? labels[i] : -1;
        if (labels && (label < 0 || label >= c)) {
            if (threadIdx.x == 0) {
                loss[(long long) i * loss_step] = KILN_NAN_F;
                atomicMin(bad_row, i);
            }
            continue; // uniform across the block: every thread sees the same label
        }
        float m = -KILN_INF_F;
        for (int j = threadIdx.x; j < c; j += blockDim.x) m = jmax(m, zr[j]);
        m = ce_block_max(m, sh);
        if (m == -KILN_INF_F) m = 0.f;
        double sum = 0.0;
        for (int j = threadIdx.x; j < c; j += blockDim.x) sum += (float) exp((double) (zr[j] - m));
        float ls = (float) log(ce_block_sum(sum, sh));
        // loss = -sum_j t_j * logp_j, with logp_j = (z_j - m) - ls
        double l = 0.0;
        if (labels) {
            if (threadIdx.x == 0) l = -(double) ((zr[label] - m) - ls);
        } else {
            for (int j = threadIdx.x; j < c; j += blockDim.x) {
                float tj = dist[(long long) i * c + j];
                if (tj != 0.f) l -= tj * ((zr[j] - m) - ls);
            }
        }
        l = ce_block_sum(l, sh);
        if (threadIdx.x == 0) loss[(long long) i * loss_step] = (float) l;
        if (grad) {
            float* gr = grad + (long long) i * c;
            for (int j = threadIdx.x; j < c; j += blockDim.x) {
                float p = (float) exp((double) ((zr[j] - m) - ls));
                float t = labels ? (j == label ? 1.f : 0.f) : dist[(long long) i * c + j];
                gr[j] = p - t;
            }
        }
    }
}
