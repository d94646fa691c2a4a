// kiln_common.cuh: what every Kiln kernel shares. Included by the .cu files of this folder; NVRTC gets
// it as a named header (KernelCache), nvcc through -I. No standard headers: NVRTC has none.
#pragma once

// ---- the strided iteration plan (built on the host by kiln.kernels.cuda.StridedPlan) ----
//
// Up to KILN_MAX_OPS operands of one shape, with size-1 dims dropped and neighbouring dims merged where
// every operand is contiguous across them, exactly as the CPU backend's Loop does. Element i (row-major
// over dims) of operand k lives at base[k] + sum_a coord_a(i) * strides[k][a]. Passed by value: the
// Java side writes these 184 bytes field by field (KernelArgs.plan), so the layout below is fixed.
#define KILN_MAX_RANK 8
#define KILN_MAX_OPS 4

struct Plan {
    int rank;                                 // merged rank, 0 for a single element
    int size;                                 // number of elements
    int dims[KILN_MAX_RANK];                  // merged dims, outermost first
    int strides[KILN_MAX_OPS][KILN_MAX_RANK]; // element strides per operand
    int base[KILN_MAX_OPS];                   // element offset of each operand's first element
};

// Offsets of element i for the first nops operands (innermost dim first; i < size).
__device__ __forceinline__ void plan_offsets(const Plan& p, int i, int nops, int* off) {
    for (int k = 0; k < nops; k++) off[k] = p.base[k];
    for (int a = p.rank - 1; a >= 0; a--) {
        int d = p.dims[a];
        int c = i % d;
        i /= d;
        for (int k = 0; k < nops; k++) off[k] += c * p.strides[k][a];
    }
}

// One operand's offset of element i (used where the other operands are addressed differently).
__device__ __forceinline__ int plan_offset(const Plan& p, int i, int k) {
    int off = p.base[k];
    for (int a = p.rank - 1; a >= 0; a--) {
        int d = p.dims[a];
        off += (i % d) * p.strides[k][a];
        i /= d;
    }
    return off;
}

// ---- a multi-tensor launch's operands (built on the host by KernelArgs.tensorList) ----
//
// Up to KILN_LIST_MAX tensors updated by one launch, as PyTorch's multi-tensor apply: tensor t has n[t]
// elements, its operand k at ptr[k][t] (nullptr for an absent one). blockIdx.y picks the tensor; blockIdx.x
// and the threads stride over its elements. Passed by value: 712 bytes, laid out field by field in Java.
#define KILN_LIST_MAX 16
#define KILN_LIST_OPS 5

struct TensorList {
    int count;
    int n[KILN_LIST_MAX];
    float* ptr[KILN_LIST_OPS][KILN_LIST_MAX];
};

// Grid-stride loop over n elements (1-D grid).
#define KILN_FOR(i, n) \
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += blockDim.x * gridDim.x)

// ---- float helpers with Java's semantics (java.lang.Math), since the CPU backend is the reference ----

#define KILN_INF_F __int_as_float(0x7f800000)
#define KILN_NAN_F __int_as_float(0x7fc00000)

__device__ __forceinline__ bool kiln_isnan(float x) { return x != x; }
__device__ __forceinline__ bool kiln_isfinite(float x) {
    return (__float_as_uint(x) & 0x7f800000u) != 0x7f800000u;
}
// Math.max: NaN wins, and +0 > -0 (fmaxf would drop the NaN).
__device__ __forceinline__ float jmax(float a, float b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == 0.f && b == 0.f) return signbit(a) ? b : a;
    return a >= b ? a : b;
}
// Math.min: NaN wins, and -0 < +0.
__device__ __forceinline__ float jmin(float a, float b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == 0.f && b == 0.f) return signbit(a) ? a : b;
    return a <= b ? a : b;
}
