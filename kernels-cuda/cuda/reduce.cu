// reduce.cu: SUM / MEAN / MAX / MIN / PROD along axes into a keepdims output, and argmax/argmin.
//
// The host splits x into two plans: `outer` over (out, x-with-reduced-axes-cut-to-one) and `inner` over
// the reduced axes (x-with-kept-axes-cut-to-one, base 0). Every output element is reduced in a fixed
// order, so results are the same on every run (no atomics):
//   reduce_block:  one block per output element; thread t takes elements t, t + blockDim, ... then a
//                  shared-memory tree combines the partials in a fixed pattern. For long reductions.
//   reduce_thread: one thread per output element, sequential like the CPU. For short reductions.
// Sums and products accumulate in double, then round once.
#include "kiln_common.cuh"

#define R_SUM 0
#define R_MEAN 1
#define R_MAX 2
#define R_MIN 3
#define R_PROD 4

__device__ __forceinline__ double r_identity(int op) {
    switch (op) {
        case R_PROD: return 1.0;
        case R_MAX: return -(double) KILN_INF_F;
        case R_MIN: return (double) KILN_INF_F;
        default: return 0.0;
    }
}

// Math.max / Math.min semantics (NaN wins) in double.
__device__ __forceinline__ double r_combine(int op, double acc, double v) {
    switch (op) {
        case R_PROD: return acc * v;
        case R_MAX: return (acc != acc || v != v) ? (acc != acc ? acc : v) : (v > acc ? v : acc);
        case R_MIN: return (acc != acc || v != v) ? (acc != acc ? acc : v) : (v < acc ? v : acc);
        default: return acc + v;
    }
}

__device__ __forceinline__ float r_finish(int op, double v, int count) {
    return op == R_MEAN ? (float) v / (float) count : (float) v; // sum / count, as the CPU
}

// blockDim.x must be a power of two <= 256. outer operands: 0 = out, 1 = x; inner operand 0 = x (base 0).
extern "C" __global__ void reduce_block(Plan outer, Plan inner, int op, const float* __restrict__ x, float* out) {
    __shared__ double part[256];
    int off[2];
    for (int o = blockIdx.x; o < outer.size; o += gridDim.x) {
        plan_offsets(outer, o, 2, off);
        double acc = r_identity(op);
        for (int j = threadIdx.x; j < inner.size; j += blockDim.x) {
            acc = r_combine(op, acc, (double) x[off[1] + plan_offset(inner, j, 0)]);
        }
        part[threadIdx.x] = acc;
        __syncthreads();
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s) part[threadIdx.x] = r_combine(op, part[threadIdx.x], part[threadIdx.x + s]);
            __syncthreads();
        }
        if (threadIdx.x == 0) out[off[0]] = r_finish(op, part[0], inner.size);
        __syncthreads(); // part[] is reused by the next output element
    }
}

extern "C" __global__ void reduce_thread(Plan outer, Plan inner, int op, const float* __restrict__ x, float* out) {
    int off[2];
    KILN_FOR(o, outer.size) {
        plan_offsets(outer, o, 2, off);
        double acc = r_identity(op);
        for (int j = 0; j < inner.size; j++) {
            acc = r_combine(op, acc, (double) x[off[1] + plan_offset(inner, j, 0)]);
        }
        out[off[0]] = r_finish(op, acc, inner.size);
    }
}

// Index of the max (or min) of the n elements at xr, step apart; the first occurrence wins and NaN counts as
// the extreme (as the CPU).
__device__ int arg_extreme(const float* xr, int n, int step, int is_max) {
    int best = 0;
    float bv = xr[0];
    for (int j = 1; j < n && bv == bv; j++) {
        float v = xr[j * step];
        if (v != v || (is_max ? v > bv : v < bv)) {
            best = j;
            bv = v;
        }
    }
    return best;
}

// argmax / argmin along one axis of length n. plan operands: 0 = out (int32), 1 = x cut to one along the axis.
extern "C" __global__ void arg_reduce(Plan p, int n, int step, int is_max, const float* __restrict__ x, int* out) {
    int off[2];
    KILN_FOR(i, p.size) {
        plan_offsets(p, i, 2, off);
        out[off[0]] = arg_extreme(x + off[1], n, step, is_max);
    }
}

// out = 1 where the argmax along x's last axis equals the label (int32 labels_i or float32 labels_f, compared as
// floats), else 0: sparse categorical accuracy. plan operands: 0 = out, 1 = x cut to one along the axis, 2 = labels.
extern "C" __global__ void argmax_matches(Plan p, int n, int step, const float* __restrict__ x,
                                          const int* __restrict__ labels_i, const float* __restrict__ labels_f,
                                          float* out) {
    int off[3];
    KILN_FOR(i, p.size) {
        plan_offsets(p, i, 3, off);
        float label = labels_i ? (float) labels_i[off[2]] : labels_f[off[2]];
        out[off[0]] = (float) arg_extreme(x + off[1], n, step, 1) == label ? 1.f : 0.f;
    }
}
