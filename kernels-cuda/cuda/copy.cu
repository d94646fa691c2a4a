// copy.cu: strided copy with dtype conversion, and fill. Both dtypes are 32-bit, so same-type copies
// move raw bits (NaN payloads and -0 survive); conversions follow Java: (float) int rounds to nearest,
// (int) float truncates toward zero, saturates, and maps NaN to 0 — which is what cvt.rzi.s32.f32 does.
#include "kiln_common.cuh"

#define COPY_SAME 0
#define COPY_INT_TO_FLOAT 1
#define COPY_FLOAT_TO_INT 2

// dst[i] = convert(src[i]). plan operands: 0 = dst, 1 = src.
extern "C" __global__ void copy_strided(Plan p, int mode, const unsigned int* __restrict__ src, unsigned int* dst) {
    int off[2];
    KILN_FOR(i, p.size) {
        plan_offsets(p, i, 2, off);
        unsigned int v = src[off[1]];
        if (mode == COPY_INT_TO_FLOAT) {
            v = __float_as_uint((float) (int) v);
        } else if (mode == COPY_FLOAT_TO_INT) {
            v = (unsigned int) __float2int_rz(__uint_as_float(v));
        }
        dst[off[0]] = v;
    }
}

// dst[i] = bits (a float's or an int's 32-bit pattern, converted on the host). plan operand 0 = dst.
extern "C" __global__ void fill_strided(Plan p, unsigned int bits, unsigned int* dst) {
    KILN_FOR(i, p.size) dst[plan_offset(p, i, 0)] = bits;
}
