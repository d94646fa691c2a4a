// gather.cu: take along an axis, its adjoint scatter-add, and one-hot. x is viewed as
// (outer, axis_len, inner) and out as (outer, n_idx, inner), all contiguous (the host copies otherwise).
// Indices out of [0, axis_len) are skipped and the smallest bad position is recorded in *bad (the host
// raises the error). Elements are moved as raw 32 bits, so float and int tensors share the kernels.
#include "kiln_common.cuh"

// out[(o, j, e)] = x[(o, idx[j], e)]; one thread per output element.
extern "C" __global__ void gather_rows(int outer, int axis_len, int inner, int n_idx, const int* __restrict__ idx,
                                       const unsigned int* __restrict__ x, unsigned int* out, int* bad) {
    int total = outer * n_idx * inner;
    KILN_FOR(t, total) {
        int e = t % inner;
        int j = (t / inner) % n_idx;
        int o = t / (inner * n_idx);
        int a = idx[j];
        if (a < 0 || a >= axis_len) {
            atomicMin(bad, j);
            continue;
        }
        out[t] = x[((long long) o * axis_len + a) * inner + e];
    }
}

// out[(o, a, e)] += sum over j with idx[j] == a of src[(o, j, e)], in j order. One thread owns each
// output element, so there are no atomics and the sum order is the CPU's: bit-identical, deterministic.
// Cost is n_idx reads of idx per output element, fine for the embedding and one-hot sizes Kiln sees.
extern "C" __global__ void scatter_add_rows(int outer, int axis_len, int inner, int n_idx,
                                            const int* __restrict__ idx, const float* __restrict__ src,
                                            float* out, int* bad) {
    int total = outer * axis_len * inner;
    KILN_FOR(t, total) {
        int e = t % inner;
        int a = (t / inner) % axis_len;
        int o = t / (inner * axis_len);
        float acc = out[t];
        for (int j = 0; j < n_idx; j++) {
            int v = idx[j];
            if (v == a) acc += src[((long long) o * n_idx + j) * inner + e];
            else if ((v < 0 || v >= axis_len) && t == 0) atomicMin(bad, j);
        }
        out[t] = acc;
    }
}

// out (n, depth) = 1 where idx[i] == d, else 0; indices outside [0, depth) give a zero row (as Keras).
extern "C" __global__ void one_hot(int n, int depth, const int* __restrict__ idx, float* out) {
    KILN_FOR(t, n * depth) out[t] = idx[t / depth] == t % depth ? 1.f : 0.f;
}
