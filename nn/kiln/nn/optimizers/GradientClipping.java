package kiln.nn.optimizers;

import java.util.Map;
import kiln.tensor.BinaryOp;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * Keras's gradient clipping, at most one of: {@code clipnorm} (each gradient scaled to an L2 norm
 * of at most c), {@code global_clipnorm} (all gradients scaled together) or {@code clipvalue}
 * (each element clipped to [−c, c]). Clipped gradients are written to the weights' work tensors.
 * Norms and scales stay on the device as rank-0 tensors (the only allocations), so clipping reads
 * nothing back; each operation rounds as the same float32 expression on the host.
 */
final class GradientClipping {
    private final Double clipnorm;
    private final Double clipvalue;
    private final Double globalClipnorm;

    GradientClipping(Double clipnorm, Double clipvalue, Double globalClipnorm) {
        int clips = (clipnorm != null ? 1 : 0) + (clipvalue != null ? 1 : 0) + (globalClipnorm != null ? 1 : 0);
        if (clips > 1) {
            throw new IllegalArgumentException("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                    + "Received: clipnorm=" + py(clipnorm) + ", clipvalue=" + py(clipvalue) + ", global_clipnorm="
                    + py(globalClipnorm));
        }
        this.clipnorm = clipnorm;
        this.clipvalue = clipvalue;
        this.globalClipnorm = globalClipnorm;
    }

    /** Clips the step's gradients in place of the originals. */
    void apply(StepGradients step) {
        int m = step.size();
        if (clipnorm != null && clipnorm > 0) {
            float c = (float) (double) clipnorm;
            for (int j = 0; j < m; j++) {
                Tensor norm = sumOfSquares(step.grad(j), step.slots(j)).sqrt();
                Tensor out = step.grad(j).unary(UnaryOp.MUL_SCALAR, c, 0f, step.work(j));
                step.setGrad(j, out.divi(norm.clip(c, Float.POSITIVE_INFINITY))); // g·c / max(norm, c)
            }
        } else if (globalClipnorm != null && globalClipnorm > 0) {
            float c = (float) (double) globalClipnorm;
            Tensor total = sumOfSquares(step.grad(0), step.slots(0));
            for (int j = 1; j < m; j++) {
                total = total.add(sumOfSquares(step.grad(j), step.slots(j)));
            }
            Tensor norm = total.sqrt();
            // Keras: c·min(1/G, 1/c), plus (G − G) so an infinite or NaN norm gives NaN, not a silent no-op.
            Tensor scale = norm.reciprocal().clip(Float.NEGATIVE_INFINITY, 1f / c).mul(c).add(norm.sub(norm));
            for (int j = 0; j < m; j++) {
                step.setGrad(j, step.grad(j).binary(BinaryOp.MUL, scale, step.work(j)));
            }
        } else if (clipvalue != null && clipvalue > 0) {
            float c = (float) (double) clipvalue;
            for (int j = 0; j < m; j++) {
                step.setGrad(j, step.grad(j).unary(UnaryOp.CLIP, -c, c, step.work(j)));
            }
        }
    }

    /** Σ g² in float32, as a rank-0 tensor. */
    private static Tensor sumOfSquares(Tensor g, Slots s) {
        return g.unary(UnaryOp.SQUARE, 0f, 0f, s.scratch(0)).sum();
    }

    /** The config keys {@code clipnorm}, {@code global_clipnorm}, {@code clipvalue}, in Keras's order. */
    void addConfig(Map<String, Object> m) {
        m.put("clipnorm", clipnorm);
        m.put("global_clipnorm", globalClipnorm);
        m.put("clipvalue", clipvalue);
    }

    private static String py(Double d) {
        return d == null ? "None" : d.toString();
    }
}
