package kiln.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Running-mean semantics, the documented examples, and the errors callers get. */
class MetricsBehaviourTest {

    private static Tensor v(float... x) {
        return Tensor.of(x, x.length);
    }

    @Test
    void runningMeanIsPerSampleNotPerBatch() {
        // keras-training.md §4.5: per-sample loss x² of 1..10 in batches of 4, 4 and 2 → 385 / 10 = 38.5, not the
        // mean of the batch means (7.5 + 43.5 + 90.5) / 3 = 47.17
        Mean loss = new Mean("loss");
        float[][] batches = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10}};
        for (float[] b : batches) {
            float s = 0;
            for (float x : b) {
                s += x * x;
            }
            loss.update(s / b.length, b.length);
        }
        assertEquals(38.5f, loss.result(), 1e-5f);
        MeanSquaredError mse = new MeanSquaredError();
        for (float[] b : batches) {
            mse.updateState(Tensor.zeros(b.length, 1), Tensor.of(b, b.length, 1));
        }
        assertEquals(38.5f, mse.result(), 1e-5f);
    }

    /** fit's batch logs: a deferred result is the value at the time it was taken, whenever it is read. */
    @Test
    void aDeferredResultKeepsTheValueOfItsMoment() {
        Metric[] metrics = {new Mean(), new Sum(), new RootMeanSquaredError(), new Precision(), new AUC(),
                new FalseNegatives(), new SparseTopKCategoricalAccuracy(1, null, false)};
        Tensor t1 = v(1, 0, 1, 1);
        Tensor p1 = v(.9f, .2f, .4f, .7f);
        Tensor t2 = v(0, 0, 1, 0);
        Tensor p2 = v(.6f, .1f, .3f, .3f);
        for (Metric m : metrics) {
            boolean values = m instanceof Mean && !(m instanceof RootMeanSquaredError) || m instanceof Sum;
            boolean sparse = m instanceof SparseTopKCategoricalAccuracy;
            update(m, values, sparse, t1, p1);
            float afterFirst = m.result();
            var deferred = m.deferredResult();
            update(m, values, sparse, t2, p2);
            assertTrue(afterFirst != m.result(), m + ": the second batch changes the result");
            assertEquals(afterFirst, (float) deferred.getAsDouble(), 0f, m + ": read after the second batch");
            m.resetState();
            assertEquals(afterFirst, (float) deferred.getAsDouble(), 0f, m + ": read after a reset");
        }
    }

    private static void update(Metric m, boolean values, boolean sparse, Tensor t, Tensor p) {
        if (values && m instanceof Sum s) {
            s.update(p, t);
        } else if (values) {
            ((Mean) m).update(p, t);
        } else if (sparse) {
            m.updateState(t, Tensor.stack(1, p, p.neg().add(1f)));
        } else {
            m.updateState(t, p);
        }
    }

    @Test
    void documentedExamples() {
        Mean m = new Mean();
        m.update(v(1, 2, 3), null);
        m.update(Tensor.scalar(10f), Tensor.scalar(2f));
        assertEquals(5.2f, m.result(), 1e-6f); // Keras: 5.199999809265137
        Precision p = new Precision();
        p.updateState(v(0, 1, 1, 1), v(1, 0, 1, 1));
        assertEquals(2f / 3f, p.result(), 1e-7f);
        AUC auc = new AUC();
        auc.updateState(v(0, 0, 1, 1), v(.1f, .4f, .35f, .8f));
        assertEquals(0.75f, auc.result(), 1e-7f);
        Metric acc = Metrics.get("sparse_categorical_accuracy");
        acc.updateState(Tensor.ofInts(new int[] {0, 2}, 2), Tensor.of(new float[] {.9f, .1f, 0, .3f, .3f, .4f}, 2, 3), null);
        assertEquals(1f, acc.result());
    }

    @Test
    void emptyAndResetGiveZero() {
        for (Metric m : new Metric[] {new Mean(), new MeanAbsoluteError(), new RootMeanSquaredError(), new Precision(),
                new Recall(), new AUC(), new AUC(200, "PR", "interpolation", null, null, true, null, null, false)}) {
            assertEquals(0f, m.result(), m.name());
            m.resetState();
            assertEquals(0f, m.result(), m.name());
        }
    }

    @Test
    void thresholdIsStrictAndTiesPickTheFirstIndex() {
        BinaryAccuracy b = new BinaryAccuracy();
        b.updateState(v(0, 1), v(0.5f, 0.50001f));
        assertEquals(1f, b.result());
        CategoricalAccuracy c = new CategoricalAccuracy();
        c.updateState(Tensor.of(new float[] {1, 0, 0, 0, 1, 0}, 2, 3), Tensor.of(new float[] {.3f, .3f, .3f, .2f, .4f, .4f}, 2, 3));
        assertEquals(1f, c.result());
        Precision p = new Precision(0.5);
        p.updateState(v(1, 1), v(0.5f, 0.5f));
        assertEquals(0f, p.result()); // 0/0 → 0
        assertEquals(0.5, p.getConfig().get("thresholds"));
    }

    @Test
    void severalThresholdsGiveAVector() {
        Recall r = new Recall(new double[] {0.2, 0.6}, null, null, "r");
        r.updateState(v(1, 1, 0), v(0.5f, 0.9f, 0.9f));
        assertArrayEquals(new float[] {1f, 0.5f}, r.resultTensor().toFloatArray());
        var e = assertThrows(IllegalStateException.class, r::result);
        assertTrue(e.getMessage().contains("resultTensor"), e.getMessage());
    }

    @Test
    void shapeMismatchNamesMetricAndShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().updateState(Tensor.zeros(4, 3), Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("mean_squared_error") && e.getMessage().contains("[4, 3]")
                && e.getMessage().contains("[4, 2]"), e.getMessage());
        for (Metric m : new Metric[] {new CategoricalAccuracy(), new TopKCategoricalAccuracy(), new Precision(), new AUC(),
                new RootMeanSquaredError(), new SparseTopKCategoricalAccuracy()}) {
            var x = assertThrows(IllegalArgumentException.class, () -> m.updateState(Tensor.zeros(4, 3), Tensor.zeros(5, 4)),
                    m.name());
            assertTrue(x.getMessage().contains(m.name()) && x.getMessage().contains("[4, 3]")
                    && x.getMessage().contains("[5, 4]"), x.getMessage());
        }
        var s = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalAccuracy().updateState(Tensor.zeros(5), Tensor.zeros(4, 3)));
        assertTrue(s.getMessage().contains("sparse_categorical_accuracy") && s.getMessage().contains("[5]")
                && s.getMessage().contains("[4, 3]"), s.getMessage());
        // Keras too refuses per-element weights for a per-sample metric ("Cannot broadcast to shape with fewer dimensions")
        var w = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().updateState(Tensor.zeros(2, 3), Tensor.zeros(2, 3), Tensor.ones(2, 3)));
        assertTrue(w.getMessage().contains("sample_weight") && w.getMessage().contains("[2, 3]"), w.getMessage());
        var cid = assertThrows(IllegalArgumentException.class,
                () -> new Precision(null, null, 1, "p").updateState(Tensor.zeros(4), Tensor.zeros(4)));
        assertTrue(cid.getMessage().contains("class_id"), cid.getMessage());
    }

    @Test
    void badArgumentsAreRefused() {
        var n = assertThrows(IllegalArgumentException.class,
                () -> new AUC(1, "ROC", "interpolation", null, null, false, null, null, false));
        assertTrue(n.getMessage().contains("num_thresholds=1"), n.getMessage());
        var c = assertThrows(IllegalArgumentException.class,
                () -> new AUC(200, "XY", "interpolation", null, null, false, null, null, false));
        assertTrue(c.getMessage().contains("\"XY\"") && c.getMessage().contains("ROC"), c.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AUC(200, "ROC", "trapezoid", null, null, false, null, null, false));
        assertThrows(IllegalArgumentException.class, () -> new AUC(200, "ROC", "interpolation", null, null, false, 3, null, false));
        var t = assertThrows(IllegalArgumentException.class, () -> new Precision(new double[] {0.5, 1.5}, null, null, null));
        assertTrue(t.getMessage().contains("[0, 1]") && t.getMessage().contains("1.5"), t.getMessage());
        var ml = assertThrows(IllegalArgumentException.class,
                () -> new AUC(200, "ROC", "interpolation", "m", null, true, null, null, false).updateState(v(1, 0), v(1, 0)));
        assertTrue(ml.getMessage().contains("rank 2"), ml.getMessage());
        var mean = assertThrows(IllegalStateException.class, () -> new Mean().updateState(v(1), v(1)));
        assertTrue(mean.getMessage().contains("update(values"), mean.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TopKCategoricalAccuracy(0, null));
    }
}
