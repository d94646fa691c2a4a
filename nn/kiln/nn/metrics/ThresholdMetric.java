package kiln.nn.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import kiln.nn.metrics.Confusion.Kind;
import kiln.tensor.Tensor;

/**
 * Confusion counts at one or more thresholds: the state of Precision, Recall and the four counting
 * metrics. One threshold gives a scalar {@link #result()}; several give one value each through
 * {@link #resultTensor()}.
 */
abstract class ThresholdMetric extends Metric {
    /** As given: null, a Double or a List of Doubles (the config echoes it unchanged, as Keras). */
    private final Object initThresholds;
    private final float[] thresholds;
    private final Integer topK;
    private final Integer classId;
    private final Confusion.Options options;
    private final ConfusionCounts counts;

    ThresholdMetric(String name, Object initThresholds, Integer topK, Integer classId, Kind... kinds) {
        super(name);
        double[] thr;
        if (initThresholds == null) {
            thr = new double[] {topK == null ? 0.5 : Confusion.NEG_INF};
        } else {
            thr = Confusion.checkThresholds(className(), asDoubles(initThresholds));
        }
        if (topK != null && topK < 1) {
            throw new IllegalArgumentException(className() + ": top_k must be a positive integer. Received: top_k=" + topK);
        }
        this.initThresholds = initThresholds instanceof double[] d ? toList(d) : initThresholds;
        this.thresholds = Confusion.toFloat32(thr);
        this.topK = topK;
        this.classId = classId;
        this.options = Confusion.Options.of(thresholds, Confusion.evenlyDistributed(thr), false, topK, classId, false, null);
        this.counts = new ConfusionCounts(thr.length, 1, kinds);
    }

    private static double[] asDoubles(Object o) {
        if (o instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        if (o instanceof double[] d) {
            return d.clone();
        }
        if (o instanceof List<?> l) {
            double[] d = new double[l.size()];
            for (int i = 0; i < d.length; i++) {
                if (!(l.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException("thresholds must be numbers in [0, 1]. Received: " + l);
                }
                d[i] = n.doubleValue();
            }
            return d;
        }
        throw new IllegalArgumentException("thresholds must be a number or a list of numbers. Received: " + o);
    }

    private static List<Object> toList(double[] d) {
        List<Object> l = new ArrayList<>();
        for (double x : d) {
            l.add(x);
        }
        return l;
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Confusion.update(this, counts, yTrue, yPred, sampleWeight, options);
    }

    /** One value per threshold, from the host copy of the counts (T values per kind). */
    abstract float[] values(Map<Kind, float[]> counts);

    @Override
    public float result() {
        return scalar(values(counts.read()));
    }

    @Override
    public DoubleSupplier deferredResult() {
        Supplier<Map<Kind, float[]>> now = counts.snapshot();
        return () -> scalar(values(now.get()));
    }

    private float scalar(float[] v) {
        if (v.length != 1) {
            throw new IllegalStateException("Metric '" + name() + "' (" + className() + ") has " + v.length
                    + " thresholds, so its result is a vector: use resultTensor()");
        }
        return v[0];
    }

    @Override
    public Tensor resultTensor() {
        float[] v = values(counts.read());
        return v.length == 1 ? Tensor.scalar(v[0]) : Tensor.of(v, v.length);
    }

    @Override
    public void resetState() {
        counts.reset();
    }

    /** The thresholds in use (float32, as Keras's). */
    public float[] thresholds() {
        return thresholds.clone();
    }

    Object initThresholds() {
        return initThresholds;
    }

    Integer topK() {
        return topK;
    }

    Integer classId() {
        return classId;
    }

    /** name, dtype, thresholds, top_k, class_id (Precision and Recall). */
    Map<String, Object> fullConfig() {
        Map<String, Object> m = baseConfig();
        m.put("thresholds", initThresholds);
        m.put("top_k", topK);
        m.put("class_id", classId);
        return m;
    }
}
