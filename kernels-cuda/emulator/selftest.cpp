// selftest.cpp: the emulator's smoke test (run by selftest.sh, not part of the Maven build). Launches Kiln's
// real kernels from libkilnemu.so through the C ABI only, the way the Java driver does, and compares them
// with plain C++ references; also checks that a divergent barrier, a partial-warp mma and writes past an
// allocation are reported. The two test-only kernels below are compiled here, not in kernels-cuda/cuda.
#include "kiln_emu.h"
#include "kiln_common.cuh" // struct Plan
#include "ops.cuh"         // kiln_unary / kiln_binary, called directly as the reference for the plumbing test

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

// ---- test-only kernels ----
extern "C" __global__ void selftest_divergent_barrier(int* out) {
    if (threadIdx.x < 100) return; // threads 0-99 leave; the others wait at the barrier forever
    __syncthreads();
    out[threadIdx.x] = 1;
}
extern "C" __global__ void selftest_mma_partial_warp(float* out) {
    unsigned a[4] = {0, 0, 0, 0}, b[2] = {0, 0};
    float d[4] = {0, 0, 0, 0};
    kiln_emu_mma_tf32(d, a, b);
    out[threadIdx.x] = d[0];
}
KILN_EMU_EXPORT(selftest_divergent_barrier)
KILN_EMU_EXPORT(selftest_mma_partial_warp)

// ---- harness ----
static int failures = 0;
static std::string last_error;

static void report(bool ok, const std::string& what) {
    std::printf("%s  %s\n", ok ? "PASS" : "FAIL", what.c_str());
    if (!ok) failures++;
}

// Launches with exact parameter types; checks them against the sizes the kernel registered.
template <typename... T>
static int launch(const char* kernel, dim3 grid, dim3 block, T... a) {
    unsigned sizes[32];
    int n = kiln_emu_kernel_params(kernel, sizes, 32);
    const unsigned mine[] = {(unsigned) sizeof(T)..., 0u};
    if (n != (int) sizeof...(T)) {
        std::printf("FAIL  %s: %d parameters registered, the test passes %zu\n", kernel, n, sizeof...(T));
        failures++;
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (sizes[i] != mine[i]) {
            std::printf("FAIL  %s: parameter %d is %u bytes, the test passes %u\n", kernel, i, sizes[i], mine[i]);
            failures++;
            return -1;
        }
    }
    void* args[] = {(void*) &a..., nullptr};
    char err[512];
    int rc = kiln_emu_launch(kernel, grid.x, grid.y, grid.z, block.x, block.y, block.z, args, err, sizeof err);
    last_error = rc ? err : "";
    if (rc) std::printf("      launch error: %s\n", err);
    return rc;
}

template <typename T>
static T* dev(size_t count) {
    return static_cast<T*>(kiln_emu_malloc(count * sizeof(T)));
}
template <typename T>
static T* dev(const std::vector<T>& host) {
    T* p = dev<T>(host.size());
    std::memcpy(p, host.data(), host.size() * sizeof(T));
    return p;
}

