// gemm_tc.cu: C = alpha * A @ B + beta * C on tensor cores, float32 in and out, batched (sm_80 and newer).
//   gemm_tf32  inputs rounded to TF32 (10-bit mantissa, round to nearest, ties away: cvt.rna), mma m16n8k8;
//   gemm_bf16  inputs rounded to bfloat16 (7-bit mantissa, round to nearest even), mma m16n8k16.
// Both accumulate in float32. Kiln has no 16-bit tensors: the operands are float32 tensors and are rounded
// once, as each tile is stored to shared memory, which is also what cuBLAS's FAST_TF32 / FAST_16BF compute
// types do with float32 operands (and what torch.set_float32_matmul_precision("high"/"medium") selects).
//
// Tiling: a 256-thread block computes a 128x128 tile of C over k in 32-deep slabs; its 8 warps form a 2x4
// grid of 64x32 warp tiles, each 4x4 mma tiles of 16x8. Slabs are staged in shared memory as As[m][k] and
// Bs[k][n]; the next slab's global loads are issued before the current slab's mma instructions (Tile, in
// gemm_tile.cuh). The row pitches are chosen so each fragment load of a warp hits 32 different banks:
//   TF32: a = As[g][t], As[g][t+4] (pitch 36: 4g + t);  b = Bs[t][g], Bs[t+4][g] (pitch 136: 8t + g)
//   BF16: a = As[g][2t..2t+1] as float2 (pitch 40: 8g + 2t per half-warp);  b = Bs[2t][g], Bs[2t+1][g]
//         (pitch 132: 8t + g and 8t + 4 + g)
// where g = lane / 4 and t = lane % 4 are the PTX ISA's groupID and threadID_in_group.
#include "gemm_tile.cuh"

#define TC_TILE 128
#define TC_K 32

// Float32 to TF32, as a float whose low 13 mantissa bits are zero.
struct RoundTf32 {
    __device__ __forceinline__ float operator()(float x) const {
        unsigned u;
#ifdef KILN_EMULATOR
        u = kiln_emu_cvt_rna_tf32(x); // the host-CPU emulator (kernels-cuda/emulator) has no PTX
#else
        asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(u) : "f"(x));
#endif
        return __uint_as_float(u);
    }
};

// Float32 to bfloat16 (round to nearest even; NaN stays NaN), as a float whose low 16 bits are zero.
struct RoundBf16 {
    __device__ __forceinline__ float operator()(float x) const {
        unsigned u = __float_as_uint(x);
        if ((u & 0x7fffffffu) > 0x7f800000u) return __uint_as_float((u | 0x00400000u) & 0xffff0000u);
        u += 0x7fffu + ((u >> 16) & 1u);
        return __uint_as_float(u & 0xffff0000u);
    }
};

// Two bf16-rounded floats as one register of the mma operand: lo in bits 0-15, hi in bits 16-31.
__device__ __forceinline__ unsigned pack_bf16(float lo, float hi) {
    return __byte_perm(__float_as_uint(lo), __float_as_uint(hi), 0x7632);
}

__device__ __forceinline__ void mma_tf32(float* d, const unsigned* a, const unsigned* b) {
#ifdef KILN_EMULATOR
    kiln_emu_mma_tf32(d, a, b); // warp-collective, like the instruction
#else
    asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
                 "{%0,%1,%2,%3};"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
#endif
}

__device__ __forceinline__ void mma_bf16(float* d, const unsigned* a, const unsigned* b) {
#ifdef KILN_EMULATOR
    kiln_emu_mma_bf16(d, a, b);
#else
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
                 "{%0,%1,%2,%3};"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
#endif
}

