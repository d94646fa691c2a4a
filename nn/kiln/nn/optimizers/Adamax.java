package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import kiln.tensor.BinaryOp;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * Adamax (Adam with the infinity norm). Keras: {@code Adamax(learning_rate=0.001, beta_1=0.9,
 * beta_2=0.999, epsilon=1e-7)}.
 * <pre>
 * m ← m + (g − m)(1 − β1);  u ← max(β2·u, |g|);  w ← w − lr·m / ((1 − β1^t)·(u + eps))
 * </pre>
 */
public final class Adamax extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    public Adamax() {
        this(new OptimizerOptions());
    }

    public Adamax(double learningRate) {
        this(new OptimizerOptions().learningRate(learningRate));
    }

    public Adamax(OptimizerOptions options) {
        this(0.9, 0.999, 1e-7, options);
    }

    public Adamax(double beta1, double beta2, double epsilon, OptimizerOptions options) {
        super("Adamax", 0.001, null, options);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected List<List<String>> slotGroups() {
        return List.of(List.of("momentum", "norm"));
    }

    @Override
    protected void updateStep(Tensor g, Tensor w, float lr, Slots s) {
        float beta1Power = (float) Math.pow((float) beta1, (float) (iterations() + 1));
        Tensor m = s.get(0);
        Tensor u = s.get(1);
        Tensor a = s.scratch(0);
        m.addi(g.binary(BinaryOp.SUB, m, a).muli((float) (1 - beta1)));
        u.muli((float) beta2).binary(BinaryOp.MAXIMUM, g.unary(UnaryOp.ABS, 0f, 0f, a), u);
        Tensor den = u.unary(UnaryOp.ADD_SCALAR, (float) epsilon, 0f, a).muli(1f - beta1Power);
        w.subi(m.unary(UnaryOp.MUL_SCALAR, lr, 0f, s.scratch(1)).divi(den));
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
    }
}
