// kiln_emu_runtime.cpp: the host-CPU emulator's runtime (README.md beside this file): kernel registry and
// launch, fibers and barriers, warp-collective mma.sync, canary-checked "device" memory, and a cuBLAS
// stand-in. Deterministic: blocks run one after another on the calling OS thread, x fastest; the threads
// of a block are fibers scheduled round-robin, each running until it waits at a barrier or returns.
#define KILN_EMU_RUNTIME
#include "kiln_emu.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#if !defined(__x86_64__) || defined(KILN_EMU_UCONTEXT)
#define KILN_EMU_USE_UCONTEXT 1
#include <ucontext.h>
#endif

#define KILN_EMU_API extern "C" __attribute__((visibility("default")))

namespace {

constexpr int MAX_THREADS = 1024;
constexpr size_t STACK_BYTES = 64 * 1024; // per fiber; selftest prints the peak use (kiln_emu_stack_peak)
constexpr unsigned char STACK_PAINT = 0xcd;

enum class St : unsigned char { Runnable, AtBarrier, AtWarp, Done };

struct Fiber;

// ---- context switching ----
#ifndef KILN_EMU_USE_UCONTEXT
// x86-64 System V: a switch saves the callee-saved registers, MXCSR and the x87 control word on the old
// stack, stores its stack pointer, and pops the same from the new stack. No syscall (swapcontext makes one
// per switch to save the signal mask, and the tensor-core GEMM switches millions of times).
extern "C" void kiln_emu_switch(void** save_sp, void* load_sp) __attribute__((visibility("hidden")));
extern "C" void kiln_emu_fiber_start() __attribute__((visibility("hidden")));
asm(R"(
    .text
    .globl kiln_emu_switch
    .hidden kiln_emu_switch
    .type kiln_emu_switch, @function
    .p2align 4
kiln_emu_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $8, %rsp
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    ldmxcsr (%rsp)
    fldcw 4(%rsp)
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size kiln_emu_switch, .-kiln_emu_switch

    .globl kiln_emu_fiber_start
    .hidden kiln_emu_fiber_start
    .type kiln_emu_fiber_start, @function
    .p2align 4
kiln_emu_fiber_start:
    .cfi_startproc
    .cfi_undefined %rip
    movq %r12, %rdi
    call kiln_emu_fiber_main
    ud2
    .cfi_endproc
    .size kiln_emu_fiber_start, .-kiln_emu_fiber_start
)");

struct Ctx {
    void* sp = nullptr;
};
inline void ctx_swap(Ctx& from, const Ctx& to) { kiln_emu_switch(&from.sp, to.sp); }
// A new fiber's stack holds the frame kiln_emu_switch pops: default MXCSR (round to nearest, no FTZ/DAZ,
// exceptions masked, as CUDA without fast math) and x87 control word, r12 = the fiber, and a return address
// into kiln_emu_fiber_start, which then finds the stack 16-byte aligned for its call.
void ctx_make(Ctx& c, char* lo, size_t size, Fiber* f) {
    uintptr_t top = (reinterpret_cast<uintptr_t>(lo) + size) & ~uintptr_t(15);
    void** sp = reinterpret_cast<void**>(top - 80);
    const uint32_t csr[2] = {0x1f80u, 0x037fu};
    std::memcpy(sp, csr, 8);
    sp[1] = sp[2] = sp[3] = nullptr; // r15 r14 r13
    sp[4] = f;                       // r12
    sp[5] = sp[6] = nullptr;         // rbx rbp
    sp[7] = reinterpret_cast<void*>(&kiln_emu_fiber_start);
    c.sp = sp;
}
#else
struct Ctx {
    ucontext_t uc;
};
inline void ctx_swap(Ctx& from, const Ctx& to) { swapcontext(&from.uc, &to.uc); }
void uc_entry(unsigned lo, unsigned hi);
void ctx_make(Ctx& c, char* lo, size_t size, Fiber* f) {
    getcontext(&c.uc);
    c.uc.uc_stack.ss_sp = lo;
    c.uc.uc_stack.ss_size = size;
    c.uc.uc_link = nullptr;
    uintptr_t p = reinterpret_cast<uintptr_t>(f);
    makecontext(&c.uc, reinterpret_cast<void (*)()>(&uc_entry), 2, (unsigned) p, (unsigned) (p >> 32));
}
#endif

struct Fiber {
    uint3 tid; // what threadIdx reads while this fiber runs
    int linear;
    St st;
    Ctx ctx;
    char* stack = nullptr; // lowest usable byte, above a PROT_NONE guard page
};

// One warp's mma.sync exchange: each lane's fragments in, each lane's D out.
struct Lane {
    unsigned a[4], b[2];
    float c[4], d[4];
};
struct Warp {
    Lane lane[32];
    int arrived;
    int kind;
};
enum { MMA_TF32 = 1, MMA_BF16 = 2 };

struct Launch {
    const char* name;
    void (*tramp)(void**);
    void** args;
    int nthreads, live, bar_arrived;
    bool failed;
    char error[512];
};

Fiber fibers[MAX_THREADS];
Warp warps[MAX_THREADS / 32];
Ctx sched; // the launching OS thread while fibers run
Fiber* cur;
Launch g;
std::mutex mu; // one launch at a time; also guards the allocation table

struct Kernel {
    void (*tramp)(void**);
    std::vector<unsigned> sizes;
};
std::map<std::string, Kernel>& registry() {
    static std::map<std::string, Kernel> r; // function-local: modules register from their static initializers
    return r;
}

float kiln_emu_bits_f(uint32_t u) {
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}
uint32_t kiln_emu_bits_u(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

void format(char* out, int len, const char* fmt, ...) {
    if (!out || len <= 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, (size_t) len, fmt, ap);
    va_end(ap);
}

void activate(Fiber* f) {
    cur = f;
    kiln_emu_thread_idx = &f->tid;
}

// Passes control to the next runnable fiber after self (round-robin), or back to the launcher when none
// can run (the block is done, or deadlocked). Returns when self is resumed.
void yield(Fiber* self) {
    for (int k = 1; k <= g.nthreads; k++) {
        Fiber* f = &fibers[(self->linear + k) % g.nthreads];
        if (f->st != St::Runnable) continue;
        if (f == self) return;
        activate(f);
        ctx_swap(self->ctx, f->ctx);
        return;
    }
    ctx_swap(self->ctx, sched);
}

// Ends the launch from inside a fiber: the launcher reports the message; the fibers are abandoned.
[[noreturn]] void fail(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g.error, sizeof g.error, fmt, ap);
    va_end(ap);
    g.failed = true;
    ctx_swap(cur->ctx, sched);
    __builtin_unreachable();
}

char* new_stack() {
    size_t page = (size_t) sysconf(_SC_PAGESIZE);
    void* m = mmap(nullptr, STACK_BYTES + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return nullptr;
    mprotect(m, page, PROT_NONE); // an overflow faults instead of corrupting the neighbouring stack
    char* lo = static_cast<char*>(m) + page;
    std::memset(lo, STACK_PAINT, STACK_BYTES); // for kiln_emu_stack_peak
    return lo;
}

// ---- warp-collective mma.sync ----
//
// Fragment layouts from the PTX ISA, "Warp-level matrix fragments": section 9.7.14.5.7 "Matrix Fragments
// for mma.m16n8k8" (.tf32 A/B, .f32 C/D) and 9.7.14.5.8 "Matrix Fragments for mma.m16n8k16 with floating
// point type" (.bf16 A/B, .f32 C/D) (docs.nvidia.com/cuda/parallel-thread-execution, #warp-level-matrix-
// fragment-mma-1688 and -16816-float), with groupID = laneid >> 2, threadID_in_group = laneid % 4. For
// .bf16 each .b32 register holds two elements, the lower-numbered one (a0 of a0,a1) in bits 0-15.
// Products of TF32 or BF16 values are exact in float; D = C + sum over k ascending, one float rounding per
// addition. Real tensor cores may order or round the sum differently (in the last bits).
float tf32_value(unsigned r) { return kiln_emu_bits_f(r & 0xffffe000u); } // hardware reads the TF32 bits only
float bf16_value(unsigned r, int half) { return kiln_emu_bits_f(half ? (r & 0xffff0000u) : (r << 16)); }

void mma_compute(Warp& w) {
    float A[16][16], B[16][8], C[16][8];
    const int K = w.kind == MMA_TF32 ? 8 : 16;
    for (int lane = 0; lane < 32; lane++) {
        const Lane& l = w.lane[lane];
        const int group = lane >> 2, tig = lane % 4;
        if (w.kind == MMA_TF32) {
            for (int i = 0; i < 4; i++) { // a_i: row groupID (+8 for a1, a3), col threadID_in_group (+4 for a2, a3)
                A[group + (i & 1) * 8][tig + (i >> 1) * 4] = tf32_value(l.a[i]);
            }
            for (int i = 0; i < 2; i++) B[tig + i * 4][group] = tf32_value(l.b[i]); // b_i: row tig (+4), col groupID
        } else {
            for (int i = 0; i < 8; i++) { // a_i in register i/2, half i%2
                int row = (i < 2 || (i >= 4 && i < 6)) ? group : group + 8;
                int col = tig * 2 + (i & 1) + (i >= 4 ? 8 : 0);
                A[row][col] = bf16_value(l.a[i / 2], i & 1);
            }
            for (int i = 0; i < 4; i++) { // b_i in register i/2, half i%2
                B[tig * 2 + (i & 1) + (i >= 2 ? 8 : 0)][group] = bf16_value(l.b[i / 2], i & 1);
            }
        }
        for (int i = 0; i < 4; i++) C[group + (i >= 2 ? 8 : 0)][tig * 2 + (i & 1)] = l.c[i]; // c_i
    }
    for (int lane = 0; lane < 32; lane++) {
        const int group = lane >> 2, tig = lane % 4;
        for (int i = 0; i < 4; i++) {
            const int row = group + (i >= 2 ? 8 : 0), col = tig * 2 + (i & 1);
            float acc = C[row][col];
            for (int k = 0; k < K; k++) acc += A[row][k] * B[k][col];
            w.lane[lane].d[i] = acc;
        }
    }
}

// Each lane deposits its registers and waits at a warp barrier; the last to arrive computes every lane's D
// and releases the others. One barrier suffices: a lane's slot is rewritten only by that lane's next mma,
// and that mma computes only once every lane (so every lane has read its D) has arrived there.
void mma(int kind, float* d, const unsigned* a, const unsigned* b) {
    Fiber* f = cur;
    const int wi = f->linear / 32, li = f->linear % 32;
    if (wi * 32 + 32 > g.nthreads) {
        fail("kernel %s: mma.sync in the partial warp %d (block of %d threads); mma.sync needs all 32 lanes", g.name,
             wi, g.nthreads);
    }
    Warp& w = warps[wi];
    if (w.arrived == 0) w.kind = kind;
    if (w.kind != kind) fail("kernel %s: the lanes of warp %d reached different mma.sync shapes", g.name, wi);
    Lane& l = w.lane[li];
    std::memcpy(l.a, a, sizeof l.a);
    std::memcpy(l.b, b, sizeof l.b); // two registers for both shapes
    std::memcpy(l.c, d, sizeof l.c);
    if (++w.arrived < 32) {
        f->st = St::AtWarp;
        yield(f);
    } else {
        mma_compute(w);
        w.arrived = 0;
        for (int i = 0; i < 32; i++) fibers[wi * 32 + i].st = St::Runnable;
    }
    std::memcpy(d, l.d, sizeof l.d);
}

// ---- "device" memory: [front canary][bytes][tail canary], the user pointer 256-byte aligned ----
constexpr size_t ALIGN = 256, FRONT = 256, TAIL = 1024, PATTERN = TAIL + ALIGN;
struct Allocation {
    size_t bytes;
};
std::map<char*, Allocation> live_allocs;
unsigned long long allocated_bytes, capacity_bytes;

const unsigned char* pattern() {
    static unsigned char p[PATTERN];
    static bool made = false;
    if (!made) {
        uint32_t x = 0x9e3779b9u;
        for (size_t i = 0; i < PATTERN; i++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            p[i] = (unsigned char) (x >> 24) | 1u; // never a zero byte: a kernel storing 0.0f is always seen
        }
        made = true;
    }
    return p;
}
size_t tail_len(size_t bytes) { return (bytes + ALIGN - 1) / ALIGN * ALIGN - bytes + TAIL; }

// The live allocations a launch can reach: those its pointer-sized arguments point into (kernels address
// memory only through their pointer parameters). Checking only these keeps a launch O(arguments), not
// O(live allocations): a training run keeps thousands alive.
std::vector<std::map<char*, Allocation>::iterator> reachable(const std::vector<unsigned>& sizes, void** args) {
    std::vector<std::map<char*, Allocation>::iterator> out;
    for (size_t i = 0; i < sizes.size(); i++) {
        if (sizes[i] != sizeof(void*)) continue;
        char* v;
        std::memcpy(&v, args[i], sizeof v);
        auto it = live_allocs.upper_bound(v); // first allocation starting after v
        if (it == live_allocs.begin()) continue;
        --it;
        if (v >= it->first + it->second.bytes + tail_len(it->second.bytes)) continue;
        if (std::find(out.begin(), out.end(), it) == out.end()) out.push_back(it);
    }
    return out;
}

// First overwritten canary among `allocs` (a message, the canary restored) or false. after: during the
// launch of kernel K, else before it.
bool check_canaries(const char* kernel, bool after, const std::vector<std::map<char*, Allocation>::iterator>& allocs,
                    char* err, int errlen) {
    bool found = false;
    for (auto it : allocs) {
        char* p = it->first;
        const Allocation& a = it->second;
        unsigned char* front = reinterpret_cast<unsigned char*>(p) - FRONT;
        unsigned char* tail = reinterpret_cast<unsigned char*>(p) + a.bytes;
        bool bad_front = std::memcmp(front, pattern(), FRONT) != 0;
        bool bad_tail = std::memcmp(tail, pattern(), tail_len(a.bytes)) != 0;
        if (!bad_front && !bad_tail) continue;
        if (!found) {
            const char* where = bad_tail ? "past the end" : "before the start";
            if (after) {
                format(err, errlen, "kernel %s wrote %s of a device allocation of %zu bytes", kernel, where, a.bytes);
            } else {
                format(err, errlen, "before kernel %s was launched, something (a host copy?) wrote %s of a device "
                       "allocation of %zu bytes", kernel, where, a.bytes);
            }
        }
        found = true;
        std::memcpy(front, pattern(), FRONT);
        std::memcpy(tail, pattern(), tail_len(a.bytes));
    }
    return found;
}

float round_tf32(float x) { return kiln_emu_bits_f(kiln_emu_cvt_rna_tf32(x)); }
float round_bf16(float x) {
    uint32_t u = kiln_emu_bits_u(x);
    if ((u & 0x7fffffffu) > 0x7f800000u) return kiln_emu_bits_f((u | 0x00400000u) & 0xffff0000u); // stays a (quiet) NaN
    u += 0x7fffu + ((u >> 16) & 1u); // nearest, ties to even
    return kiln_emu_bits_f(u & 0xffff0000u);
}

} // namespace

// ---- what the dialect header refers to ----
extern "C" {
__attribute__((visibility("default"))) const uint3* kiln_emu_thread_idx = nullptr;
__attribute__((visibility("default"))) uint3 kiln_emu_block_idx = {0, 0, 0};
__attribute__((visibility("default"))) dim3 kiln_emu_block_dim;
__attribute__((visibility("default"))) dim3 kiln_emu_grid_dim;
}

KILN_EMU_API void kiln_emu_register(const char* name, void (*tramp)(void**), int nparams, const unsigned* sizes) {
    registry()[name] = Kernel{tramp, std::vector<unsigned>(sizes, sizes + nparams)};
}

extern "C" __attribute__((used, visibility("hidden"), noreturn)) void kiln_emu_fiber_main(Fiber* f) {
    g.tramp(g.args);
    f->st = St::Done;
    g.live--;
    yield(f); // never resumed
    __builtin_unreachable();
}
#ifdef KILN_EMU_USE_UCONTEXT
namespace {
void uc_entry(unsigned lo, unsigned hi) {
    kiln_emu_fiber_main(reinterpret_cast<Fiber*>((uintptr_t) lo | ((uintptr_t) hi << 32)));
}
} // namespace
#endif

// Every live thread of the block must arrive; the last one releases the others and goes on.
KILN_EMU_API void kiln_emu_syncthreads(void) {
    Fiber* f = cur;
    if (++g.bar_arrived == g.nthreads) {
        g.bar_arrived = 0;
        for (int i = 0; i < g.nthreads; i++) {
            if (fibers[i].st == St::AtBarrier) fibers[i].st = St::Runnable;
        }
        return;
    }
    f->st = St::AtBarrier;
    yield(f);
}

KILN_EMU_API void kiln_emu_mma_tf32(float* d, const unsigned* a, const unsigned* b) { mma(MMA_TF32, d, a, b); }
KILN_EMU_API void kiln_emu_mma_bf16(float* d, const unsigned* a, const unsigned* b) { mma(MMA_BF16, d, a, b); }

KILN_EMU_API int kiln_emu_launch(const char* name, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
                                 unsigned bz, void** args, char* err, int errlen) {
    std::lock_guard<std::mutex> lock(mu);
    if (err && errlen > 0) err[0] = 0;
    auto it = registry().find(name ? name : "");
    if (it == registry().end()) {
        format(err, errlen, "unknown kernel %s (not registered with KILN_EMU_EXPORT)", name ? name : "(null)");
        return 1;
    }
    const unsigned long long threads = (unsigned long long) bx * by * bz;
    if (gx == 0 || gy == 0 || gz == 0 || gx > 0x7fffffffu || gy > 65535 || gz > 65535 || threads == 0 ||
        threads > MAX_THREADS || bx > 1024 || by > 1024 || bz > 64) {
        format(err, errlen, "kernel %s: invalid launch configuration grid (%u,%u,%u) block (%u,%u,%u)", name, gx, gy,
               gz, bx, by, bz);
        return 1;
    }
    const auto allocs = reachable(it->second.sizes, args);
    if (check_canaries(name, false, allocs, err, errlen)) return 1;
    const int n = (int) threads;
    for (int i = 0; i < n; i++) {
        if (!fibers[i].stack && !(fibers[i].stack = new_stack())) {
            format(err, errlen, "kernel %s: cannot map a fiber stack", name);
            return 1;
        }
    }
    g = Launch{name, it->second.tramp, args, n, 0, 0, false, {0}};
    kiln_emu_grid_dim = dim3(gx, gy, gz);
    kiln_emu_block_dim = dim3(bx, by, bz);
    int rc = 0;
    for (unsigned z = 0; z < gz && !rc; z++) {
        for (unsigned y = 0; y < gy && !rc; y++) {
            for (unsigned x = 0; x < gx && !rc; x++) {
                kiln_emu_block_idx = uint3{x, y, z};
                for (int i = 0; i < n; i++) {
                    Fiber& f = fibers[i];
                    f.tid = uint3{i % bx, (i / bx) % by, i / (bx * by)};
                    f.linear = i;
                    f.st = St::Runnable;
                    ctx_make(f.ctx, f.stack, STACK_BYTES, &f);
                }
                for (int w = 0; w < (n + 31) / 32; w++) warps[w].arrived = 0;
                g.live = n;
                g.bar_arrived = 0;
                activate(&fibers[0]);
                ctx_swap(sched, fibers[0].ctx);
                if (g.failed) {
                    format(err, errlen, "%s, in block (%u,%u,%u)", g.error, x, y, z);
                    rc = 1;
                } else if (g.live > 0) { // nothing runnable, yet not every thread has returned
                    int at_bar = 0, at_warp = 0;
                    for (int i = 0; i < n; i++) {
                        at_bar += fibers[i].st == St::AtBarrier;
                        at_warp += fibers[i].st == St::AtWarp;
                    }
                    format(err, errlen, "kernel %s: barrier divergence in block (%u,%u,%u): %d of %d threads arrived "
                           "at __syncthreads(), %d wait at a warp-collective mma.sync, %d had returned",
                           name, x, y, z, at_bar, n, at_warp, n - g.live);
                    rc = 1;
                }
            }
        }
    }
    cur = nullptr;
    kiln_emu_thread_idx = nullptr;
    // A write past an allocation outranks a failure it may have caused.
    char cerr[512];
    if (check_canaries(name, true, allocs, cerr, sizeof cerr)) {
        format(err, errlen, "%s", cerr);
        rc = 1;
    }
    return rc;
}

KILN_EMU_API int kiln_emu_kernel_params(const char* name, unsigned* sizes, int max) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = registry().find(name ? name : "");
    if (it == registry().end()) return -1;
    const auto& s = it->second.sizes;
    for (int i = 0; i < (int) s.size() && i < max; i++) sizes[i] = s[i];
    return (int) s.size();
}