template <bool BF16>
__device__ __forceinline__ void gemm_tc(const Plan& batch, int m, int n, int k, float alpha, float beta,
                                        const float* __restrict__ A, int a_rs, int a_cs,
                                        const float* __restrict__ B, int b_rs, int b_cs,
                                        float* C, int c_rs, int c_cs) {
    constexpr int A_PITCH = BF16 ? TC_K + 8 : TC_K + 4;
    constexpr int B_PITCH = BF16 ? TC_TILE + 4 : TC_TILE + 8;
    __shared__ __align__(16) float As[TC_TILE * A_PITCH];
    __shared__ __align__(16) float Bs[TC_K * B_PITCH];
    const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
    const int g = lane / 4, t = lane % 4;
    const int wm = (warp / 4) * 64, wn = (warp % 4) * 32; // this warp's tile within the block's
    const int row0 = blockIdx.y * TC_TILE, col0 = blockIdx.x * TC_TILE;
    int off[3];
    for (int z = blockIdx.z; z < batch.size; z += gridDim.z) {
        plan_offsets(batch, z, 3, off);
        const float* a = A + off[1];
        const float* b = B + off[2];
        float* c = C + off[0];
        const int amode = tile_mode(a, a_rs, a_cs);
        const int bmode = tile_mode(b, b_rs, b_cs);
        Tile<TC_TILE, TC_K> ta;
        Tile<TC_K, TC_TILE> tb;
        ta.load(a, a_rs, a_cs, row0, 0, m, k, amode);
        tb.load(b, b_rs, b_cs, 0, col0, k, n, bmode);
        float acc[4][4][4];
#pragma unroll
        for (int i = 0; i < 4; i++)
#pragma unroll
            for (int j = 0; j < 4; j++)
#pragma unroll
                for (int q = 0; q < 4; q++) acc[i][j][q] = 0.f;
        for (int k0 = 0; k0 < k; k0 += TC_K) {
            __syncthreads(); // every warp is done reading the previous slab
            if (BF16) {
                ta.store(As, A_PITCH, amode, RoundBf16());
                tb.store(Bs, B_PITCH, bmode, RoundBf16());
            } else {
                ta.store(As, A_PITCH, amode, RoundTf32());
                tb.store(Bs, B_PITCH, bmode, RoundTf32());
            }
            __syncthreads();
            if (k0 + TC_K < k) {
                ta.load(a, a_rs, a_cs, row0, k0 + TC_K, m, k, amode);
                tb.load(b, b_rs, b_cs, k0 + TC_K, col0, k, n, bmode);
            }
            constexpr int STEP = BF16 ? 16 : 8;
#pragma unroll
            for (int ks = 0; ks < TC_K; ks += STEP) {
                unsigned fa[4][4], fb[4][2];
#pragma unroll
                for (int i = 0; i < 4; i++) {
                    const float* r0 = As + (wm + i * 16 + g) * A_PITCH + ks;
                    const float* r8 = r0 + 8 * A_PITCH;
                    if (BF16) {
                        fa[i][0] = pack_bf16(r0[2 * t], r0[2 * t + 1]);
                        fa[i][1] = pack_bf16(r8[2 * t], r8[2 * t + 1]);
                        fa[i][2] = pack_bf16(r0[2 * t + 8], r0[2 * t + 9]);
                        fa[i][3] = pack_bf16(r8[2 * t + 8], r8[2 * t + 9]);
                    } else {
                        fa[i][0] = __float_as_uint(r0[t]);
                        fa[i][1] = __float_as_uint(r8[t]);
                        fa[i][2] = __float_as_uint(r0[t + 4]);
                        fa[i][3] = __float_as_uint(r8[t + 4]);
                    }
                }
#pragma unroll
                for (int j = 0; j < 4; j++) {
                    const float* col = Bs + ks * B_PITCH + wn + j * 8 + g;
                    if (BF16) {
                        fb[j][0] = pack_bf16(col[(2 * t) * B_PITCH], col[(2 * t + 1) * B_PITCH]);
                        fb[j][1] = pack_bf16(col[(2 * t + 8) * B_PITCH], col[(2 * t + 9) * B_PITCH]);
                    } else {
                        fb[j][0] = __float_as_uint(col[t * B_PITCH]);
                        fb[j][1] = __float_as_uint(col[(t + 4) * B_PITCH]);
                    }
                }
#pragma unroll
                for (int i = 0; i < 4; i++)
#pragma unroll
                    for (int j = 0; j < 4; j++) {
                        if (BF16) {
                            mma_bf16(acc[i][j], fa[i], fb[j]);
                        } else {
                            mma_tf32(acc[i][j], fa[i], fb[j]);
                        }
                    }
            }
        }
        // Accumulator q of tile (i, j) is C(row g + 8*(q/2), column 2t + q%2) of that 16x8 tile.
#pragma unroll
        for (int i = 0; i < 4; i++)
#pragma unroll
            for (int j = 0; j < 4; j++)
#pragma unroll
                for (int q = 0; q < 4; q++)
                    gemm_store(c, c_rs, c_cs, row0 + wm + i * 16 + g + (q >> 1) * 8, col0 + wn + j * 8 + 2 * t + (q & 1),
                               m, n, alpha, beta, acc[i][j][q]);
    }
}

extern "C" __global__ void __launch_bounds__(256)
gemm_tf32(Plan batch, int m, int n, int k, float alpha, float beta, const float* __restrict__ A, int a_rs, int a_cs,
          const float* __restrict__ B, int b_rs, int b_cs, float* C, int c_rs, int c_cs) {
    gemm_tc<false>(batch, m, n, k, alpha, beta, A, a_rs, a_cs, B, b_rs, b_cs, C, c_rs, c_cs);
}

extern "C" __global__ void __launch_bounds__(256)
gemm_bf16(Plan batch, int m, int n, int k, float alpha, float beta, const float* __restrict__ A, int a_rs, int a_cs,
          const float* __restrict__ B, int b_rs, int b_cs, float* C, int c_rs, int c_cs) {
    gemm_tc<true>(batch, m, n, k, alpha, beta, A, a_rs, a_cs, B, b_rs, b_cs, C, c_rs, c_cs);
}
