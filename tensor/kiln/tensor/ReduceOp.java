package kiln.tensor;

/** Reductions along axes. MEAN is a SUM divided by the count, done by the backend in one pass. */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN, PROD;
}
