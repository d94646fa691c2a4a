package kiln.nn.optimizers;

import java.util.List;
import java.util.Map;
import kiln.nn.layers.Naming;
import kiln.tensor.DType;
import kiln.tensor.Device;
import kiln.tensor.Shape;
import kiln.tensor.Tensor;

/**
 * Nadam (Adam with Nesterov momentum and Dozat's momentum schedule). Keras: {@code Nadam(learning_rate=0.001,
 * beta_1=0.9, beta_2=0.999, epsilon=1e-7)}. Extra state {@code u_product} (starts at 1) is updated once
 * per step before the weights:
 * <pre>
 * μ_t = β1·(1 − 0.5·0.96^t);  μ_t+1 = β1·(1 − 0.5·0.96^(t+1));  P_t = u_product ← u_product·μ_t;  P_t+1 = P_t·μ_t+1
 * m ← m + (g − m)(1 − β1);  v ← v + (g² − v)(1 − β2)
 * m̂ = μ_t+1·m / (1 − P_t+1) + (1 − μ_t)·g / (1 − P_t);   v̂ = v / (1 − β2^t)
 * w ← w − lr·m̂ / (sqrt(v̂) + eps)
 * </pre>
 * u_product lives on the weights' device and the step's P_t, P_t+1 are computed there, so a step reads
 * nothing back; each operation rounds as the same float32 expression on the host. The per-weight part is one
 * fused pass ({@link Tensor#nadamUpdate}), given 1 − P_t and 1 − P_t+1 as rank-0 tensors.
 */
public final class Nadam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private Tensor uProduct;       // rank 0, made at build
    private Tensor oneMinusPt;     // 1 − P_t of the current step
    private Tensor oneMinusPt1;    // 1 − P_t+1

    public Nadam() {
        this(new OptimizerOptions());
    }

    public Nadam(double learningRate) {
        this(new OptimizerOptions().learningRate(learningRate));
    }

    public Nadam(OptimizerOptions options) {
        this(0.9, 0.999, 1e-7, options);
    }

    public Nadam(double beta1, double beta2, double epsilon, OptimizerOptions options) {
        super("Nadam", 0.001, null, options);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected List<List<String>> slotGroups() {
        return List.of(List.of("momentum", "velocity"));
    }

    /**
     * Keras creates u_product as an unnamed {@code backend.Variable} inside the optimizer's name scope:
     * it is auto-named like any object ("variable", "variable_1", ...), path {@code <optimizer>/variable}.
     */
    @Override
    protected List<OptimizerVariable> extraVariables(Device device) {
        uProduct = Tensor.zeros(DType.FLOAT32, Shape.of(), device).fill(1f);
        String varName = Naming.unique("variable");
        return List.of(new OptimizerVariable(varName, name() + "/" + varName, uProduct));
    }

    @Override
    protected void beforeUpdates(float lr) {
        float t = iterations() + 1;
        uProduct.muli((float) beta1).muli(1f - 0.5f * (float) Math.pow(0.96f, t)); // (P · β1) · (1 − 0.5·0.96^t)
        oneMinusPt = oneMinus(uProduct);
        oneMinusPt1 = oneMinus(uProduct.mul(mu(t + 1)));
    }

    /** μ_t = β1·(1 − 0.5·0.96^t). */
    private float mu(float t) {
        return (float) beta1 * (1f - 0.5f * (float) Math.pow(0.96f, t));
    }

    /** {@code 1 − x}, as {@code −x + 1}: the same float32 operation. */
    private static Tensor oneMinus(Tensor x) {
        return x.neg().add(1f);
    }

    @Override
    protected void updateStep(Tensor g, Tensor w, float lr, Slots s) {
        float t = iterations() + 1;
        float beta2Power = (float) Math.pow((float) beta2, t);
        Tensor.nadamUpdate(w, g, s.get(0), s.get(1), oneMinusPt, oneMinusPt1, lr, 1f - (float) beta1,
                1f - (float) beta2, mu(t + 1), 1f - mu(t), 1f - beta2Power, (float) epsilon);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
    }
}
