// kiln_emu.h: the CUDA dialect for g++, so that Kiln's real .cu sources compile for the host-CPU emulator
// (README.md beside this file). Included first in every module's translation unit:
//
//     #include "kiln_emu.h"
//     #include "reduce.cu"
//     KILN_EMU_EXPORT(reduce_block)
//
// The runtime (kiln_emu_runtime.cpp) runs the threads of one block as fibers on the launching OS thread
// and the blocks one after another, so a function-static array is exactly one block's shared memory and
// the built-in indices only need to say which fiber is running. Everything here is either a plain C++
// equivalent of a CUDA built-in or a call into the runtime where threads must meet (__syncthreads, mma).
#pragma once

#ifndef KILN_EMULATOR
#define KILN_EMULATOR 1
#endif

#include <math.h> // C++ <math.h>: float/double overloads (signbit, isnan, ...) in the global namespace
#include <cmath>
#include <cstddef>
#include <cstring>
#include <type_traits>
#include <utility>

// ---- built-in vector types ----
struct uint3 {
    unsigned int x, y, z;
};
struct dim3 {
    unsigned int x, y, z;
    constexpr dim3(unsigned int x_ = 1, unsigned int y_ = 1, unsigned int z_ = 1) : x(x_), y(y_), z(z_) {}
};
// may_alias: the kernels read float arrays through float4 pointers (vector loads), as CUDA allows.
struct __attribute__((aligned(8), may_alias)) float2 {
    float x, y;
};
struct __attribute__((aligned(16), may_alias)) float4 {
    float x, y, z, w;
};
inline float2 make_float2(float x, float y) { return float2{x, y}; }
inline float4 make_float4(float x, float y, float z, float w) { return float4{x, y, z, w}; }

// ---- the runtime's side (defined in kiln_emu_runtime.cpp) ----
extern "C" {
// The running fiber's threadIdx, and the running block's indices. Globals, not constants: the runtime
// changes them between fibers and blocks.
extern const uint3* kiln_emu_thread_idx;
extern uint3 kiln_emu_block_idx;
extern dim3 kiln_emu_block_dim;
extern dim3 kiln_emu_grid_dim;

// Out of line on purpose: the compiler must assume it changes every global (other fibers run inside it).
void kiln_emu_syncthreads(void);
// Warp-collective mma.sync emulation: d (4 floats) is C on entry and D on return; a and b are this lane's
// fragment registers. Every lane of the warp must call the same one.
void kiln_emu_mma_tf32(float* d, const unsigned* a, const unsigned* b); // m16n8k8.row.col.f32.tf32.tf32.f32
void kiln_emu_mma_bf16(float* d, const unsigned* a, const unsigned* b); // m16n8k16.row.col.f32.bf16.bf16.f32
// Registers a kernel: tramp unpacks the driver's kernelParams array and calls it; sizes[i] = sizeof param i.
void kiln_emu_register(const char* name, void (*tramp)(void**), int nparams, const unsigned* sizes);

// The C ABI the driver (Java, FFM) uses. See README.md.
int kiln_emu_launch(const char* name, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                    void** args, char* err, int errlen);
void* kiln_emu_malloc(unsigned long long bytes);
void kiln_emu_free(void* p);
void kiln_emu_set_capacity(unsigned long long bytes);
unsigned long long kiln_emu_allocated(void);
void kiln_emu_sgemm(int transa, int transb, int m, int n, int k, float alpha, const float* A, int lda,
                    long long strideA, const float* B, int ldb, long long strideB, float beta, float* C, int ldc,
                    long long strideC, int batch, int mode);
int kiln_emu_kernel_params(const char* name, unsigned* sizes, int max);
unsigned long long kiln_emu_stack_peak(void);
}

// cvt.rna.tf32.f32: round to 10 mantissa bits, nearest, ties away from zero (adding half an ulp of the
// result to the magnitude, then truncating, rounds ties away for either sign); NaN stays a NaN.
inline unsigned kiln_emu_cvt_rna_tf32(float x) {
    unsigned u;
    std::memcpy(&u, &x, 4);
    if ((u & 0x7fffffffu) > 0x7f800000u) return 0x7fffffffu;
    return (u + 0x1000u) & 0xffffe000u;
}

#ifndef KILN_EMU_RUNTIME // ---- the dialect itself (not seen by the runtime, which uses these names freely) ----

#define __global__
#define __device__
#define __host__
#define __constant__
#define __forceinline__ inline
#define __noinline__ __attribute__((noinline))
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))
// One block runs at a time on one OS thread, so a static is exactly per-block shared memory. (Not for
// `extern __shared__` dynamic shared memory, which the emulator does not provide.)
#define __shared__ static
// __restrict__ is a g++ keyword already.

#define threadIdx (*kiln_emu_thread_idx)
#define blockIdx (static_cast<const uint3&>(kiln_emu_block_idx))
#define blockDim (static_cast<const dim3&>(kiln_emu_block_dim))
#define gridDim (static_cast<const dim3&>(kiln_emu_grid_dim))
constexpr int warpSize = 32;

inline void __syncthreads() { kiln_emu_syncthreads(); }

// ---- bit casts and conversions ----
template <typename To, typename From>
inline To kiln_emu_bits(From v) {
    static_assert(sizeof(To) == sizeof(From));
    To r;
    std::memcpy(&r, &v, sizeof r);
    return r;
}
inline unsigned int __float_as_uint(float x) { return kiln_emu_bits<unsigned int>(x); }
inline float __uint_as_float(unsigned int x) { return kiln_emu_bits<float>(x); }
inline int __float_as_int(float x) { return kiln_emu_bits<int>(x); }
inline float __int_as_float(int x) { return kiln_emu_bits<float>(x); }
inline long long __double_as_longlong(double x) { return kiln_emu_bits<long long>(x); }
inline double __longlong_as_double(long long x) { return kiln_emu_bits<double>(x); }

