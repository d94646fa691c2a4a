// gemm_tile.cuh: moving an R x C tile of a strided matrix from global to shared memory, for the 256-thread
// GEMM kernels (gemm.cu's gemm_128, gemm_tc.cu). The tile passes through registers (Tile::q) so a kernel
// can issue the next tile's global loads before computing on the current one.
//
// Element (r, c) of the matrix is at g[r * rs + c * cs]. Each thread moves R*C/1024 quads of 4 elements
// that are adjacent along the matrix's unit-stride direction, read as one float4 when that is legal:
//   TILE_VEC_COLS  cs == 1, rs % 4 == 0 and g 16-byte aligned: quads run along columns (row-major);
//   TILE_VEC_ROWS  rs == 1, cs % 4 == 0 and g 16-byte aligned: quads run along rows (a transposed view);
//   TILE_SCALAR    anything else: quads run along columns, read element by element.
// The mode depends only on the operand, so every thread of a block takes the same branch.
#pragma once
#include "kiln_common.cuh"

#define TILE_VEC_COLS 0
#define TILE_VEC_ROWS 1
#define TILE_SCALAR 2

__device__ __forceinline__ int tile_mode(const float* g, int rs, int cs) {
    bool aligned = (reinterpret_cast<unsigned long long>(g) & 15ull) == 0;
    if (aligned && cs == 1 && (rs & 3) == 0) return TILE_VEC_COLS;
    if (aligned && rs == 1 && (cs & 3) == 0) return TILE_VEC_ROWS;
    return TILE_SCALAR;
}

// Rounding applied as a tile is stored to shared memory (the tensor-core kernels round their inputs once
// there instead of at every fragment load).
struct RoundNone {
    __device__ __forceinline__ float operator()(float x) const { return x; }
};

template <int R, int C>
struct Tile {
    static constexpr int QUADS = R * C / (4 * 256);
    static_assert(QUADS * 4 * 256 == R * C, "a tile must be a whole number of quads per thread");
    float4 q[QUADS];

    // First element (r, c) of quad e: quads are numbered along their own direction first.
    __device__ __forceinline__ static void origin(int e, int mode, int& r, int& c) {
        if (mode == TILE_VEC_ROWS) {
            c = e / (R / 4);
            r = (e % (R / 4)) * 4;
        } else {
            r = e / (C / 4);
            c = (e % (C / 4)) * 4;
        }
    }

    // Loads the tile whose element (0, 0) is matrix element (r0, c0); zeros outside rows x cols.
    __device__ __forceinline__ void load(const float* __restrict__ g, int rs, int cs, int r0, int c0, int rows,
                                         int cols, int mode) {
#pragma unroll
        for (int i = 0; i < QUADS; i++) {
            int r, c;
            origin(threadIdx.x + 256 * i, mode, r, c);
            const int gr = r0 + r, gc = c0 + c;
            float v[4] = {0.f, 0.f, 0.f, 0.f};
            if (mode == TILE_VEC_COLS && gr < rows && gc + 3 < cols) {
                float4 f = *reinterpret_cast<const float4*>(g + (long long) gr * rs + gc);
                v[0] = f.x; v[1] = f.y; v[2] = f.z; v[3] = f.w;
            } else if (mode == TILE_VEC_ROWS && gc < cols && gr + 3 < rows) {
                float4 f = *reinterpret_cast<const float4*>(g + gr + (long long) gc * cs);
                v[0] = f.x; v[1] = f.y; v[2] = f.z; v[3] = f.w;
            } else if (mode == TILE_VEC_ROWS) { // the ragged edge of a transposed view
#pragma unroll
                for (int j = 0; j < 4; j++)
                    if (gc < cols && gr + j < rows) v[j] = g[(long long) (gr + j) * rs + (long long) gc * cs];
            } else {
#pragma unroll
                for (int j = 0; j < 4; j++)
                    if (gr < rows && gc + j < cols) v[j] = g[(long long) gr * rs + (long long) (gc + j) * cs];
            }
            q[i] = make_float4(v[0], v[1], v[2], v[3]);
        }
    }

    // Stores the loaded tile to s[r * pitch + c] (pitch a multiple of 4, s 16-byte aligned), rounded.
    template <typename Round>
    __device__ __forceinline__ void store(float* s, int pitch, int mode, Round round) const {
#pragma unroll
        for (int i = 0; i < QUADS; i++) {
            int r, c;
            origin(threadIdx.x + 256 * i, mode, r, c);
            float4 v = make_float4(round(q[i].x), round(q[i].y), round(q[i].z), round(q[i].w));
            if (mode == TILE_VEC_ROWS) {
                s[r * pitch + c] = v.x;
                s[(r + 1) * pitch + c] = v.y;
                s[(r + 2) * pitch + c] = v.z;
                s[(r + 3) * pitch + c] = v.w;
            } else {
                *reinterpret_cast<float4*>(s + r * pitch + c) = v;
            }
        }
    }
};

// C[gm, gn] = alpha * acc (+ beta * C[gm, gn]; beta == 0 never reads C, which may hold NaN, as BLAS).
__device__ __forceinline__ void gemm_store(float* c, int c_rs, int c_cs, int gm, int gn, int m, int n, float alpha,
                                           float beta, float acc) {
    if (gm < m && gn < n) {
        float* p = c + (long long) gm * c_rs + (long long) gn * c_cs;
        *p = beta == 0.f ? alpha * acc : alpha * acc + beta * *p;
    }
}
