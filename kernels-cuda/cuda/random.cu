// random.cu: counter-based random fills, a port of kiln.kernels.cpu.RandomFill. Element i is a pure
// function of (seed, counter + i): SplitMix64's finaliser over the index, Box–Muller on the two 32-bit
// halves of one draw for normals, redraws (draw number mixed in) outside two standard deviations for
// truncated normals. Integer steps are bit-exact with Java's long arithmetic (unsigned wrap-around).
// Uniform and Bernoulli are therefore bit-identical to the CPU; normals go through double log/cos,
// whose last bit may differ between CUDA's libm and the JVM's, which after rounding to float almost
// never shows (and the CUDA test says how many differ). Compiled with --fmad=false: a + (b - a) * u
// must round twice, as in Java.
#include "kiln_common.cuh"

#define RK_UNIFORM 0
#define RK_NORMAL 1
#define RK_TRUNCATED_NORMAL 2
#define RK_BERNOULLI 3

typedef unsigned long long u64;

__device__ __forceinline__ u64 rng_mix(u64 z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

__device__ __forceinline__ u64 rng_bits(u64 seed, u64 index, int attempt) {
    return rng_mix(rng_mix(seed ^ 0x9E3779B97F4A7C15ull) + index * 0x9E3779B97F4A7C15ull
                   + (u64) (long long) attempt * 0xD1B54A32D192ED03ull);
}

// A uniform in [0, 1) from the top 24 bits (exact in float).
__device__ __forceinline__ float rng_unit(u64 bits) {
    return (float) (bits >> 40) * 5.9604644775390625e-8f; // 2^-24
}

// Box–Muller; u1 in (0, 1] so the log is finite.
__device__ __forceinline__ double rng_gaussian(u64 bits) {
    double u1 = ((double) (bits >> 32) + 1.0) * 2.3283064365386963e-10; // 2^-32
    double u2 = (double) (bits & 0xFFFFFFFFull) * 2.3283064365386963e-10;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2); // 2.0 * Math.PI, folded as javac does
}

extern "C" __global__ void random_fill(int n, int kind, long long seed, long long counter, float a, float b,
                                       float* out) {
    u64 s = (u64) seed;
    KILN_FOR(i, n) {
        u64 index = (u64) counter + (u64) i;
        float v;
        if (kind == RK_UNIFORM) {
            v = a + (b - a) * rng_unit(rng_bits(s, index, 0));
            if (!(v < b)) v = nextafterf(b, -KILN_INF_F); // rounding must not reach the open upper end
        } else if (kind == RK_NORMAL) {
            v = a + b * (float) rng_gaussian(rng_bits(s, index, 0));
        } else if (kind == RK_TRUNCATED_NORMAL) {
            double g;
            int attempt = 0;
            do {
                g = rng_gaussian(rng_bits(s, index, attempt++));
            } while (fabs(g) > 2.0);
            v = a + b * (float) g;
        } else {
            v = rng_unit(rng_bits(s, index, 0)) < a ? 1.f : 0.f;
        }
        out[i] = v;
    }
}
