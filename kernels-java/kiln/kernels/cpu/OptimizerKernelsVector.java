package kiln.kernels.cpu;

import static kiln.kernels.cpu.VectorWidth.F;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API twins of {@link OptimizerKernels} for dense rows: whole vectors only, returning how many
 * elements were done (the caller's scalar loop does the tail). Loaded only when {@link Simd#enabled()}.
 * {@code mul}, {@code add}, {@code sub}, {@code div}, {@code sqrt}, {@code max} and {@code neg} are single
 * IEEE operations (never fused), as in the scalar loop. Each variant has its own loop: a branch inside one
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
                FloatVector mv = movingAverage(m, mo + i, gv, c1);
                FloatVector vv = movingAverage(v, vo + i, gv.mul(gv), c2);
                FloatVector den = vv.sqrt().add(eps);
                FloatVector.fromArray(F, w, wo + i).sub(mv.mul(alpha).div(den)).intoArray(w, wo + i);
            }
        } else {
            for (; i < upper; i += step) {
                FloatVector gv = FloatVector.fromArray(F, g, go + i);
                FloatVector mv = movingAverage(m, mo + i, gv, c1);
                FloatVector vv = movingAverage(v, vo + i, gv.mul(gv), c2);
                FloatVector hv = FloatVector.fromArray(F, vh, vho + i).max(vv);
                hv.intoArray(vh, vho + i);
                FloatVector den = hv.sqrt().add(eps);
                FloatVector.fromArray(F, w, wo + i).sub(mv.mul(alpha).div(den)).intoArray(w, wo + i);
            }
        }
        return i;
    }

    static int adamax(float[] w, int wo, float[] g, int go, float[] m, int mo, float[] u, int uo, int n, float lr,
                      float c1, float beta2, float eps, float biasCorrection) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += step) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector mv = movingAverage(m, mo + i, gv, c1);
            FloatVector uv = FloatVector.fromArray(F, u, uo + i).mul(beta2).max(gv.abs());
            uv.intoArray(u, uo + i);
            FloatVector den = uv.add(eps).mul(biasCorrection);
            FloatVector.fromArray(F, w, wo + i).sub(mv.mul(lr).div(den)).intoArray(w, wo + i);
        }
        return i;
    }

    // p = 1 − P_t, pNext = 1 − P_t+1
    static int nadam(float[] w, int wo, float[] g, int go, float[] m, int mo, float[] v, int vo, int n, float p,
                     float pNext, float lr, float c1, float c2, float muNext, float oneMinusMu, float vCorrection,
                     float eps) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += step) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector mv = movingAverage(m, mo + i, gv, c1);
            FloatVector vv = movingAverage(v, vo + i, gv.mul(gv), c2);
            FloatVector mHat = mv.mul(muNext).div(pNext).add(gv.mul(oneMinusMu).div(p));
            FloatVector den = vv.div(vCorrection).sqrt().add(eps);
            FloatVector.fromArray(F, w, wo + i).sub(mHat.mul(lr).div(den)).intoArray(w, wo + i);
        }
        return i;
    }

    // mom, avg: the momentum and average-gradient slots at mo and ao, or null. Each combination is a method of
    // its own, compiled on its own: with the four loops in one method, whichever variant got hot last kept its
    // vectors on the heap (measured: ~1.2 MB allocated per 32K-element call, instead of the ~1 KB of the others).
    static int rmsprop(float[] w, int wo, float[] g, int go, float[] v, int vo, float[] mom, int mo, float[] avg, int ao,
                       int n, float lr, float rho, float oneMinusRho, float momentum, float eps) {
        if (avg == null) {
            return mom == null ? rmsprop(w, wo, g, go, v, vo, n, lr, rho, oneMinusRho, eps)
                    : rmspropMomentum(w, wo, g, go, v, vo, mom, mo, n, lr, rho, oneMinusRho, momentum, eps);
        }
        return mom == null ? rmspropCentered(w, wo, g, go, v, vo, avg, ao, n, lr, rho, oneMinusRho, eps)
                : rmspropCenteredMomentum(w, wo, g, go, v, vo, mom, mo, avg, ao, n, lr, rho, oneMinusRho, momentum, eps);
    }

    private static int rmsprop(float[] w, int wo, float[] g, int go, float[] v, int vo, int n, float lr, float rho,
                               float oneMinusRho, float eps) {
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector vv = decayed(v, vo + i, rho, gv.mul(gv).mul(oneMinusRho));
            FloatVector inc = gv.mul(lr).div(vv.add(eps).sqrt());
            FloatVector.fromArray(F, w, wo + i).sub(inc).intoArray(w, wo + i);
        }
        return i;
    }

    private static int rmspropMomentum(float[] w, int wo, float[] g, int go, float[] v, int vo, float[] mom, int mo,
                                       int n, float lr, float rho, float oneMinusRho, float momentum, float eps) {
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector vv = decayed(v, vo + i, rho, gv.mul(gv).mul(oneMinusRho));
            FloatVector inc = gv.mul(lr).div(vv.add(eps).sqrt());
            FloatVector.fromArray(F, w, wo + i).sub(decayed(mom, mo + i, momentum, inc)).intoArray(w, wo + i);
        }
        return i;
    }

    private static int rmspropCentered(float[] w, int wo, float[] g, int go, float[] v, int vo, float[] avg, int ao,
                                       int n, float lr, float rho, float oneMinusRho, float eps) {
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector vv = decayed(v, vo + i, rho, gv.mul(gv).mul(oneMinusRho));
            FloatVector av = decayed(avg, ao + i, rho, gv.mul(oneMinusRho));
            FloatVector inc = gv.mul(lr).div(vv.sub(av.mul(av)).add(eps).sqrt());
            FloatVector.fromArray(F, w, wo + i).sub(inc).intoArray(w, wo + i);
        }
        return i;
    }

    private static int rmspropCenteredMomentum(float[] w, int wo, float[] g, int go, float[] v, int vo, float[] mom,
                                               int mo, float[] avg, int ao, int n, float lr, float rho,
                                               float oneMinusRho, float momentum, float eps) {
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector vv = decayed(v, vo + i, rho, gv.mul(gv).mul(oneMinusRho));
            FloatVector av = decayed(avg, ao + i, rho, gv.mul(oneMinusRho));
            FloatVector inc = gv.mul(lr).div(vv.sub(av.mul(av)).add(eps).sqrt());
            FloatVector.fromArray(F, w, wo + i).sub(decayed(mom, mo + i, momentum, inc)).intoArray(w, wo + i);
        }
        return i;
    }

    /** {@code s[at..] ← s[at..] + (x − s[at..])·c}, stored and returned: the Adam family's moment update. */
    private static FloatVector movingAverage(float[] s, int at, FloatVector x, float c) {
        FloatVector avg = FloatVector.fromArray(F, s, at);
        FloatVector r = avg.add(x.sub(avg).mul(c));
        r.intoArray(s, at);
        return r;
    }

    /** {@code s[at..] ← s[at..]·k + x}, stored and returned (RMSprop's and Adadelta's slots). */
    private static FloatVector decayed(float[] s, int at, float k, FloatVector x) {
        FloatVector r = FloatVector.fromArray(F, s, at).mul(k).add(x);
        r.intoArray(s, at);
        return r;
    }

    static int adagrad(float[] w, int wo, float[] g, int go, float[] acc, int ao, int n, float lr, float eps) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += step) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector av = FloatVector.fromArray(F, acc, ao + i).add(gv.mul(gv));
            av.intoArray(acc, ao + i);
            FloatVector.fromArray(F, w, wo + i).sub(gv.mul(lr).div(av.add(eps).sqrt())).intoArray(w, wo + i);
        }
        return i;
    }

    static int lion(float[] w, int wo, float[] g, int go, float[] m, int mo, int n, float lr, float beta1, float c1,
                    float beta2, float c2) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += step) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector mv = FloatVector.fromArray(F, m, mo + i);
            FloatVector sign = signum(mv.mul(beta1).add(gv.mul(c1)));
            FloatVector.fromArray(F, w, wo + i).sub(sign.mul(lr)).intoArray(w, wo + i);
            mv.mul(beta2).add(gv.mul(c2)).intoArray(m, mo + i);
        }
        return i;
    }

    /** {@link Math#signum(float)} lane by lane: ±1 for nonzero numbers; a zero (with its sign) or NaN stays. */
    private static FloatVector signum(FloatVector x) {
        return x.blend(1f, x.compare(VectorOperators.GT, 0f)).blend(-1f, x.compare(VectorOperators.LT, 0f));
    }

    // eg, ex: the accumulated squared gradient and delta at ego and exo
    static int adadelta(float[] w, int wo, float[] g, int go, float[] eg, int ego, float[] ex, int exo, int n, float lr,
                        float rho, float oneMinusRho, float eps) {
        int step = F.length();
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += step) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector egv = decayed(eg, ego + i, rho, gv.mul(gv).mul(oneMinusRho));
            FloatVector delta = FloatVector.fromArray(F, ex, exo + i).add(eps).sqrt().mul(gv)
                    .div(egv.add(eps).sqrt()).neg();
            decayed(ex, exo + i, rho, delta.mul(delta).mul(oneMinusRho)); // reads ex again, not yet written
            FloatVector.fromArray(F, w, wo + i).add(delta.mul(lr)).intoArray(w, wo + i);
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
