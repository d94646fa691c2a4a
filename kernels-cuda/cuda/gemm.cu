// gemm.cu: Kiln's own SGEMM, C = alpha * A @ B + beta * C, batched. Two kernels, chosen by CudaGemm:
//   gemm_tiled  64x64 tiles, any strides, scalar loads: small products, where more blocks beat bigger tiles;
//   gemm_128    128x128 tiles, float4 loads and stores where the layout allows, double-buffered slabs:
//               products large enough to give every SM a block.
// The tensor-core kernels (TF32, BF16) are in gemm_tc.cu.
//
// gemm_tiled: a 256-thread block computes a 64x64 tile of C, marching over k in 16-deep slabs staged in
// shared memory; each thread keeps a 4x4 register tile of C (rows ty + 16*i, cols tx + 16*j, so a warp's
// reads of the B slab hit 16 consecutive banks and its reads of the A slab are broadcasts). Every operand
// is addressed through (row stride, column stride), so transposed views (strides (1, ld)) are read in
// place, and the slab loads pick the thread-to-element mapping that keeps global reads coalesced for
// either layout. Batches: blockIdx.z walks a host Plan over the batch axes (operands 0 = C, 1 = A, 2 = B;
// stride 0 where a batch axis is broadcast). beta == 0 never reads C (BLAS: C may hold NaN).
// Tuning has not been done on a GPU yet (see CudaGemm); cuBLAS is the baseline it is measured against.
#include "gemm_tile.cuh"

#define BM 64
#define BN 64
#define BK 16
#define TM 4
#define TN 4

extern "C" __global__ void __launch_bounds__(256)
gemm_tiled(Plan batch, int m, int n, int k, float alpha, float beta,
           const float* __restrict__ A, int a_rs, int a_cs,   // A: (m, k)
           const float* __restrict__ B, int b_rs, int b_cs,   // B: (k, n)
           float* C, int c_rs, int c_cs) {                    // C: (m, n)
    __shared__ float As[BK][BM];
    __shared__ float Bs[BK][BN];
    const int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
    const int row0 = blockIdx.y * BM, col0 = blockIdx.x * BN;
    // Slab-load mapping: consecutive threads walk the operand's unit-stride direction.
    const bool a_k_fast = a_cs == 1; // A row-major: k is contiguous
    const bool b_n_fast = b_cs == 1 || b_rs != 1; // B row-major (or neither): n is contiguous
    int off[3];
    for (int z = blockIdx.z; z < batch.size; z += gridDim.z) {
        plan_offsets(batch, z, 3, off);
        const float* a = A + off[1];
        const float* b = B + off[2];
        float* c = C + off[0];
        float acc[TM][TN];
        for (int i = 0; i < TM; i++)
            for (int j = 0; j < TN; j++) acc[i][j] = 0.f;
        for (int k0 = 0; k0 < k; k0 += BK) {
            for (int r = 0; r < (BM * BK) / 256; r++) {
                int e = threadIdx.x + 256 * r;
                int mi = a_k_fast ? e / BK : e % BM;
                int ki = a_k_fast ? e % BK : e / BM;
                int gm = row0 + mi, gk = k0 + ki;
                As[ki][mi] = (gm < m && gk < k) ? a[(long long) gm * a_rs + (long long) gk * a_cs] : 0.f;
            }
            for (int r = 0; r < (BK * BN) / 256; r++) {
                int e = threadIdx.x + 256 * r;
                int ni = b_n_fast ? e % BN : e / BK;
                int ki = b_n_fast ? e / BN : e % BK;
                int gk = k0 + ki, gn = col0 + ni;
                Bs[ki][ni] = (gk < k && gn < n) ? b[(long long) gk * b_rs + (long long) gn * b_cs] : 0.f;
            }
            __syncthreads();
#pragma unroll
            for (int kk = 0; kk < BK; kk++) {
                float ra[TM], rb[TN];
#pragma unroll
                for (int i = 0; i < TM; i++) ra[i] = As[kk][ty + 16 * i];
#pragma unroll
                for (int j = 0; j < TN; j++) rb[j] = Bs[kk][tx + 16 * j];
#pragma unroll
                for (int i = 0; i < TM; i++)
#pragma unroll
                    for (int j = 0; j < TN; j++) acc[i][j] += ra[i] * rb[j];
            }
            __syncthreads();
        }
        for (int i = 0; i < TM; i++) {
            int gm = row0 + ty + 16 * i;
            if (gm >= m) continue;
            for (int j = 0; j < TN; j++) {
                int gn = col0 + tx + 16 * j;
                if (gn >= n) continue;
                float* cp = c + (long long) gm * c_rs + (long long) gn * c_cs;
                *cp = beta == 0.f ? alpha * acc[i][j] : alpha * acc[i][j] + beta * *cp;
            }
        }
    }
}

