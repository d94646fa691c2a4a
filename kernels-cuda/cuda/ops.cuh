// ops.cuh: the scalar definition of every UnaryOp and BinaryOp, ported 1:1 from
// kiln.kernels.cpu.ScalarMath (the reference). Where Java computes in double (Math.exp, Math.tanh, ...),
// so do we, then round to float, so results agree with the CPU to the last bit or within an ulp.
// Modules including this file are compiled with --fmad=false: Java never fuses a*b+c.
//
// The codes below are the ordinals of kiln.tensor.UnaryOp / BinaryOp; KernelSourcesTest checks that
// both lists match the Java enums name for name, in order.
#pragma once
#include "kiln_common.cuh"

// UnaryOp ordinals
#define U_NEG 0
#define U_ABS 1
#define U_SIGN 2
#define U_EXP 3
#define U_LOG 4
#define U_SQRT 5
#define U_RSQRT 6
#define U_SQUARE 7
#define U_RECIPROCAL 8
#define U_TANH 9
#define U_SIGMOID 10
#define U_RELU 11
#define U_LEAKY_RELU 12
#define U_ELU 13
#define U_SELU 14
#define U_SOFTPLUS 15
#define U_SOFTSIGN 16
#define U_SILU 17
#define U_GELU 18
#define U_GELU_TANH 19
#define U_MISH 20
#define U_HARD_SIGMOID 21
#define U_HARD_SILU 22
#define U_ERF 23
#define U_SIN 24
#define U_COS 25
#define U_FLOOR 26
#define U_CEIL 27
#define U_ROUND 28
#define U_CLIP 29
#define U_ADD_SCALAR 30
#define U_MUL_SCALAR 31
#define U_POW_SCALAR 32
#define U_NOT_FINITE 33

// BinaryOp ordinals
#define B_ADD 0
#define B_SUB 1
#define B_MUL 2
#define B_DIV 3
#define B_POW 4
#define B_MAXIMUM 5
#define B_MINIMUM 6
#define B_EQ 7
#define B_NE 8
#define B_LT 9
#define B_LE 10
#define B_GT 11
#define B_GE 12
#define B_RELU_GRAD 13

#define KILN_SELU_ALPHA 1.6732632423543772f
#define KILN_SELU_SCALE 1.0507009873554805f
#define KILN_SQRT_2_OVER_PI 0.7978845608028654f
#define KILN_INV_SQRT_2 0.7071067811865476

// Math.pow's special cases where C's pow differs: pow(±1, ±inf) and pow(1, NaN) are NaN in Java.
__device__ __forceinline__ float kiln_pow(float a, float b) {
    if (b == 2.f) return a * a;
    if (b != b) return KILN_NAN_F;
    if (fabsf(a) == 1.f && !kiln_isfinite(b)) return KILN_NAN_F;
    return (float) pow((double) a, (double) b);
}

// Math.signum: ±1 for nonzero numbers; a zero (with its sign) or NaN stays.
__device__ __forceinline__ float kiln_sign(float x) { return x > 0.f ? 1.f : (x < 0.f ? -1.f : x); }

// 1 / (1 + e^-x), arranged so neither branch overflows.
__device__ __forceinline__ float kiln_sigmoid(float x) {
    if (x >= 0.f) return (float) (1.0 / (1.0 + exp(-(double) x)));
    double e = exp((double) x);
    return (float) (e / (1.0 + e));
}

// log(1 + e^x) = max(x, 0) + log1p(e^-|x|)
__device__ __forceinline__ float kiln_softplus(float x) {
    double xd = x;
    double m = xd != xd ? xd : (xd > 0.0 ? xd : 0.0);
    return (float) (m + log1p(exp(-fabs(xd))));
}

// Keras 3: relu6(x + 3) / 6
__device__ __forceinline__ float kiln_hard_sigmoid(float x) {
    return jmin(jmax(x + 3.f, 0.f), 6.f) / 6.f;
}

__device__ __forceinline__ float kiln_unary(int op, float x, float alpha, float beta) {
    switch (op) {
        case U_NEG: return -x;
        case U_ABS: return fabsf(x);
        case U_SIGN: return kiln_sign(x);
        case U_EXP: return (float) exp((double) x);
        case U_LOG: return (float) log((double) x);
        case U_SQRT: return (float) sqrt((double) x);
        case U_RSQRT: return (float) (1.0 / sqrt((double) x));
        case U_SQUARE: return x * x;
        case U_RECIPROCAL: return 1.f / x;
        case U_TANH: return (float) tanh((double) x);
        case U_SIGMOID: return kiln_sigmoid(x);
        case U_RELU: return jmax(x, 0.f);
        case U_LEAKY_RELU: return x > 0.f ? x : alpha * x;
        case U_ELU: return x > 0.f ? x : alpha * (float) expm1((double) x);
        case U_SELU: return KILN_SELU_SCALE * (x > 0.f ? x : KILN_SELU_ALPHA * (float) expm1((double) x));
        case U_SOFTPLUS: return kiln_softplus(x);
        case U_SOFTSIGN: return x / (1.f + fabsf(x));
        case U_SILU: return x * kiln_sigmoid(x);
        case U_GELU: return (float) (0.5 * x * (1.0 + erf(x * KILN_INV_SQRT_2)));
        case U_GELU_TANH:
            return 0.5f * x * (1.f + (float) tanh((double) (KILN_SQRT_2_OVER_PI * (x + 0.044715f * x * x * x))));
        case U_MISH: return x * (float) tanh((double) kiln_softplus(x));
        case U_HARD_SIGMOID: return kiln_hard_sigmoid(x);
        case U_HARD_SILU: return x * kiln_hard_sigmoid(x);
        case U_ERF: return (float) erf((double) x);
        case U_SIN: return (float) sin((double) x);
        case U_COS: return (float) cos((double) x);
        case U_FLOOR: return (float) floor((double) x);
        case U_CEIL: return (float) ceil((double) x);
        case U_ROUND: return (float) rint((double) x); // half to even, as Math.rint
        case U_CLIP: return jmin(jmax(x, alpha), beta);
        case U_ADD_SCALAR: return x + alpha;
        case U_MUL_SCALAR: return x * alpha;
        case U_POW_SCALAR: return kiln_pow(x, alpha);
        case U_NOT_FINITE: return kiln_isfinite(x) ? 0.f : 1.f;
        default: return KILN_NAN_F; // unknown code: make it visible
    }
}

__device__ __forceinline__ float kiln_binary(int op, float a, float b) {
    switch (op) {
        case B_ADD: return a + b;
        case B_SUB: return a - b;
        case B_MUL: return a * b;
        case B_DIV: return a / b;
        case B_POW: return kiln_pow(a, b);
        case B_MAXIMUM: return jmax(a, b);
        case B_MINIMUM: return jmin(a, b);
        case B_EQ: return a == b ? 1.f : 0.f;
        case B_NE: return a != b ? 1.f : 0.f;
        case B_LT: return a < b ? 1.f : 0.f;
        case B_LE: return a <= b ? 1.f : 0.f;
        case B_GT: return a > b ? 1.f : 0.f;
        case B_GE: return a >= b ? 1.f : 0.f;
        case B_RELU_GRAD: return b > 0.f ? a : 0.f;
        default: return KILN_NAN_F;
    }
}
