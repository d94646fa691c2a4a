// elementwise.cu: unary, binary, where and bias+activation over strided, broadcast operands.
// One thread per output element (grid-stride); offsets come from the host's merged Plan, so two dense
// tensors are one flat row and a broadcast bias is a stride-0 axis. Compiled with --fmad=false so the
// float arithmetic rounds exactly as Java's (see ops.cuh). Operand 0 of every plan is the output.
#include "ops.cuh"

// out = op(x; alpha, beta). plan operands: 0 = out, 1 = x.
extern "C" __global__ void unary_strided(Plan p, int op, float alpha, float beta,
                                         const float* __restrict__ x, float* out) {
    int off[2];
    KILN_FOR(i, p.size) {
        plan_offsets(p, i, 2, off);
        out[off[0]] = kiln_unary(op, x[off[1]], alpha, beta);
    }
}

// Dense fast path: both operands contiguous with the same base offset already applied.
extern "C" __global__ void unary_dense(int n, int op, float alpha, float beta,
                                       const float* __restrict__ x, float* out) {
    KILN_FOR(i, n) out[i] = kiln_unary(op, x[i], alpha, beta);
}

// out = a op b. plan operands: 0 = out, 1 = a, 2 = b (stride 0 on broadcast axes).
extern "C" __global__ void binary_strided(Plan p, int op, const float* __restrict__ a,
                                          const float* __restrict__ b, float* out) {
    int off[3];
    KILN_FOR(i, p.size) {
        plan_offsets(p, i, 3, off);
        out[off[0]] = kiln_binary(op, a[off[1]], b[off[2]]);
    }
}

extern "C" __global__ void binary_dense(int n, int op, const float* __restrict__ a,
                                        const float* __restrict__ b, float* out) {
    KILN_FOR(i, n) out[i] = kiln_binary(op, a[i], b[i]);
}

// out = cond != 0 ? a : b. plan operands: 0 = out, 1 = cond, 2 = a, 3 = b.
extern "C" __global__ void where_strided(Plan p, const float* __restrict__ cond, const float* __restrict__ a,
                                         const float* __restrict__ b, float* out) {
    int off[4];
    KILN_FOR(i, p.size) {
        plan_offsets(p, i, 4, off);
        out[off[0]] = cond[off[1]] != 0.f ? a[off[2]] : b[off[3]];
    }
}

// out = act(x + bias), bias broadcast along the leading axes (a Dense layer's xW + b, then its
// activation, in one pass). plan operands: 0 = out, 1 = x, 2 = bias. act is a UnaryOp code.
extern "C" __global__ void bias_activation_strided(Plan p, int act, float alpha, const float* __restrict__ x,
                                                   const float* __restrict__ bias, float* out) {
    int off[3];
    KILN_FOR(i, p.size) {
        plan_offsets(p, i, 3, off);
        float s = x[off[1]] + bias[off[2]];
        out[off[0]] = kiln_unary(act, s, alpha, 0.f);
    }
}