KILN_EMU_API unsigned long long kiln_emu_stack_peak(void) {
    std::lock_guard<std::mutex> lock(mu);
    size_t peak = 0;
    for (const Fiber& f : fibers) {
        if (!f.stack) continue;
        size_t untouched = 0;
        while (untouched < STACK_BYTES && (unsigned char) f.stack[untouched] == STACK_PAINT) untouched++;
        peak = std::max(peak, STACK_BYTES - untouched);
    }
    return peak;
}

KILN_EMU_API void* kiln_emu_malloc(unsigned long long bytes) {
    std::lock_guard<std::mutex> lock(mu);
    if (capacity_bytes && (bytes > capacity_bytes || allocated_bytes > capacity_bytes - bytes)) return nullptr;
    if (bytes > (1ull << 48)) return nullptr;
    const size_t total = FRONT + (bytes + ALIGN - 1) / ALIGN * ALIGN + TAIL;
    char* base = static_cast<char*>(std::aligned_alloc(ALIGN, total));
    if (!base) return nullptr;
    char* p = base + FRONT;
    std::memcpy(base, pattern(), FRONT);
    std::memcpy(p + bytes, pattern(), tail_len(bytes));
    live_allocs[p] = Allocation{(size_t) bytes};
    allocated_bytes += bytes;
    return p;
}