static double seconds(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

static std::mt19937 rng(12345);
static std::vector<float> randoms(size_t n, float lo = -1.f, float hi = 1.f) {
    std::uniform_real_distribution<float> d(lo, hi);
    std::vector<float> v(n);
    for (float& x : v) x = d(rng);
    return v;
}

static Plan plan_single() {
    Plan p{};
    p.rank = 0;
    p.size = 1;
    return p;
}
// One axis of length n; operand k steps by strides[k].
static Plan plan_axis(int n, std::vector<int> strides) {
    Plan p{};
    p.rank = 1;
    p.size = n;
    p.dims[0] = n;
    for (size_t k = 0; k < strides.size(); k++) p.strides[k][0] = strides[k];
    return p;
}

// ---- tests ----
static void test_unary_dense() {
    const int n = 1000;
    auto x = randoms(n, -4.f, 4.f);
    float* dx = dev(x);
    float* dout = dev<float>(n);
    int rc = launch("unary_dense", dim3(2), dim3(256), n, 9 /* U_TANH */, 0.f, 0.f, (const float*) dx, dout);
    int bad = 0;
    for (int i = 0; i < n && !rc; i++) bad += dout[i] != (float) std::tanh((double) x[i]);
    report(rc == 0 && bad == 0, "unary_dense tanh, n=1000, grid 2 x 256 (grid-stride), bit-exact vs (float) tanh(double): " +
                                    std::to_string(bad) + " differ");
    kiln_emu_free(dx);
    kiln_emu_free(dout);
}

// Every UnaryOp and BinaryOp over special values (zeros, denormals, huge, infinities, NaN): the kernels'
// results must be bit-identical to calling ops.cuh directly (this checks the launch plumbing: op codes,
// scalar parameters; and runs libm's slow paths on the 64 KiB fiber stacks).
static void test_all_ops() {
    const std::vector<float> special = {0.f, -0.f, 1.f, -1.f, 0.5f, -2.5f, 3.f, 1e-40f, -1e-40f, 1e30f, -1e30f, 88.7f,
                                        -103.f, 3.14159265f, INFINITY, -INFINITY, NAN, 1e-7f, 2.5f, -0.5f};
    const int ns = (int) special.size(), n = ns * ns;
    std::vector<float> a(n), b(n);
    for (int i = 0; i < n; i++) a[i] = special[i / ns], b[i] = special[i % ns];
    float *da = dev(a), *db = dev(b), *dout = dev<float>(n);
    auto same = [](float x, float y) { return (x != x && y != y) || kiln_emu_bits<uint32_t>(x) == kiln_emu_bits<uint32_t>(y); };
    int bad = 0, failed = 0;
    for (int op = 0; op <= U_NOT_FINITE; op++) {
        failed += launch("unary_dense", dim3(1), dim3(256), n, op, 0.1f, 0.9f, (const float*) da, dout) != 0;
        for (int i = 0; i < n; i++) bad += !same(dout[i], kiln_unary(op, a[i], 0.1f, 0.9f));
    }
    for (int op = 0; op <= B_RELU_GRAD; op++) {
        failed += launch("binary_dense", dim3(1), dim3(256), n, op, (const float*) da, (const float*) db, dout) != 0;
        for (int i = 0; i < n; i++) bad += !same(dout[i], kiln_binary(op, a[i], b[i]));
    }
    report(failed == 0 && bad == 0, "unary_dense x 34 ops, binary_dense x 14 ops over 400 special-value pairs: " +
                                        std::to_string(bad) + " differ from ops.cuh called directly");
    kiln_emu_free(da);
    kiln_emu_free(db);
    kiln_emu_free(dout);
}

static void test_reduce_block() {
    // x: (5, 1000) reduced along axis 1, and x^T: (1000, 5) reduced along axis 0 (strided inner plan).
    const int rows = 5, cols = 1000;
    auto xs = randoms(rows * cols, -1.f, 3.f), xp = randoms(rows * cols, 0.95f, 1.05f); // xp: products stay finite
    float *dxs = dev(xs), *dxp = dev(xp);
    float* dout = dev<float>(rows);
    const char* names[] = {"SUM", "MEAN", "MAX", "MIN", "PROD"};
    for (int transposed = 0; transposed < 2; transposed++) {
        // element (r, j) of the reduction is x[r * cols + j] (contiguous) or x[j * rows + r] (x read as x^T)
        Plan outer = plan_axis(rows, {1, transposed ? 1 : cols});
        Plan inner = plan_axis(cols, {transposed ? rows : 1});
        for (int op = 0; op < 5; op++) {
            const std::vector<float>& x = op == 4 ? xp : xs;
            int rc = launch("reduce_block", dim3(3), dim3(256), outer, inner, op, (const float*) (op == 4 ? dxp : dxs), dout);
            int bad = 0;
            for (int r = 0; r < rows && !rc; r++) {
                double acc = op == 4 ? 1.0 : op == 2 ? -INFINITY : op == 3 ? INFINITY : 0.0;
                for (int j = 0; j < cols; j++) {
                    double v = x[transposed ? j * rows + r : r * cols + j];
                    acc = op == 4 ? acc * v : op == 2 ? std::max(acc, v) : op == 3 ? std::min(acc, v) : acc + v;
                }
                float want = op == 1 ? (float) acc * (1.f / cols) : (float) acc;
                // the kernel's tree order and the sequential order round differently only at double precision
                if (!(dout[r] == want || std::fabs(dout[r] - want) <= 1e-6f * std::fabs(want))) bad++;
            }
            report(rc == 0 && bad == 0, std::string("reduce_block ") + names[op] + (transposed ? " over a strided axis" : "") +
                                            ", 5 x 1000, grid 3 x 256 threads (barrier tree): " + std::to_string(bad) + " of 5 differ");
        }
    }
    kiln_emu_free(dxs);
    kiln_emu_free(dxp);
    kiln_emu_free(dout);
}

static void test_softmax_and_batchnorm() {
    const int rows = 4, n = 300;
    auto x = randoms(rows * n, -5.f, 5.f);
    float* dx = dev(x);
    float* dy = dev<float>(rows * n);
    Plan p = plan_axis(rows, {n, n});
    int rc = launch("softmax_rows", dim3(rows), dim3(256), p, n, 1, 1, 0, (const float*) dx, dy);
    double worst = 0;
    for (int r = 0; r < rows && !rc; r++) {
        double m = -INFINITY, s = 0;
        for (int j = 0; j < n; j++) m = std::max(m, (double) x[r * n + j]);
        for (int j = 0; j < n; j++) s += std::exp(x[r * n + j] - m);
        for (int j = 0; j < n; j++) {
            double want = std::exp(x[r * n + j] - m) / s;
            worst = std::max(worst, std::fabs(dy[r * n + j] - want) / want);
        }
    }
    report(rc == 0 && worst < 1e-6, "softmax_rows 4 x 300, 256 threads (block_max/block_sum barriers), max rel err " +
                                        std::to_string(worst));
    kiln_emu_free(dx);
    kiln_emu_free(dy);

    const int brows = 1000, ch = 7;
    auto b = randoms(brows * ch, 10.f, 12.f);
    float* db = dev(b);
    float* dmean = dev<float>(ch);
    float* dvar = dev<float>(ch);
    rc = launch("batchnorm_stats", dim3(ch), dim3(256), brows, ch, (const float*) db, dmean, dvar);
    worst = 0;
    for (int c = 0; c < ch && !rc; c++) {
        double m = 0, v = 0;
        for (int r = 0; r < brows; r++) m += b[r * ch + c];
        m /= brows;
        for (int r = 0; r < brows; r++) v += (b[r * ch + c] - m) * (b[r * ch + c] - m);
        v /= brows;
        worst = std::max({worst, std::fabs(dmean[c] - m) / m, std::fabs(dvar[c] - v) / v});
    }
    report(rc == 0 && worst < 1e-6, "batchnorm_stats 1000 x 7, 256 threads (Chan merge tree), max rel err " + std::to_string(worst));
    kiln_emu_free(db);
    kiln_emu_free(dmean);
    kiln_emu_free(dvar);
}

// Rounding as the tensor-core kernels do it (independent of both gemm_tc.cu and the runtime).
static float tf32_rna(float x) {
    uint32_t u;
    std::memcpy(&u, &x, 4);
    uint32_t mag = u & 0x7fffffffu;
    uint32_t r = ((mag + 0x1000u) & ~0x1fffu) | (u & 0x80000000u);
    float y;
    std::memcpy(&y, &r, 4);
    return y;
}
static float bf16_rne(float x) {
    uint32_t u;
    std::memcpy(&u, &x, 4);
    uint32_t lsb = (u >> 16) & 1u;
    uint32_t r = (u + 0x7fffu + lsb) & 0xffff0000u;
    float y;
    std::memcpy(&y, &r, 4);
    return y;
}

// C (batch, m, n) = alpha * A (batch, m, k) @ B (batch, k, n) + beta * C, through a Kiln GEMM kernel.
// mode 0: float32 (gemm_128 / gemm_tiled), 1: TF32, 2: BF16. a_cols / b_cols: the operand is stored
// column-major (a transposed view, rs = 1).
static double gemm_case(const char* kernel, int m, int n, int k, int batch, bool a_cols, bool b_cols, float alpha, float beta,
                        int mode, bool quiet = false) {
    auto A = randoms((size_t) batch * m * k), B = randoms((size_t) batch * k * n);
    auto C0 = randoms((size_t) batch * m * n);
    if (beta == 0.f) std::fill(C0.begin(), C0.end(), NAN); // beta == 0 must not read C
    float *dA = dev(A), *dB = dev(B), *dC = dev(C0);
    const int a_rs = a_cols ? 1 : k, a_cs = a_cols ? m : 1;
    const int b_rs = b_cols ? 1 : n, b_cs = b_cols ? k : 1;
    Plan plan = batch == 1 ? plan_single() : plan_axis(batch, {m * n, m * k, k * n});
    const int tile = std::strcmp(kernel, "gemm_tiled") == 0 ? 64 : 128;
    auto t0 = std::chrono::steady_clock::now();
    int rc = launch(kernel, dim3((n + tile - 1) / tile, (m + tile - 1) / tile, batch), dim3(256), plan, m, n, k, alpha,
                    beta, (const float*) dA, a_rs, a_cs, (const float*) dB, b_rs, b_cs, dC, n, 1);
    double secs = seconds(t0);
    const double u = mode == 1 ? std::ldexp(1.0, -11) : mode == 2 ? std::ldexp(1.0, -8) : 0.0;
    int bad = 0, exact = 0;
    double worst = 0;
    for (int z = 0; z < batch && !rc; z++) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, sabs = 0;
                float seq = 0.f; // the sum a tensor core-like sequential float accumulation gives
                for (int p = 0; p < k; p++) {
                    float a = A[(size_t) z * m * k + (a_cols ? (size_t) p * m + i : (size_t) i * k + p)];
                    float b = B[(size_t) z * k * n + (b_cols ? (size_t) j * k + p : (size_t) p * n + j)];
                    s += (double) a * b;
                    sabs += std::fabs((double) a * b);
                    float ra = mode == 1 ? tf32_rna(a) : mode == 2 ? bf16_rne(a) : a;
                    float rb = mode == 1 ? tf32_rna(b) : mode == 2 ? bf16_rne(b) : b;
                    seq += ra * rb;
                }
                const size_t ci = (size_t) z * m * n + (size_t) i * n + j;
                double c0 = beta == 0.f ? 0.0 : C0[ci];
                double want = alpha * s + beta * c0;
                // input rounding (2u + u^2 per product) + float accumulation + the final alpha/beta roundings
                double tol = std::fabs(alpha) * ((2 * u + u * u) * sabs + (k + 2) * std::ldexp(1.0, -24) * sabs) +
                             std::ldexp(1.0, -23) * (std::fabs(alpha * s) + std::fabs(beta * c0)) + 1e-30;
                double err = std::fabs(dC[ci] - want);
                worst = std::max(worst, err / tol);
                if (!(err <= tol)) bad++;
                float seq_want = beta == 0.f ? alpha * seq : alpha * seq + beta * (float) c0;
                exact += dC[ci] == seq_want;
            }
        }
    }
    if (!quiet) {
        char what[400];
        std::snprintf(what, sizeof what,
                      "%s %dx%dx%d%s, A %s, B %s, alpha %g beta %g: %d of %d outside the bound (worst err/bound %.3f); "
                      "%d bit-identical to a k-ascending float sum; %.3f s",
                      kernel, m, n, k, batch > 1 ? (" batch " + std::to_string(batch)).c_str() : "",
                      a_cols ? "col-major" : "row-major", b_cols ? "col-major" : "row-major", alpha, beta, bad, batch * m * n,
                      worst, exact, secs);
        report(rc == 0 && bad == 0, what);
    }
    kiln_emu_free(dA);
    kiln_emu_free(dB);
    kiln_emu_free(dC);
    return secs;
}

