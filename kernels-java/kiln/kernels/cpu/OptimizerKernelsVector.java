package kiln.kernels.cpu;

import static kiln.kernels.cpu.VectorWidth.F;

import jdk.incubator.vector.FloatVector;

/**
 * Vector API twins of {@link OptimizerKernels} for dense rows: whole vectors only, returning how many
 * elements were done (the caller's scalar loop does the tail). Loaded only when {@link Simd#enabled()}.
 * {@code mul}, {@code add}, {@code sub}, {@code div}, {@code sqrt} and {@code max} are single IEEE
 * operations (never fused), as in the scalar loop. Each variant has its own loop: a branch inside one
 * loop keeps C2 from scalar-replacing the vectors (see {@link ElementwiseVector}).
 */
final class OptimizerKernelsVector {
    private OptimizerKernelsVector() {}

    static int sgd(float[] w, int wo, float[] g, int go, float[] m, int mo, int n, float lr, float mu, boolean nesterov) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        float nlr = -lr;
        if (nesterov) {
            for (; i < upper; i += step) {
                FloatVector gs = FloatVector.fromArray(F, g, go + i).mul(nlr);
                FloatVector mv = FloatVector.fromArray(F, m, mo + i).mul(mu).add(gs);
                mv.intoArray(m, mo + i);
                FloatVector.fromArray(F, w, wo + i).add(mv.mul(mu).add(gs)).intoArray(w, wo + i);
            }
        } else {
            for (; i < upper; i += step) {
                FloatVector gs = FloatVector.fromArray(F, g, go + i).mul(nlr);
                FloatVector mv = FloatVector.fromArray(F, m, mo + i).mul(mu).add(gs);
                mv.intoArray(m, mo + i);
                FloatVector.fromArray(F, w, wo + i).add(mv).intoArray(w, wo + i);
            }
        }
        return i;
    }

    // vh: the AMSGrad slot at vho, or null
    static int adam(float[] w, int wo, float[] g, int go, float[] m, int mo, float[] v, int vo, float[] vh, int vho,
                    int n, float alpha, float c1, float c2, float eps) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        if (vh == null) {
            for (; i < upper; i += step) {
                FloatVector gv = FloatVector.fromArray(F, g, go + i);
                FloatVector mv = FloatVector.fromArray(F, m, mo + i);
                FloatVector vv = FloatVector.fromArray(F, v, vo + i);
                mv = mv.add(gv.sub(mv).mul(c1));
                vv = vv.add(gv.mul(gv).sub(vv).mul(c2));
                mv.intoArray(m, mo + i);
                vv.intoArray(v, vo + i);
                FloatVector den = vv.sqrt().add(eps);
                FloatVector.fromArray(F, w, wo + i).sub(mv.mul(alpha).div(den)).intoArray(w, wo + i);
            }
        } else {
            for (; i < upper; i += step) {
                FloatVector gv = FloatVector.fromArray(F, g, go + i);
                FloatVector mv = FloatVector.fromArray(F, m, mo + i);
                FloatVector vv = FloatVector.fromArray(F, v, vo + i);
                mv = mv.add(gv.sub(mv).mul(c1));
                vv = vv.add(gv.mul(gv).sub(vv).mul(c2));
                mv.intoArray(m, mo + i);
                vv.intoArray(v, vo + i);
                FloatVector hv = FloatVector.fromArray(F, vh, vho + i).max(vv);
                hv.intoArray(vh, vho + i);
                FloatVector den = hv.sqrt().add(eps);
                FloatVector.fromArray(F, w, wo + i).sub(mv.mul(alpha).div(den)).intoArray(w, wo + i);
            }
        }
        return i;
    }

    static int decay(float[] w, int wo, int n, float wd, float lr) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += step) {
            FloatVector x = FloatVector.fromArray(F, w, wo + i);
            x.sub(x.mul(wd).mul(lr)).intoArray(w, wo + i);
        }
        return i;
    }
}