// cvt.rzi.s32.f32: truncate; NaN -> 0; out of range saturates (C's (int) cast would be undefined there).
inline int __float2int_rz(float x) {
    if (x != x) return 0;
    if (x >= 2147483648.0f) return 2147483647;
    if (x < -2147483648.0f) return -2147483647 - 1;
    return (int) x;
}

// prmt.b32 (default mode): result byte i is byte ((s >> 4i) & 7) of the 8-byte value {y:x}, x = bytes 0-3.
inline unsigned int __byte_perm(unsigned int x, unsigned int y, unsigned int s) {
    unsigned long long v = ((unsigned long long) y << 32) | x;
    unsigned int r = 0;
    for (int i = 0; i < 4; i++) r |= (unsigned int) ((v >> (8 * ((s >> (4 * i)) & 7u))) & 0xffu) << (8 * i);
    return r;
}

// ---- atomics: one OS thread runs every emulated thread, so a plain read-modify-write is atomic ----
template <typename T>
inline T kiln_emu_rmw(T* p, T v, T (*f)(T, T)) {
    T old = *p;
    *p = f(old, v);
    return old;
}
inline int atomicMin(int* p, int v) { return kiln_emu_rmw<int>(p, v, [](int a, int b) { return b < a ? b : a; }); }
inline unsigned atomicMin(unsigned* p, unsigned v) {
    return kiln_emu_rmw<unsigned>(p, v, [](unsigned a, unsigned b) { return b < a ? b : a; });
}
inline int atomicMax(int* p, int v) { return kiln_emu_rmw<int>(p, v, [](int a, int b) { return b > a ? b : a; }); }
inline unsigned atomicMax(unsigned* p, unsigned v) {
    return kiln_emu_rmw<unsigned>(p, v, [](unsigned a, unsigned b) { return b > a ? b : a; });
}
inline int atomicAdd(int* p, int v) { return kiln_emu_rmw<int>(p, v, [](int a, int b) { return (int) ((unsigned) a + (unsigned) b); }); }
inline unsigned atomicAdd(unsigned* p, unsigned v) {
    return kiln_emu_rmw<unsigned>(p, v, [](unsigned a, unsigned b) { return a + b; });
}
inline unsigned long long atomicAdd(unsigned long long* p, unsigned long long v) {
    return kiln_emu_rmw<unsigned long long>(p, v, [](unsigned long long a, unsigned long long b) { return a + b; });
}
inline float atomicAdd(float* p, float v) { return kiln_emu_rmw<float>(p, v, [](float a, float b) { return a + b; }); }
inline double atomicAdd(double* p, double v) { return kiln_emu_rmw<double>(p, v, [](double a, double b) { return a + b; }); }

// ---- math beyond <math.h> (the C library's functions are correctly rounded or within an ulp; CUDA's
// are within its documented ulp bounds, so results can differ in the last bit) ----
inline float rsqrtf(float x) { return 1.0f / sqrtf(x); }
inline double rsqrt(double x) { return 1.0 / sqrt(x); }
inline float __fadd_rn(float a, float b) { return a + b; }
inline float __fmul_rn(float a, float b) { return a * b; }
inline float __fdiv_rn(float a, float b) { return a / b; }
inline float __fsqrt_rn(float x) { return sqrtf(x); }
inline float __saturatef(float x) { return x != x ? 0.f : (x < 0.f ? 0.f : (x > 1.f ? 1.f : x)); }
inline int min(int a, int b) { return a < b ? a : b; }
inline int max(int a, int b) { return a > b ? a : b; }
inline unsigned min(unsigned a, unsigned b) { return a < b ? a : b; }
inline unsigned max(unsigned a, unsigned b) { return a > b ? a : b; }
inline float min(float a, float b) { return fminf(a, b); }
inline float max(float a, float b) { return fmaxf(a, b); }
inline double min(double a, double b) { return fmin(a, b); }
inline double max(double a, double b) { return fmax(a, b); }
template <typename T>
inline T __ldg(const T* p) { return *p; }

// ---- kernel registration ----
namespace kiln_emu {
// Parameters are copied out of the driver's buffer with memcpy: it need not be aligned for T.
template <typename T>
inline T arg(void* p) {
    static_assert(std::is_trivially_copyable_v<T>, "kernel parameters are copied as bytes");
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}
template <typename... P, std::size_t... I>
inline void invoke(void (*f)(P...), void** args, std::index_sequence<I...>) {
    f(arg<std::remove_cv_t<P>>(args[I])...);
}
template <typename... P>
constexpr std::size_t arity(void (*)(P...)) {
    return sizeof...(P);
}
template <auto F>
void trampoline(void** args) {
    invoke(F, args, std::make_index_sequence<arity(F)>{});
}
template <auto F, typename... P>
inline bool register_kernel(const char* name, void (*)(P...)) {
    static const unsigned sizes[] = {(unsigned) sizeof(P)..., 0u};
    kiln_emu_register(name, &trampoline<F>, (int) sizeof...(P), sizes);
    return true;
}
} // namespace kiln_emu

// Registers extern "C" __global__ function fn under its own name (written after the .cu's #include).
#define KILN_EMU_EXPORT(fn) \
    static const bool kiln_emu_exported_##fn = ::kiln_emu::register_kernel<&fn>(#fn, &fn);

#endif // KILN_EMU_RUNTIME