static void test_sgemm() {
    // Column-major like cuBLAS: op(A) m x k, op(B) k x n, C m x n (ldc = m), batch 2.
    const int m = 37, n = 29, k = 45, batch = 2;
    for (int mode = 0; mode < 3; mode++) {
        for (int ta = 0; ta < 2; ta++) {
            for (int tb = 0; tb < 2; tb++) {
                const int lda = ta ? k : m, ldb = tb ? n : k;
                auto A = randoms((size_t) batch * m * k), B = randoms((size_t) batch * k * n), C = randoms((size_t) batch * m * n);
                auto C0 = C;
                kiln_emu_sgemm(ta, tb, m, n, k, 1.5f, A.data(), lda, (long long) m * k, B.data(), ldb, (long long) k * n, -0.5f,
                               C.data(), m, (long long) m * n, batch, mode);
                const double u = mode == 1 ? std::ldexp(1.0, -11) : mode == 2 ? std::ldexp(1.0, -8) : 0.0;
                int bad = 0;
                for (int z = 0; z < batch; z++)
                    for (int j = 0; j < n; j++)
                        for (int i = 0; i < m; i++) {
                            double s = 0, sabs = 0;
                            for (int p = 0; p < k; p++) {
                                double a = A[(size_t) z * m * k + (ta ? i * lda + p : p * lda + i)];
                                double b = B[(size_t) z * k * n + (tb ? p * ldb + j : j * ldb + p)];
                                s += a * b;
                                sabs += std::fabs(a * b);
                            }
                            size_t ci = (size_t) z * m * n + i + (size_t) j * m;
                            double want = 1.5 * s - 0.5 * C0[ci];
                            double tol = 1.5 * (2 * u + u * u) * sabs + std::ldexp(1.0, -23) * (std::fabs(want) + 1e-30) + 1e-12 * sabs;
                            bad += !(std::fabs(C[ci] - want) <= tol);
                        }
                report(bad == 0, "kiln_emu_sgemm mode " + std::to_string(mode) + (ta ? " A^T" : " A") + (tb ? " B^T" : " B") +
                                     " 37x29x45 batch 2, alpha 1.5 beta -0.5: " + std::to_string(bad) + " outside the bound");
            }
        }
    }
}

