// gemm.cu: Kiln's own SGEMM, C = alpha * A @ B + beta * C, batched.
//
// Tiling: a 256-thread block computes a 64x64 tile of C, marching over k in 16-deep slabs staged in
// shared memory; each thread keeps a 4x4 register tile of C (rows ty + 16*i, cols tx + 16*j, so a warp's
// reads of the B slab hit 16 consecutive banks and its reads of the A slab are broadcasts). Every operand
// is addressed through (row stride, column stride), so transposed views (strides (1, ld)) are read in
// place, and the slab loads pick the thread-to-element mapping that keeps global reads coalesced for
// either layout. Batches: blockIdx.z walks a host Plan over the batch axes (operands 0 = C, 1 = A, 2 = B;
// stride 0 where a batch axis is broadcast). beta == 0 never reads C (BLAS: C may hold NaN).
// Tuning has not been done on a GPU yet (see CudaGemm); cuBLAS is the baseline it is measured against.
#include "kiln_common.cuh"

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
