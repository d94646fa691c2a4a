package kiln.kernels.cpu;

import static kiln.kernels.cpu.VectorWidth.F;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import kiln.tensor.ReduceOp;

/** Vector API twins of {@link Reductions}' row loops. Loaded only when {@link Simd#enabled()}. */
final class ReductionsVector {
    private ReductionsVector() {}

    // n floats of x from xo, stride 1; independent accumulators hide the add/max latency.
    static float row(ReduceOp op, float[] x, int xo, int n) {
        int step = F.length();
        int upper2 = n - n % (2 * step);
        float init = (float) Reductions.identity(op);
        FloatVector a0 = FloatVector.broadcast(F, init);
        FloatVector a1 = a0;
        int i = 0;
        switch (op) {
            case SUM, MEAN -> {
                // Four accumulators: a sum is bound by add latency, not by loads, until four are in flight.
                int upper4 = n - n % (4 * step);
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (; i < upper4; i += 4 * step) {
                    a0 = a0.add(FloatVector.fromArray(F, x, xo + i));
                    a1 = a1.add(FloatVector.fromArray(F, x, xo + i + step));
                    a2 = a2.add(FloatVector.fromArray(F, x, xo + i + 2 * step));
                    a3 = a3.add(FloatVector.fromArray(F, x, xo + i + 3 * step));
                }
                float acc = sumLanes(a0.add(a1).add(a2.add(a3)));
                return acc + Reductions.rowScalar(op, x, xo + i, 1, n - i);
            }
            case MAX -> {
                for (; i < upper2; i += 2 * step) {
                    a0 = a0.max(FloatVector.fromArray(F, x, xo + i));
                    a1 = a1.max(FloatVector.fromArray(F, x, xo + i + step));
                }
                return Math.max(a0.max(a1).reduceLanes(VectorOperators.MAX), Reductions.rowScalar(op, x, xo + i, 1, n - i));
            }
            case MIN -> {
                for (; i < upper2; i += 2 * step) {
                    a0 = a0.min(FloatVector.fromArray(F, x, xo + i));
                    a1 = a1.min(FloatVector.fromArray(F, x, xo + i + step));
                }
                return Math.min(a0.min(a1).reduceLanes(VectorOperators.MIN), Reductions.rowScalar(op, x, xo + i, 1, n - i));
            }
            default -> {
                return Reductions.rowScalar(op, x, xo, 1, n);
            }
        }
    }

    /**
     * The lanes added in lane order. Not {@code reduceLanes(ADD)}: its float order is unspecified and on JDK 25
     * the interpreter and C2 differ (seen with 256-bit vectors), so a sum changed bits once the loop compiled.
     */
    private static float sumLanes(FloatVector v) {
        float s = 0f;
        for (int l = 0; l < v.length(); l++) {
            s += v.lane(l);
        }
        return s;
    }

    // acc[0..n) = acc op x[xo..xo+n)
    static void combineRow(ReduceOp op, float[] acc, float[] x, int xo, int n) {
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += F.length()) {
            FloatVector a = FloatVector.fromArray(F, acc, i);
            FloatVector v = FloatVector.fromArray(F, x, xo + i);
            FloatVector r = switch (op) {
                case SUM, MEAN -> a.add(v);
                case PROD -> a.mul(v);
                case MAX -> a.max(v);
                case MIN -> a.min(v);
            };
            r.intoArray(acc, i);
        }
        Reductions.combineRowScalar(op, acc, x, xo, i, n);
    }
}