// gemm_128: a 256-thread block computes a 128x128 tile of C over k in 8-deep slabs. Each thread owns an
// 8x8 register tile made of four 4x4 quadrants (rows ty*4 + {0..3} and 64 + ty*4 + {0..3}, columns tx*4 +
// {0..3} and 64 + tx*4 + {0..3}), so its slab reads are four float4 loads: the A slab is stored transposed
// (As[k][m]) for that. Two slab buffers: the next slab's global loads are issued before the current one's
// 512 multiply-adds and stored to the other buffer after them, so one barrier per slab suffices.
#define G_TILE 128
#define G_K 8
#define G_PITCH (G_TILE + 4) // keeps float4 alignment; shifts the two k-rows a store quad writes by 16 banks

extern "C" __global__ void __launch_bounds__(256)
gemm_128(Plan batch, int m, int n, int k, float alpha, float beta,
         const float* __restrict__ A, int a_rs, int a_cs,
         const float* __restrict__ B, int b_rs, int b_cs,
         float* C, int c_rs, int c_cs) {
    __shared__ __align__(16) float As[2][G_K * G_PITCH];
    __shared__ __align__(16) float Bs[2][G_K * G_PITCH];
    const int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
    const int row0 = blockIdx.y * G_TILE, col0 = blockIdx.x * G_TILE;
    int off[3];
    for (int z = blockIdx.z; z < batch.size; z += gridDim.z) {
        plan_offsets(batch, z, 3, off);
        const float* a = A + off[1];
        const float* b = B + off[2];
        float* c = C + off[0];
        // The A slab is a tile of A transposed: its rows run along k (stride a_cs), its columns along m.
        const int amode = tile_mode(a, a_cs, a_rs);
        const int bmode = tile_mode(b, b_rs, b_cs);
        Tile<G_K, G_TILE> ta, tb;
        ta.load(a, a_cs, a_rs, 0, row0, k, m, amode);
        tb.load(b, b_rs, b_cs, 0, col0, k, n, bmode);
        ta.store(As[0], G_PITCH, amode, RoundNone());
        tb.store(Bs[0], G_PITCH, bmode, RoundNone());
        __syncthreads();
        float acc[8][8];
#pragma unroll
        for (int i = 0; i < 8; i++)
#pragma unroll
            for (int j = 0; j < 8; j++) acc[i][j] = 0.f;
        int buf = 0;
        for (int k0 = 0; k0 < k; k0 += G_K) {
            const bool more = k0 + G_K < k;
            if (more) {
                ta.load(a, a_cs, a_rs, k0 + G_K, row0, k, m, amode);
                tb.load(b, b_rs, b_cs, k0 + G_K, col0, k, n, bmode);
            }
            const float* as = As[buf];
            const float* bs = Bs[buf];
#pragma unroll
            for (int kk = 0; kk < G_K; kk++) {
                float4 a0 = *reinterpret_cast<const float4*>(as + kk * G_PITCH + ty * 4);
                float4 a1 = *reinterpret_cast<const float4*>(as + kk * G_PITCH + 64 + ty * 4);
                float4 b0 = *reinterpret_cast<const float4*>(bs + kk * G_PITCH + tx * 4);
                float4 b1 = *reinterpret_cast<const float4*>(bs + kk * G_PITCH + 64 + tx * 4);
                const float ra[8] = {a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w};
                const float rb[8] = {b0.x, b0.y, b0.z, b0.w, b1.x, b1.y, b1.z, b1.w};
#pragma unroll
                for (int i = 0; i < 8; i++)
#pragma unroll
                    for (int j = 0; j < 8; j++) acc[i][j] += ra[i] * rb[j];
            }
            if (more) {
                ta.store(As[buf ^ 1], G_PITCH, amode, RoundNone());
                tb.store(Bs[buf ^ 1], G_PITCH, bmode, RoundNone());
                __syncthreads();
                buf ^= 1;
            }
        }
        const bool vec = c_cs == 1 && (c_rs & 3) == 0 && (reinterpret_cast<unsigned long long>(c) & 15ull) == 0;
#pragma unroll
        for (int i = 0; i < 8; i++) {
            const int gm = row0 + (i < 4 ? ty * 4 + i : 64 + ty * 4 + i - 4);
#pragma unroll
            for (int h = 0; h < 2; h++) { // the two column quadrants
                const int gn = col0 + h * 64 + tx * 4;
                if (vec && gm < m && gn + 3 < n) {
                    float4* p = reinterpret_cast<float4*>(c + (long long) gm * c_rs + gn);
                    float4 v = make_float4(alpha * acc[i][4 * h], alpha * acc[i][4 * h + 1], alpha * acc[i][4 * h + 2],
                                           alpha * acc[i][4 * h + 3]);
                    if (beta != 0.f) {
                        float4 o = *p;
                        v.x += beta * o.x; v.y += beta * o.y; v.z += beta * o.z; v.w += beta * o.w;
                    }
                    *p = v;
                } else {
#pragma unroll
                    for (int j = 0; j < 4; j++) gemm_store(c, c_rs, c_cs, gm, gn + j, m, n, alpha, beta, acc[i][4 * h + j]);
                }
            }
        }
        __syncthreads(); // the next batch element's first slab overwrites buffer 0
    }
}
