package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import kiln.tensor.Tensor;
import kiln.tensor.UnaryOp;

/**
 * Adadelta. Keras: {@code Adadelta(learning_rate=0.001, rho=0.95, epsilon=1e-7)}.
 * <pre>
 * Eg ← rho·Eg + (1−rho)·g²
 * Δ  = −sqrt(Ex + eps)·g / sqrt(Eg + eps)          (Ex: the old accumulated delta)
 * Ex ← rho·Ex + (1−rho)·Δ²;   w ← w + lr·Δ
 * </pre>
 */
public final class Adadelta extends Optimizer {
    private final double rho;
    private final double epsilon;

    public Adadelta() {
        this(new OptimizerOptions());
    }

    public Adadelta(double learningRate) {
        this(new OptimizerOptions().learningRate(learningRate));
    }

    public Adadelta(OptimizerOptions options) {
        this(0.95, 1e-7, options);
    }

    public Adadelta(double rho, double epsilon, OptimizerOptions options) {
        super("Adadelta", 0.001, null, options);
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    protected List<List<String>> slotGroups() {
        return List.of(List.of("accumulated_grad", "accumulated_delta_var"));
    }

    @Override
    protected void updateStep(Tensor g, Tensor w, float lr, Slots s) {
        float r = (float) rho;
        float oneMinusRho = (float) (1 - rho);
        float eps = (float) epsilon;
        Tensor eg = s.get(0);
        Tensor ex = s.get(1);
        Tensor t = s.scratch(1);
        eg.muli(r).addi(g.unary(UnaryOp.SQUARE, 0f, 0f, t).muli(oneMinusRho));
        Tensor delta = ex.unary(UnaryOp.ADD_SCALAR, eps, 0f, s.scratch(0)).unaryi(UnaryOp.SQRT).muli(g)
                .divi(eg.unary(UnaryOp.ADD_SCALAR, eps, 0f, t).unaryi(UnaryOp.SQRT)).unaryi(UnaryOp.NEG);
        ex.muli(r).addi(delta.unary(UnaryOp.SQUARE, 0f, 0f, t).muli(oneMinusRho));
        w.addi(delta.muli(lr));
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("rho", rho);
        c.put("epsilon", epsilon);
    }
}