static void test_errors() {
    // A divergent barrier: threads 0-99 return, 156 wait.
    int* d = dev<int>(256);
    int rc = launch("selftest_divergent_barrier", dim3(2), dim3(256), d);
    report(rc != 0 && last_error.find("barrier divergence") != std::string::npos &&
               last_error.find("156 of 256") != std::string::npos,
           "divergent __syncthreads reported: \"" + last_error + "\"");
    kiln_emu_free(d);

    // mma.sync in a 48-thread block: the second warp has 16 lanes.
    float* o = dev<float>(48);
    rc = launch("selftest_mma_partial_warp", dim3(1), dim3(48), o);
    report(rc != 0 && last_error.find("partial warp") != std::string::npos, "mma.sync in a partial warp reported: \"" + last_error + "\"");
    kiln_emu_free(o);

    // unary_dense told n = 1001 over allocations of 1000 floats writes one float past the end.
    float* x = dev(randoms(1000));
    float* out = dev<float>(1000);
    rc = launch("unary_dense", dim3(4), dim3(256), 1001, 0, 0.f, 0.f, (const float*) x, out);
    report(rc != 0 && last_error.find("wrote past the end of a device allocation of 4000 bytes") != std::string::npos,
           "write past an allocation reported: \"" + last_error + "\"");
    rc = launch("unary_dense", dim3(4), dim3(256), 1000, 0, 0.f, 0.f, (const float*) x, out);
    report(rc == 0, "the canary was restored: the next correct launch succeeds");
    out[-1] = 1.f; // a host-side write before the start
    rc = launch("unary_dense", dim3(4), dim3(256), 1000, 0, 0.f, 0.f, (const float*) x, out);
    report(rc != 0 && last_error.find("before kernel unary_dense was launched") != std::string::npos,
           "a host write before an allocation, seen at the next launch: \"" + last_error + "\"");
    kiln_emu_free(x);
    kiln_emu_free(out);

    char err[256];
    rc = kiln_emu_launch("no_such_kernel", 1, 1, 1, 1, 1, 1, nullptr, err, sizeof err);
    report(rc != 0 && std::strstr(err, "unknown kernel"), std::string("unknown kernel reported: \"") + err + "\"");
    rc = kiln_emu_launch("unary_dense", 1, 1, 1, 2048, 1, 1, nullptr, err, sizeof err);
    report(rc != 0 && std::strstr(err, "invalid launch configuration"), std::string("2048-thread block refused: \"") + err + "\"");

    unsigned long long before = kiln_emu_allocated();
    kiln_emu_set_capacity(before + (1ull << 20));
    void* big = kiln_emu_malloc(2ull << 20);
    void* small = kiln_emu_malloc(1000);
    bool aligned = (reinterpret_cast<uintptr_t>(small) & 255) == 0;
    report(big == nullptr && small != nullptr && aligned && kiln_emu_allocated() == before + 1000,
           "capacity: 2 MiB refused under a 1 MiB limit, 1000 bytes allocated 256-byte aligned and counted");
    kiln_emu_free(small);
    kiln_emu_set_capacity(0);
    report(kiln_emu_allocated() == before, "allocated bytes back to " + std::to_string(before) + " after free");
}

