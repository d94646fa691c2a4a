package kiln.nn.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.autograd.Variable;
import kiln.tensor.Tensor;

/**
 * Pushes the rows (or columns) of a rank-2 weight towards orthogonality (Keras
 * {@code OrthogonalRegularizer}, defaults {@code factor=0.01, mode="rows"}): with the rows
 * L2-normalised ({@code x·min(rsqrt(Σx²), 1/1e-7)}, Keras's {@code normalize}), P = Wₙ·Wₙᵀ (rows) or
 * Wₙᵀ·Wₙ (columns) of size n, the penalty is {@code factor · 0.5 · Σ|P − diag(P)| / (n(n−1)/2)}.
 */
public final class OrthogonalRegularizer implements Regularizer {
    private final float factor;
    private final String mode;

    public OrthogonalRegularizer() {
        this(0.01, "rows");
    }

    /** @throws IllegalArgumentException for a negative/non-finite factor or a mode other than rows/columns */
    public OrthogonalRegularizer(double factor, String mode) {
        this.factor = (float) Factors.nonNegative("factor", factor);
        if (!"rows".equals(mode) && !"columns".equals(mode)) {
            throw new IllegalArgumentException("Invalid value for argument `mode`. Expected one of {\"rows\", "
                    + "\"columns\"}. Received: mode=" + mode);
        }
        this.mode = mode;
    }

    /** @throws IllegalArgumentException if the weight is not rank 2 */
    @Override
    public Variable penalty(Variable w) {
        if (w.shape().rank() != 2) {
            throw new IllegalArgumentException("Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape="
                    + w.shape());
        }
        boolean rows = mode.equals("rows");
        int axis = rows ? 1 : 0;
        Variable invNorm = w.square().sum(new int[] {axis}, true).pow(-0.5f)
                .minimum(Variable.constant(Tensor.scalar(1f / 1e-7f)));
        Variable n = w.mul(invNorm);
        Variable product = rows ? n.matmul(n.transpose(0, 1)) : n.transpose(0, 1).matmul(n);
        int size = w.shape().dim(rows ? 0 : 1);
        float[] mask = new float[size * size]; // 1 − eye(size)
        java.util.Arrays.fill(mask, 1f);
        for (int i = 0; i < size; i++) {
            mask[i * size + i] = 0f;
        }
        Tensor offDiagonal = Tensor.of(mask, size, size);
        double numPairs = size * (size - 1.0) / 2.0;
        return product.mul(Variable.constant(offDiagonal)).abs().sum().mul(factor * 0.5f).div((float) numPairs);
    }

    @Override
    public String className() {
        return "OrthogonalRegularizer";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("factor", (double) factor);
        m.put("mode", mode);
        return m;
    }
}
