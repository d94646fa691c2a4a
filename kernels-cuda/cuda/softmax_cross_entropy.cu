// softmax_cross_entropy.cu: the fused cross-entropies over the last axis of z (rows, c), one block per row.
//   softmax_ce_rows: loss[i] = -sum_j t_ij * log_softmax(z_i)_j,  grad = softmax(z) - t  (optional). Targets
//     are int32 class indices (rows) or float32 distributions (rows, c). An out-of-range label writes NaN and
//     records the smallest bad row in *bad_row (the host raises the error the CPU would).
//   sparse_ce_rows: sparse cross-entropy from logits or probabilities with the label check folded in, so
//     labels on the device are never read back (Backend.sparseCrossEntropy states the formulas).
// z, targets and grad are contiguous (the host copies otherwise); loss is strided (loss_step).
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

// The row's max m (0 for an all -inf row) and ls = log sum_j exp(z_j - m), the CPU's arithmetic: logp_j = (z_j - m) - ls.
__device__ void ce_row_log_sum_exp(const float* zr, int c, double* sh, float* m_out, float* ls_out) {
    float m = -KILN_INF_F;
    for (int j = threadIdx.x; j < c; j += blockDim.x) m = jmax(m, zr[j]);
    m = ce_block_max(m, sh);
    if (m == -KILN_INF_F) m = 0.f;
    double sum = 0.0;
    for (int j = threadIdx.x; j < c; j += blockDim.x) sum += (float) exp((double) (zr[j] - m));
    *m_out = m;
    *ls_out = (float) log(ce_block_sum(sum, sh));
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
        float m, ls;
        ce_row_log_sum_exp(zr, c, sh, &m, &ls);
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

#define CE_IGNORED -1
#define CE_INVALID -2

// Row i's class id, or CE_IGNORED (the label is ignore_class) or CE_INVALID (not an integer in [0, c)).
__device__ int ce_class_id(const int* li, const float* lf, int i, int c, int has_ignore, int ignore) {
    if (li) {
        int x = li[i];
        if (has_ignore && x == ignore) return CE_IGNORED;
        return x >= 0 && x < c ? x : CE_INVALID;
    }
    float x = lf[i];
    if (has_ignore && x == (float) ignore) return CE_IGNORED;
    return (double) x == floor((double) x) && x >= 0.f && x < (float) c ? (int) x : CE_INVALID;
}

// Labels are int32 (labels_i) or float32 (labels_f), the other nullptr; grad may be nullptr. Probabilities
// are clipped to [lo, hi] as a ternary, not fminf/fmaxf, so a NaN stays NaN as on the CPU.
extern "C" __global__ void sparse_ce_rows(int rows, int c, const float* __restrict__ z,
                                          const int* __restrict__ labels_i, const float* __restrict__ labels_f,
                                          int has_ignore, int ignore, int from_logits, float lo, float hi,
                                          float* loss, int loss_step, float* grad) {
    __shared__ double sh[CE_THREADS];
    for (int i = blockIdx.x; i < rows; i += gridDim.x) {
        const float* zr = z + (long long) i * c;
        float* gr = grad ? grad + (long long) i * c : nullptr;
        int label = ce_class_id(labels_i, labels_f, i, c, has_ignore, ignore); // uniform across the block
        if (label < 0) {
            if (threadIdx.x == 0) loss[(long long) i * loss_step] = label == CE_IGNORED ? 0.f : KILN_NAN_F;
            if (gr) for (int j = threadIdx.x; j < c; j += blockDim.x) gr[j] = 0.f;
            continue;
        }
        if (from_logits) {
            float m, ls;
            ce_row_log_sum_exp(zr, c, sh, &m, &ls);
            if (threadIdx.x == 0) loss[(long long) i * loss_step] = -((zr[label] - m) - ls);
            if (gr) {
                for (int j = threadIdx.x; j < c; j += blockDim.x) {
                    gr[j] = (float) exp((double) ((zr[j] - m) - ls)) - (j == label ? 1.f : 0.f);
                }
            }
        } else {
            double sum = 0.0;
            for (int j = threadIdx.x; j < c; j += blockDim.x) sum += zr[j];
            float s = (float) ce_block_sum(sum, sh);
            float q = zr[label] / s;
            bool inside = q >= lo && q <= hi; // the clip's gradient passes on [lo, hi]
            float qc = q < lo ? lo : q > hi ? hi : q;
            if (threadIdx.x == 0) loss[(long long) i * loss_step] = -(float) log((double) qc);
            if (gr) {
                for (int j = threadIdx.x; j < c; j += blockDim.x) {
                    gr[j] = inside ? (float) ((1.0 - (j == label ? 1.0 / q : 0.0)) / s) : 0.f;
                }
            }
        }
    }
}