KILN_EMU_API void kiln_emu_free(void* ptr) {
    if (!ptr) return;
    std::lock_guard<std::mutex> lock(mu);
    auto it = live_allocs.find(static_cast<char*>(ptr));
    if (it == live_allocs.end()) {
        std::fprintf(stderr, "kiln_emu_free: %p is not a live device allocation (ignored)\n", ptr);
        return;
    }
    allocated_bytes -= it->second.bytes;
    std::free(it->first - FRONT);
    live_allocs.erase(it);
}

KILN_EMU_API void kiln_emu_set_capacity(unsigned long long bytes) {
    std::lock_guard<std::mutex> lock(mu);
    capacity_bytes = bytes;
}

KILN_EMU_API unsigned long long kiln_emu_allocated(void) {
    std::lock_guard<std::mutex> lock(mu);
    return allocated_bytes;
}

// cublasGemmStridedBatchedEx stand-in, column-major. op(A) and op(B) are first copied (rounded per mode)
// into k-contiguous rows; each dot product is then accumulated in double (every float product is exact
// there), and alpha * dot + beta * c is computed in double and rounded to float once.
KILN_EMU_API void kiln_emu_sgemm(int transa, int transb, int m, int n, int k, float alpha, const float* A, int lda,
                                 long long strideA, const float* B, int ldb, long long strideB, float beta, float* C,
                                 int ldc, long long strideC, int batch, int mode) {
    if (m <= 0 || n <= 0 || batch <= 0) return;
    auto rnd = [mode](float x) { return mode == 1 ? round_tf32(x) : mode == 2 ? round_bf16(x) : x; };
    const size_t kk = k > 0 ? (size_t) k : 0;
    std::vector<float> a((size_t) m * kk), b((size_t) n * kk);
    for (int i = 0; i < batch; i++) {
        const float* Ai = A + i * strideA;
        const float* Bi = B + i * strideB;
        float* Ci = C + i * strideC;
        for (long long r = 0; r < m; r++) // op(A)(r, p)
            for (long long p = 0; p < k; p++) a[r * kk + p] = rnd(transa ? Ai[p + r * lda] : Ai[r + p * lda]);
        for (long long c = 0; c < n; c++) // op(B)(p, c)
            for (long long p = 0; p < k; p++) b[c * kk + p] = rnd(transb ? Bi[c + p * ldb] : Bi[p + c * ldb]);
        for (long long c = 0; c < n; c++) {
            for (long long r = 0; r < m; r++) {
                double s = 0.0;
                const float* ar = &a[r * kk];
                const float* bc = &b[c * kk];
                for (size_t p = 0; p < kk; p++) s += (double) ar[p] * (double) bc[p];
                float* cp = Ci + r + c * (long long) ldc;
                *cp = beta == 0.f ? (float) ((double) alpha * s) : (float) ((double) alpha * s + (double) beta * *cp);
            }
        }
    }
}