int main() {
    auto t0 = std::chrono::steady_clock::now();
    test_unary_dense();
    test_all_ops();
    test_reduce_block();
    test_softmax_and_batchnorm();
    // Ragged shapes (scalar tile loads) and aligned ones (float4 paths), both operand layouts, batches.
    gemm_case("gemm_128", 130, 70, 45, 1, false, false, 1.f, 0.f, 0);
    gemm_case("gemm_128", 256, 192, 64, 1, false, false, 0.75f, 0.5f, 0);
    gemm_case("gemm_128", 130, 70, 45, 1, true, true, 1.f, 0.f, 0);
    gemm_case("gemm_128", 132, 136, 48, 3, true, false, 1.f, 1.f, 0);
    gemm_case("gemm_tiled", 130, 70, 45, 1, false, false, 1.f, 0.f, 0);
    gemm_case("gemm_tiled", 100, 80, 33, 2, false, true, 2.f, -1.f, 0);
    for (const char* kernel : {"gemm_tf32", "gemm_bf16"}) {
        const int mode = kernel[5] == 't' ? 1 : 2;
        gemm_case(kernel, 130, 70, 45, 1, false, false, 1.f, 0.f, mode);
        gemm_case(kernel, 256, 192, 64, 1, false, false, 0.75f, 0.5f, mode);
        gemm_case(kernel, 130, 70, 45, 1, true, true, 1.f, 0.f, mode);
        gemm_case(kernel, 132, 136, 48, 3, true, false, 1.f, 1.f, mode);
    }
    test_sgemm();
    test_errors();

    std::printf("\ntimings (one launch each):\n");
    for (const char* kernel : {"gemm_tf32", "gemm_bf16", "gemm_128"}) {
        int mode = kernel[5] == 't' ? 1 : kernel[5] == 'b' ? 2 : 0;
        std::printf("  %-9s 130x70x45    %.4f s\n", kernel, gemm_case(kernel, 130, 70, 45, 1, false, false, 1.f, 0.f, mode, true));
        std::printf("  %-9s 512x512x512  %.3f s\n", kernel, gemm_case(kernel, 512, 512, 512, 1, false, false, 1.f, 0.f, mode, true));
    }
    {
        auto A = randoms(512 * 512), B = randoms(512 * 512);
        std::vector<float> C(512 * 512);
        auto t1 = std::chrono::steady_clock::now();
        kiln_emu_sgemm(0, 0, 512, 512, 512, 1.f, A.data(), 512, 0, B.data(), 512, 0, 0.f, C.data(), 512, 0, 1, 1);
        std::printf("  kiln_emu_sgemm 512x512x512 (tf32 mode) %.3f s\n", seconds(t1));
    }
    std::printf("peak fiber stack use: %llu of 65536 bytes\n", kiln_emu_stack_peak());
    std::printf("total %.2f s\n\n%s: %d failure(s)\n", seconds(t0), failures ? "FAILED" : "ALL PASSED", failures);
    return failures ? 1 : 0;
}
