package kiln.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array: a view (shape, strides, offset) over a {@link Buffer} on one {@link Device}.
 * Views share storage: {@code reshape}, {@code transpose}, {@code narrow}, {@code broadcastTo},
 * {@code squeeze} and friends never copy. Every computation goes through the device's {@link Backend}.
 * Tensors carry no gradient; autograd lives in {@code kiln.autograd}.
 *
 * <pre>{@code
 * Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * a.sum(new int[] {1}, false)          // [ 6. 15.]
 * a.add(Tensor.of(new float[] {10, 20, 30}, 3))   // broadcasting: [[11. 22. 33.] [14. 25. 36.]]
 * }</pre>
 *
 * <p>Method families: {@code op(...)} returns a new tensor; {@code op(..., out)} writes into {@code out}
 * and returns it; {@code opi(...)} updates this tensor in place and returns it.
 */
public final class Tensor {
    private final Backend backend;
    private final Buffer buffer;
    private final Shape shape;
    private final int[] strides;
    private final int offset;

    Tensor(Backend backend, Buffer buffer, Shape shape, int[] strides, int offset) {
        this.backend = backend;
        this.buffer = buffer;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    // ------------------------------------------------------------------ creation

    /** A new zero-filled tensor. */
    public static Tensor zeros(DType dtype, Shape shape, Device device) {
        Backend b = Backends.get(device);
        Buffer buffer = b.allocate(dtype, shape.size());
        AllocationScope.track(b, buffer);
        return new Tensor(b, buffer, shape, shape.contiguousStrides(), 0);
    }

    /**
     * Storage for an operation's result that the operation writes every element of: no zero fill on a GPU. Its
     * contents are undefined until then (NaN on the CPU under {@code -Dkiln.debug.poison}).
     */
    public static Tensor uninitialized(DType dtype, Shape shape, Device device) {
        Backend b = Backends.get(device);
        Buffer buffer = b.allocateUninitialized(dtype, shape.size());
        AllocationScope.track(b, buffer);
        return new Tensor(b, buffer, shape, shape.contiguousStrides(), 0);
    }

    /** A float32 tensor of zeros on the default device. */
    public static Tensor zeros(int... dims) {
        return zeros(DType.FLOAT32, Shape.of(dims), Device.defaultDevice());
    }

    /** A float32 tensor of zeros on the default device. */
    public static Tensor zeros(Shape shape) {
        return zeros(DType.FLOAT32, shape, Device.defaultDevice());
    }

    /** A float32 tensor of ones. */
    public static Tensor ones(int... dims) {
        return full(1f, dims);
    }

    /** A float32 tensor filled with {@code value}. */
    public static Tensor full(float value, int... dims) {
        Tensor t = zeros(dims);
        if (value != 0f) {
            t.fill(value);
        }
        return t;
    }

    /** A zero tensor with this tensor's dtype, shape and device. */
    public Tensor zerosLike() {
        return zeros(dtype(), shape, device());
    }

    /** {@code [0, 1, ..., n-1]} as float32. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** {@code start, start+step, ...} below {@code end} (above it for a negative step), as float32. */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || !Float.isFinite(start) || !Float.isFinite(end) || !Float.isFinite(step)) {
            throw new IllegalArgumentException("arange: need finite start/end and a non-zero step, got start="
                    + start + " end=" + end + " step=" + step);
        }
        int n = Math.max(0, (int) Math.ceil((end - start) / step));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * step;
        }
        return of(v, n);
    }

    /** A float32 tensor holding a copy of {@code data}, shaped {@code dims} (one dimension may be -1). */
    public static Tensor of(float[] data, int... dims) {
        Shape s = inferShape("of", data.length, dims);
        return new Tensor(cpu(), HostBuffer.of(data.clone()), s, s.contiguousStrides(), 0).to(Device.defaultDevice());
    }

    /** An int32 tensor holding a copy of {@code data}. */
    public static Tensor ofInts(int[] data, int... dims) {
        Shape s = inferShape("ofInts", data.length, dims);
        return new Tensor(cpu(), HostBuffer.of(data.clone()), s, s.contiguousStrides(), 0).to(Device.defaultDevice());
    }

    /** A CPU float32 tensor over {@code data} itself, without copying: writes to either are seen by both. */
    public static Tensor wrap(float[] data, int... dims) {
        Shape s = inferShape("wrap", data.length, dims);
        return new Tensor(cpu(), HostBuffer.of(data), s, s.contiguousStrides(), 0);
    }

    /** A rank-0 float32 tensor. */
    public static Tensor scalar(float value) {
        return of(new float[] {value});
    }

    /** A float32 tensor from a rectangular 2-D array. */
    public static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] v = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("of: row " + i + " has " + rows[i].length
                        + " elements, expected " + cols + " (rows must be rectangular)");
            }
            System.arraycopy(rows[i], 0, v, i * cols, cols);
        }
        return wrap(v, rows.length, cols).to(Device.defaultDevice());
    }

    /** Uniform on [low, high) from a generator. */
    public static Tensor uniform(Generator g, float low, float high, int... dims) {
        return random(RandomKind.UNIFORM, g, low, high, dims);
    }

    /** Uniform on [0, 1) from the global generator. */
    public static Tensor rand(int... dims) {
        return uniform(Generator.global(), 0f, 1f, dims);
    }

    /** Normal(mean, stddev) from a generator. */
    public static Tensor normal(Generator g, float mean, float stddev, int... dims) {
        return random(RandomKind.NORMAL, g, mean, stddev, dims);
    }

    /** Standard normal from the global generator. */
    public static Tensor randn(int... dims) {
        return normal(Generator.global(), 0f, 1f, dims);
    }

    /** Normal(mean, stddev) with values beyond two standard deviations redrawn (Keras's truncated normal). */
    public static Tensor truncatedNormal(Generator g, float mean, float stddev, int... dims) {
        return random(RandomKind.TRUNCATED_NORMAL, g, mean, stddev, dims);
    }

    /** 1 with probability p, else 0. */
    public static Tensor bernoulli(Generator g, float p, int... dims) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
        }
        return random(RandomKind.BERNOULLI, g, p, 0f, dims);
    }

    /** Fills this (contiguous, float32) tensor in place from a generator; returns this. */
    public Tensor randomi(RandomKind kind, Generator g, float a, float b) {
        requireFloat("random");
        if (!isContiguous()) {
            throw new IllegalArgumentException("random: the target must be contiguous, got strides "
                    + Arrays.toString(strides) + " for shape " + shape);
        }
        backend.random(kind, g.seed(), g.advance(size()), a, b, this);
        return this;
    }

    private static Tensor random(RandomKind kind, Generator g, float a, float b, int... dims) {
        return zeros(dims).randomi(kind, g, a, b);
    }

    private static Shape inferShape(String op, int length, int[] dims) {
        if (dims.length == 0 && length == 1) {
            return Shape.of();
        }
        int[] d = dims.length == 0 ? new int[] {length} : dims.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1 && infer < 0) {
                infer = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid dimension " + d[i] + " in " + Arrays.toString(dims));
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || length % known != 0) {
                throw new IllegalArgumentException(op + ": cannot infer -1 in " + Arrays.toString(dims)
                        + " for " + length + " elements");
            }
            d[infer] = (int) (length / known);
            known = length;
        }
        if (known != length) {
            throw new IllegalArgumentException(op + ": shape " + Arrays.toString(dims) + " needs " + known
                    + " elements, got " + length);
        }
        return Shape.of(d);
    }

    private static Backend cpu() {
        return Backends.get(Device.CPU);
    }

    // ------------------------------------------------------------------ properties

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The dimensions as an array (a copy). */
    public int[] dims() {
        return shape.dims();
    }

    /** The size of one dimension; negative axes count from the end. */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** Element type. */
    public DType dtype() {
        return buffer.dtype();
    }

    /** Where the storage lives. */
    public Device device() {
        return backend.device();
    }

    /** The backend computing on this tensor's device. */
    public Backend backend() {
        return backend;
    }

    /** The underlying storage (shared with every view of it). */
    public Buffer buffer() {
        return buffer;
    }

    /** Offset of element (0, ..., 0) in the buffer. */
    public int offset() {
        return offset;
    }

    /** Step in the buffer between neighbours along {@code axis} (0 on broadcast axes). */
    public int stride(int axis) {
        return strides[shape.axis(axis)];
    }

    /** All strides (a copy). */
    public int[] strides() {
        return strides.clone();
    }

    /** True when elements are laid out densely in row-major order (offset may be non-zero). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = strides.length - 1; i >= 0; i--) {
            if (shape.dim(i) != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape.dim(i);
        }
        return true;
    }

    // ------------------------------------------------------------------ host access

    /** The elements in row-major order as a new float array (int32 tensors are converted). */
    public float[] toFloatArray() {
        Tensor t = dtype() == DType.FLOAT32 ? this : toFloat();
        float[] out = new float[size()];
        t.copyOut(out);
        return out;
    }

    /** The elements in row-major order as a new int array (floats are truncated toward zero). */
    public int[] toIntArray() {
        Tensor t = dtype() == DType.INT32 ? this : toInt();
        int[] out = new int[size()];
        t.copyOut(out);
        return out;
    }

    private void copyOut(Object hostArray) {
        Tensor t = this;
        if (!isContiguous() || offset != 0 || buffer.length() != size()) {
            t = copy();
        }
        backend.copyToHost(t.buffer, hostArray);
    }

    /** The single element of a one-element tensor. */
    public float item() {
        if (size() != 1) {
            throw new IllegalArgumentException("item: tensor of shape " + shape + " has " + size()
                    + " elements, expected exactly 1");
        }
        return toFloatArray()[0];
    }

    /** The element at an index (slow: one device read; for tests and printing). */
    public float get(int... index) {
        if (index.length != rank()) {
            throw new IllegalArgumentException("get: expected " + rank() + " indices for shape " + shape
                    + ", got " + index.length);
        }
        for (int i = 0; i < index.length; i++) {
            int n = shape.dim(i);
            if (index[i] < -n || index[i] >= n) {
                throw new IllegalArgumentException("get: index " + index[i] + " is out of bounds for axis " + i
                        + " of size " + n + " (shape " + shape + ")");
            }
        }
        Tensor t = this;
        for (int i = index.length - 1; i >= 0; i--) {
            t = t.select(i, index[i]);
        }
        return t.item();
    }

    /** A copy on another device (this tensor itself when already there). */
    public Tensor to(Device device) {
        if (device.equals(device())) {
            return this;
        }
        Tensor src = isContiguous() && offset == 0 && buffer.length() == size() ? this : copy();
        Object host = dtype() == DType.FLOAT32 ? new float[size()] : new int[size()];
        src.backend.copyToHost(src.buffer, host);
        Tensor out = uninitialized(dtype(), shape, device);
        out.backend.copyFromHost(host, out.buffer);
        return out;
    }

    // ------------------------------------------------------------------ views (no copy)

    private Tensor view(Shape s, int[] st, int off) {
        return new Tensor(backend, buffer, s, st, off);
    }

    /** The same elements with another shape (one dimension may be -1); a view when contiguous, else a copy. */
    public Tensor reshape(int... dims) {
        Shape s = inferShape("reshape", size(), dims);
        if (s.equals(shape)) {
            return this;
        }
        Tensor src = isContiguous() ? this : copy();
        return src.view(s, s.contiguousStrides(), src.offset);
    }

    /** {@link #reshape(int...)} with a Shape. */
    public Tensor reshape(Shape s) {
        return reshape(s.dims());
    }

    /** Collapses all dimensions into one. */
    public Tensor flatten() {
        return reshape(size());
    }

    /** Swaps two axes. */
    public Tensor transpose(int axis0, int axis1) {
        int[] perm = new int[rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        int a = shape.axis(axis0);
        int b = shape.axis(axis1);
        perm[a] = b;
        perm[b] = a;
        return permute(perm);
    }

    /** The transpose of a matrix (rank 2), or the tensor itself for rank 0 and 1. */
    public Tensor t() {
        if (rank() > 2) {
            throw new IllegalArgumentException("t: expects a tensor of rank <= 2, got shape " + shape
                    + " (use transpose(a, b) or permute)");
        }
        return rank() < 2 ? this : transpose(0, 1);
    }

    /** Reorders axes: result axis i is this tensor's axis {@code perm[i]}. */
    public Tensor permute(int... perm) {
        if (perm.length != rank()) {
            throw new IllegalArgumentException("permute: expected " + rank() + " axes for shape " + shape
                    + ", got " + Arrays.toString(perm));
        }
        int[] d = new int[perm.length];
        int[] st = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < perm.length; i++) {
            int a = shape.axis(perm[i]);
            if (seen[a]) {
                throw new IllegalArgumentException("permute: axis " + perm[i] + " repeated in " + Arrays.toString(perm));
            }
            seen[a] = true;
            d[i] = shape.dim(a);
            st[i] = strides[a];
        }
        return view(Shape.of(d), st, offset);
    }

    /** Elements {@code start} (inclusive) to {@code start + length} along an axis. */
    public Tensor narrow(int axis, int start, int length) {
        int a = shape.axis(axis);
        int n = shape.dim(a);
        if (start < 0 || length < 0 || start + length > n) {
            throw new IllegalArgumentException("narrow: range [" + start + ", " + (start + length)
                    + ") is out of bounds for axis " + axis + " of size " + n + " (shape " + shape + ")");
        }
        return view(shape.with(a, length), strides, offset + start * strides[a]);
    }

    /** Python-style slice {@code [start:end]} along an axis; negative bounds count from the end. */
    public Tensor slice(int axis, int start, int end) {
        int n = shape.dim(axis);
        int s = start < 0 ? start + n : start;
        int e = end < 0 ? end + n : Math.min(end, n);
        if (s < 0 || s > n || e < s) {
            throw new IllegalArgumentException("slice: [" + start + ":" + end + "] is out of bounds for axis "
                    + axis + " of size " + n + " (shape " + shape + ")");
        }
        return narrow(axis, s, e - s);
    }

    /** The sub-tensor at {@code index} along an axis, with that axis removed. */
    public Tensor select(int axis, int index) {
        int a = shape.axis(axis);
        int n = shape.dim(a);
        int i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("select: index " + index + " is out of bounds for axis "
                    + axis + " of size " + n + " (shape " + shape + ")");
        }
        return view(Shape.of(remove(shape.dims(), a)), remove(strides, a), offset + i * strides[a]);
    }

    /** A view broadcast to a larger shape (stride 0 on repeated axes), NumPy rules. */
    public Tensor broadcastTo(Shape target) {
        if (target.equals(shape)) {
            return this;
        }
        if (!shape.broadcastsTo(target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + shape + " cannot be broadcast to " + target);
        }
        int shift = target.rank() - rank();
        int[] st = new int[target.rank()];
        for (int i = 0; i < rank(); i++) {
            st[i + shift] = shape.dim(i) == target.dim(i + shift) ? strides[i] : 0;
        }
        return view(target, st, offset);
    }

    /** {@link #broadcastTo} by dimensions; PyTorch's name. */
    public Tensor expand(int... dims) {
        return broadcastTo(Shape.of(dims));
    }

    /** Removes every axis of size 1. */
    public Tensor squeeze() {
        int[] d = shape.dims();
        int keep = 0;
        for (int x : d) {
            keep += x == 1 ? 0 : 1;
        }
        int[] nd = new int[keep];
        int[] ns = new int[keep];
        for (int i = 0, j = 0; i < d.length; i++) {
            if (d[i] != 1) {
                nd[j] = d[i];
                ns[j++] = strides[i];
            }
        }
        return view(Shape.of(nd), ns, offset);
    }

    /** Removes one axis, which must have size 1. */
    public Tensor squeeze(int axis) {
        int a = shape.axis(axis);
        if (shape.dim(a) != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " has size " + shape.dim(a)
                    + ", expected 1 (shape " + shape + ")");
        }
        return view(Shape.of(remove(shape.dims(), a)), remove(strides, a), offset);
    }

    /** Inserts an axis of size 1 at {@code axis} (in the result's numbering; -1 appends). */
    public Tensor unsqueeze(int axis) {
        int r = rank() + 1;
        int a = axis < 0 ? axis + r : axis;
        if (a < 0 || a >= r) {
            throw new IllegalArgumentException("unsqueeze: axis " + axis + " is out of range for a result of rank " + r);
        }
        return view(Shape.of(insert(shape.dims(), a, 1)), insert(strides, a, 0), offset);
    }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return isContiguous() ? this : copy();
    }

    /** A new contiguous tensor with the same elements. */
    public Tensor copy() {
        Tensor out = uninitialized(dtype(), shape, device());
        backend.copy(this, out);
        return out;
    }

    /** This tensor as float32 (itself when already float32). */
    public Tensor toFloat() {
        return cast(DType.FLOAT32);
    }

    /** This tensor as int32, truncating toward zero (itself when already int32). */
    public Tensor toInt() {
        return cast(DType.INT32);
    }

    /** A converted copy, or this tensor when it already has that dtype. */
    public Tensor cast(DType dtype) {
        if (dtype == dtype()) {
            return this;
        }
        Tensor out = uninitialized(dtype, shape, device());
        backend.copy(this, out);
        return out;
    }

    private static int[] remove(int[] a, int i) {
        int[] r = new int[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, a.length - i - 1);
        return r;
    }

    private static int[] insert(int[] a, int i, int v) {
        int[] r = new int[a.length + 1];
        System.arraycopy(a, 0, r, 0, i);
        r[i] = v;
        System.arraycopy(a, i, r, i + 1, a.length - i);
        return r;
    }

    // ------------------------------------------------------------------ in place

    /** Sets every element to {@code value}; returns this. */
    public Tensor fill(float value) {
        backend.fill(this, value);
        return this;
    }

    /** Copies {@code src} (broadcast to this shape) into this tensor; returns this. */
    public Tensor copyFrom(Tensor src) {
        sameDevice("copyFrom", src);
        backend.copy(src.broadcastForOut("copyFrom", shape), this);
        return this;
    }

    /** {@code this += other} (broadcast to this shape). */
    public Tensor addi(Tensor other) {
        return binaryInPlace(BinaryOp.ADD, other);
    }

    /**
     * {@code this += alpha * other} in one pass (PyTorch's {@code add_(other, alpha=)}; BLAS axpy), other
     * broadcast to this shape. Equals {@code addi(other.mul(alpha))} bit for bit, without the temporary.
     */
    public Tensor addi(Tensor other, float alpha) {
        requireFloat("addi");
        sameDevice("addi", other);
        backend.axpy(alpha, other.broadcastForOut("addi", shape), this);
        return this;
    }

    /** {@code this -= other}. */
    public Tensor subi(Tensor other) {
        return binaryInPlace(BinaryOp.SUB, other);
    }

    /** {@code this *= other}. */
    public Tensor muli(Tensor other) {
        return binaryInPlace(BinaryOp.MUL, other);
    }

    /** {@code this /= other}. */
    public Tensor divi(Tensor other) {
        return binaryInPlace(BinaryOp.DIV, other);
    }

    /** {@code this *= s}. */
    public Tensor muli(float s) {
        return unary(UnaryOp.MUL_SCALAR, s, 0f, this);
    }

    /** {@code this += s}. */
    public Tensor addi(float s) {
        return unary(UnaryOp.ADD_SCALAR, s, 0f, this);
    }

    /** Applies a unary op in place. */
    public Tensor unaryi(UnaryOp op) {
        return unary(op, 0f, 0f, this);
    }

    /**
     * One fused Keras SGD step on {@code w} and its momentum slot {@code m} (null for plain SGD, which
     * needs {@code momentum == 0}); the formula is {@link Backend#sgdUpdate}'s.
     * <pre>{@code
     * Tensor w = Tensor.of(new float[] {1, 2}, 2), m = Tensor.of(new float[] {0.25f, 0}, 2);
     * Tensor.sgdUpdate(w, Tensor.of(new float[] {0.5f, -1}, 2), m, 0.5f, 0.5f, false);
     * m   // [-0.125, 0.5]:  0.5·m − 0.5·g
     * w   // [0.875, 2.5]:   w + m
     * }</pre>
     *
     * @throws IllegalArgumentException naming the argument if w or g is null, a tensor is not float32,
     *         not on w's device or not of w's shape, w or a slot is a broadcast view, two share memory,
     *         or {@code momentum != 0} comes without {@code m}
     */
    public static void sgdUpdate(Tensor w, Tensor g, Tensor m, float lr, float momentum, boolean nesterov) {
        OptimizerUpdates.sgd(w, g, m, lr, momentum, nesterov);
    }

    /**
     * {@link #sgdUpdate} on a list of weights at once ({@code m} null for plain SGD): one launch on a GPU.
     *
     * @throws IllegalArgumentException as {@link #sgdUpdate} for any entry, if the lists differ in length or
     *         the weights are on different devices
     */
    public static void sgdUpdates(List<Tensor> w, List<Tensor> g, List<Tensor> m, float lr, float momentum,
                                  boolean nesterov) {
        OptimizerUpdates.sgds(w, g, m, lr, momentum, nesterov);
    }

    /**
     * {@link #adamUpdate} on a list of weights at once ({@code vhat} null without AMSGrad): one launch on a GPU.
     *
     * @throws IllegalArgumentException as {@link #adamUpdate} for any entry, if the lists differ in length or
     *         the weights are on different devices
     */
    public static void adamUpdates(List<Tensor> w, List<Tensor> g, List<Tensor> m, List<Tensor> v, List<Tensor> vhat,
                                   float alpha, float c1, float c2, float epsilon) {
        OptimizerUpdates.adams(w, g, m, v, vhat, alpha, c1, c2, epsilon);
    }

    /**
     * One fused Keras Adam step on {@code w} and its slots {@code m}, {@code v} and, for AMSGrad,
     * {@code vhat} (null otherwise); the formula is {@link Backend#adamUpdate}'s, with
     * {@code alpha = lr·sqrt(1 − β2^t)/(1 − β1^t)}, {@code c1 = 1 − β1}, {@code c2 = 1 − β2}.
     *
     * @throws IllegalArgumentException as {@link #sgdUpdate}, and if m or v is null
     */
    public static void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, Tensor vhat, float alpha, float c1, float c2,
                                  float epsilon) {
        OptimizerUpdates.adam(w, g, m, v, vhat, alpha, c1, c2, epsilon);
    }

    /**
     * One fused Keras Adamax step on {@code w} and its slots {@code m} and {@code u}; the formula is
     * {@link Backend#adamaxUpdate}'s, with {@code c1 = 1 − β1} and {@code biasCorrection = 1 − β1^t}.
     *
     * @throws IllegalArgumentException as {@link #sgdUpdate}, and if m or u is null
     */
    public static void adamaxUpdate(Tensor w, Tensor g, Tensor m, Tensor u, float lr, float c1, float beta2,
                                    float epsilon, float biasCorrection) {
        OptimizerUpdates.adamax(w, g, m, u, lr, c1, beta2, epsilon, biasCorrection);
    }

    /**
     * One fused Keras Nadam step on {@code w} and its slots {@code m}, {@code v}; the formula is
     * {@link Backend#nadamUpdate}'s. {@code oneMinusP} and {@code oneMinusPNext} ({@code 1 − P_t},
     * {@code 1 − P_t+1}) are rank-0 tensors on w's device, so the step needs no read from it.
     *
     * @throws IllegalArgumentException as {@link #sgdUpdate}, if m or v is null, or if oneMinusP or
     *         oneMinusPNext is not a float32 rank-0 tensor of its own on w's device
     */
    public static void nadamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, Tensor oneMinusP, Tensor oneMinusPNext,
                                   float lr, float c1, float c2, float muNext, float oneMinusMu, float vCorrection,
                                   float epsilon) {
        OptimizerUpdates.nadam(w, g, m, v, oneMinusP, oneMinusPNext, lr, c1, c2, muNext, oneMinusMu, vCorrection,
                epsilon);
    }

    /**
     * One fused Keras RMSprop step on {@code w} and its slots: {@code v}, the momentum {@code mom} (null
     * without momentum) and the average gradient {@code avg} (null unless centered); the formula is
     * {@link Backend#rmspropUpdate}'s.
     *
     * @throws IllegalArgumentException as {@link #sgdUpdate}, and if v is null
     */
    public static void rmspropUpdate(Tensor w, Tensor g, Tensor v, Tensor mom, Tensor avg, float lr, float rho,
                                     float oneMinusRho, float momentum, float epsilon) {
        OptimizerUpdates.rmsprop(w, g, v, mom, avg, lr, rho, oneMinusRho, momentum, epsilon);
    }

    /**
     * One fused Keras Adagrad step on {@code w} and its accumulator; the formula is
     * {@link Backend#adagradUpdate}'s.
     * <pre>{@code
     * Tensor w = Tensor.of(new float[] {1, 1}, 2), acc = Tensor.of(new float[] {0, 12}, 2);
     * Tensor.adagradUpdate(w, Tensor.of(new float[] {2, -2}, 2), acc, 0.5f, 0f);
     * acc   // [4, 16]:     acc + g²
     * w     // [0.5, 1.25]: w − (g·0.5)/sqrt(acc)
     * }</pre>
     *
     * @throws IllegalArgumentException as {@link #sgdUpdate}, and if acc is null
     */
    public static void adagradUpdate(Tensor w, Tensor g, Tensor acc, float lr, float epsilon) {
        OptimizerUpdates.adagrad(w, g, acc, lr, epsilon);
    }

    /**
     * One fused Keras Lion step on {@code w} and its momentum {@code m}; the formula is
     * {@link Backend#lionUpdate}'s, with {@code c1 = 1 − β1} and {@code c2 = 1 − β2}.
     * <pre>{@code
     * Tensor w = Tensor.of(new float[] {1, 1}, 2), m = Tensor.of(new float[] {0.5f, 0}, 2);
     * Tensor.lionUpdate(w, Tensor.of(new float[] {-2, 0}, 2), m, 0.25f, 0.5f, 0.5f, 0.5f, 0.5f);
     * w   // [1.25, 1]:   w − sign(0.5·m + 0.5·g)·0.25
     * m   // [-0.75, 0]:  0.5·m + 0.5·g
     * }</pre>
     *
     * @throws IllegalArgumentException as {@link #sgdUpdate}, and if m is null
     */
    public static void lionUpdate(Tensor w, Tensor g, Tensor m, float lr, float beta1, float c1, float beta2,
                                  float c2) {
        OptimizerUpdates.lion(w, g, m, lr, beta1, c1, beta2, c2);
    }

    /**
     * One fused Keras Adadelta step on {@code w} and its slots {@code eg} (accumulated squared gradient) and
     * {@code ex} (accumulated squared delta); the formula is {@link Backend#adadeltaUpdate}'s.
     *
     * @throws IllegalArgumentException as {@link #sgdUpdate}, and if eg or ex is null
     */
    public static void adadeltaUpdate(Tensor w, Tensor g, Tensor eg, Tensor ex, float lr, float rho,
                                      float oneMinusRho, float epsilon) {
        OptimizerUpdates.adadelta(w, g, eg, ex, lr, rho, oneMinusRho, epsilon);
    }

    /**
     * One fused Keras Ftrl step on {@code w}, its accumulator {@code n} and its linear slot {@code z}; the
     * formula is {@link Backend#ftrlUpdate}'s, with {@code power = −learning_rate_power},
     * {@code twoL2 = 2·(l2 + β/(2·lr))} and {@code twoShrinkage = 2·l2_shrinkage}.
     *
     * @throws IllegalArgumentException as {@link #sgdUpdate}, and if n or z is null
     */
    public static void ftrlUpdate(Tensor w, Tensor g, Tensor n, Tensor z, float lr, float power, float l1,
                                  float twoL2, float twoShrinkage) {
        OptimizerUpdates.ftrl(w, g, n, z, lr, power, l1, twoL2, twoShrinkage);
    }

    /**
     * Decoupled weight decay in place: {@code this ← this − (this·weightDecay)·lr} ({@link Backend#decayWeights}).
     *
     * @throws IllegalArgumentException if this is not float32 or is a broadcast view
     */
    public Tensor decayWeightsi(float weightDecay, float lr) {
        OptimizerUpdates.decay(this, weightDecay, lr);
        return this;
    }

    private Tensor binaryInPlace(BinaryOp op, Tensor other) {
        requireFloat(name(op));
        sameDevice(name(op), other);
        backend.binary(op, this, other.broadcastForOut(name(op), shape), this);
        return this;
    }

    private Tensor broadcastForOut(String op, Shape target) {
        if (!shape.broadcastsTo(target)) {
            throw new IllegalArgumentException(op + ": shape " + shape + " cannot be broadcast to the output shape " + target);
        }
        return broadcastTo(target);
    }

    // ------------------------------------------------------------------ elementwise

    /** Applies a unary op into a new tensor ({@code alpha}, {@code beta}: the op's parameters, see {@link UnaryOp}). */
    public Tensor unary(UnaryOp op, float alpha, float beta) {
        return unary(op, alpha, beta, uninitialized(DType.FLOAT32, shape, device()));
    }

    /** Applies a unary op into {@code out} (same shape; may be this tensor). */
    public Tensor unary(UnaryOp op, float alpha, float beta, Tensor out) {
        requireFloat(name(op));
        checkOut(name(op), out, shape);
        backend.unary(op, this, alpha, beta, out);
        return out;
    }

    private Tensor unary(UnaryOp op) {
        return unary(op, 0f, 0f);
    }

    public Tensor neg() { return unary(UnaryOp.NEG); }
    public Tensor abs() { return unary(UnaryOp.ABS); }
    public Tensor sign() { return unary(UnaryOp.SIGN); }
    public Tensor exp() { return unary(UnaryOp.EXP); }
    public Tensor log() { return unary(UnaryOp.LOG); }
    public Tensor sqrt() { return unary(UnaryOp.SQRT); }
    public Tensor rsqrt() { return unary(UnaryOp.RSQRT); }
    public Tensor square() { return unary(UnaryOp.SQUARE); }
    public Tensor reciprocal() { return unary(UnaryOp.RECIPROCAL); }
    public Tensor tanh() { return unary(UnaryOp.TANH); }
    public Tensor sigmoid() { return unary(UnaryOp.SIGMOID); }
    /** max(x, 0), with relu'(0) = 0 (TensorFlow/Keras convention). */
    public Tensor relu() { return unary(UnaryOp.RELU); }
    public Tensor leakyRelu(float alpha) { return unary(UnaryOp.LEAKY_RELU, alpha, 0f); }
    public Tensor elu(float alpha) { return unary(UnaryOp.ELU, alpha, 0f); }
    public Tensor selu() { return unary(UnaryOp.SELU); }
    public Tensor softplus() { return unary(UnaryOp.SOFTPLUS); }
    public Tensor softsign() { return unary(UnaryOp.SOFTSIGN); }
    public Tensor silu() { return unary(UnaryOp.SILU); }
    /** GELU; {@code approximate} selects the tanh form (Keras's {@code approximate=True}). */
    public Tensor gelu(boolean approximate) { return unary(approximate ? UnaryOp.GELU_TANH : UnaryOp.GELU); }
    public Tensor mish() { return unary(UnaryOp.MISH); }
    public Tensor hardSigmoid() { return unary(UnaryOp.HARD_SIGMOID); }
    public Tensor hardSilu() { return unary(UnaryOp.HARD_SILU); }
    public Tensor erf() { return unary(UnaryOp.ERF); }

    /** Limits every element to [lo, hi]. */
    public Tensor clip(float lo, float hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clip: lo must be <= hi, got lo=" + lo + " hi=" + hi);
        }
        return unary(UnaryOp.CLIP, lo, hi);
    }

    public Tensor add(float s) { return unary(UnaryOp.ADD_SCALAR, s, 0f); }
    public Tensor sub(float s) { return unary(UnaryOp.ADD_SCALAR, -s, 0f); }
    public Tensor mul(float s) { return unary(UnaryOp.MUL_SCALAR, s, 0f); }
    public Tensor div(float s) { return binary(BinaryOp.DIV, scalarLike(s)); }
    public Tensor pow(float s) { return unary(UnaryOp.POW_SCALAR, s, 0f); }

    /** A rank-0 tensor on this tensor's device. */
    public Tensor scalarLike(float value) {
        // one fill, not a zero fill and then another (each is a launch on a GPU)
        return value == 0f ? zeros(DType.FLOAT32, Shape.of(), device())
                : uninitialized(DType.FLOAT32, Shape.of(), device()).fill(value);
    }

    public Tensor add(Tensor o) { return binary(BinaryOp.ADD, o); }
    public Tensor sub(Tensor o) { return binary(BinaryOp.SUB, o); }
    public Tensor mul(Tensor o) { return binary(BinaryOp.MUL, o); }
    public Tensor div(Tensor o) { return binary(BinaryOp.DIV, o); }
    public Tensor pow(Tensor o) { return binary(BinaryOp.POW, o); }
    public Tensor maximum(Tensor o) { return binary(BinaryOp.MAXIMUM, o); }
    public Tensor minimum(Tensor o) { return binary(BinaryOp.MINIMUM, o); }
    public Tensor eq(Tensor o) { return binary(BinaryOp.EQ, o); }
    public Tensor ne(Tensor o) { return binary(BinaryOp.NE, o); }
    public Tensor lt(Tensor o) { return binary(BinaryOp.LT, o); }
    public Tensor le(Tensor o) { return binary(BinaryOp.LE, o); }
    public Tensor gt(Tensor o) { return binary(BinaryOp.GT, o); }
    public Tensor ge(Tensor o) { return binary(BinaryOp.GE, o); }

    /** {@code this op other} with NumPy broadcasting, into a new tensor. */
    public Tensor binary(BinaryOp op, Tensor other) {
        Shape s = Shape.broadcast(name(op), shape, other.shape);
        return binary(op, other, uninitialized(DType.FLOAT32, s, device()));
    }

    /** {@code this op other} into {@code out}, whose shape must be the broadcast shape. */
    public Tensor binary(BinaryOp op, Tensor other, Tensor out) {
        String name = name(op);
        requireFloat(name);
        other.requireFloat(name);
        sameDevice(name, other);
        Shape s = Shape.broadcast(name, shape, other.shape);
        checkOut(name, out, s);
        backend.binary(op, broadcastTo(s), other.broadcastTo(s), out);
        return out;
    }

    /** Elementwise {@code cond != 0 ? a : b}, all three broadcast together. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        a.requireFloat("where");
        b.requireFloat("where");
        cond.requireFloat("where");
        a.sameDevice("where", b);
        a.sameDevice("where", cond);
        Shape s = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
        Tensor out = uninitialized(DType.FLOAT32, s, a.device());
        a.backend.where(cond.broadcastTo(s), a.broadcastTo(s), b.broadcastTo(s), out);
        return out;
    }

    /** Fused {@code act(this + bias)}, bias broadcast over the leading axes (Dense's output). */
    public Tensor biasActivation(Tensor bias, UnaryOp act, float alpha) {
        requireFloat("biasActivation");
        bias.requireFloat("biasActivation");
        sameDevice("biasActivation", bias);
        if (rank() < 1 || bias.rank() != 1 || bias.size() != shape.last()) {
            throw new IllegalArgumentException("biasActivation: bias of shape " + bias.shape
                    + " does not match the last dimension of " + shape);
        }
        Tensor out = uninitialized(DType.FLOAT32, shape, device());
        backend.biasActivation(this, bias, act, alpha, out);
        return out;
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements (rank 0). */
    public Tensor sum() {
        return reduce(ReduceOp.SUM, allAxes(), false);
    }

    /** Sum along axes. */
    public Tensor sum(int[] axes, boolean keepdims) {
        return reduce(ReduceOp.SUM, axes, keepdims);
    }

    /** Sum along one axis. */
    public Tensor sum(int axis, boolean keepdims) {
        return reduce(ReduceOp.SUM, new int[] {axis}, keepdims);
    }

    /** Mean of all elements (rank 0). */
    public Tensor mean() {
        return reduce(ReduceOp.MEAN, allAxes(), false);
    }

    /** Mean along axes. */
    public Tensor mean(int[] axes, boolean keepdims) {
        return reduce(ReduceOp.MEAN, axes, keepdims);
    }

    /** Max along axes. */
    public Tensor max(int[] axes, boolean keepdims) {
        return reduce(ReduceOp.MAX, axes, keepdims);
    }

    /** Max of all elements. */
    public Tensor max() {
        return reduce(ReduceOp.MAX, allAxes(), false);
    }

    /** Min along axes. */
    public Tensor min(int[] axes, boolean keepdims) {
        return reduce(ReduceOp.MIN, axes, keepdims);
    }

    /** Min of all elements. */
    public Tensor min() {
        return reduce(ReduceOp.MIN, allAxes(), false);
    }

    /** Population variance along axes (NumPy's default ddof=0, as Keras). */
    public Tensor var(int[] axes, boolean keepdims) {
        Tensor centred = sub(mean(axes, true));
        return centred.square().mean(axes, keepdims);
    }

    /** Reduces along the given axes (empty array: no axes, a copy). */
    public Tensor reduce(ReduceOp op, int[] axes, boolean keepdims) {
        requireFloat(op.name().toLowerCase());
        boolean[] reduced = axisMask(op.name().toLowerCase(), axes);
        int[] kd = shape.dims();
        for (int i = 0; i < kd.length; i++) {
            if (reduced[i]) {
                if (kd[i] == 0 && (op == ReduceOp.MAX || op == ReduceOp.MIN)) {
                    throw new IllegalArgumentException(op.name().toLowerCase() + ": cannot reduce axis " + i
                            + " of size 0 (shape " + shape + ")");
                }
                kd[i] = 1;
            }
        }
        if (size() == 0 && op == ReduceOp.SUM) {
            Tensor zero = zeros(DType.FLOAT32, Shape.of(kd), device());
            return keepdims ? zero : zero.dropAxes(reduced);
        }
        Tensor out = uninitialized(DType.FLOAT32, Shape.of(kd), device()); // the reduction writes every element
        backend.reduce(op, this, out);
        return keepdims ? out : out.dropAxes(reduced);
    }

    /** Sums this tensor down to {@code target}, a shape it was broadcast from (the adjoint of broadcasting). */
    public Tensor sumTo(Shape target) {
        if (target.equals(shape)) {
            return this;
        }
        if (!target.broadcastsTo(shape)) {
            throw new IllegalArgumentException("sumTo: shape " + target + " does not broadcast to " + shape);
        }
        int shift = rank() - target.rank();
        int[] kd = new int[rank()];
        for (int i = 0; i < rank(); i++) {
            kd[i] = i < shift ? 1 : target.dim(i - shift);
        }
        if (size() == 0) {
            return zeros(DType.FLOAT32, target, device());
        }
        Tensor out = uninitialized(DType.FLOAT32, Shape.of(kd), device()); // the sum writes every element
        backend.reduce(ReduceOp.SUM, this, out);
        return out.reshape(target);
    }

    /** Index of the largest element along an axis (int32; first occurrence wins). */
    public Tensor argmax(int axis) {
        return argReduce(true, axis);
    }

    /** Index of the smallest element along an axis (int32; first occurrence wins). */
    public Tensor argmin(int axis) {
        return argReduce(false, axis);
    }

    /**
     * 1 where the argmax along the last axis equals the label, else 0 (float32, this shape without its last axis):
     * {@code labels.toFloat().eq(argmax(-1).toFloat())} in one operation. Labels are int32 or float32 class ids.
     */
    public Tensor argmaxMatches(Tensor labels) {
        requireFloat("argmaxMatches");
        sameDevice("argmaxMatches", labels);
        if (rank() < 1 || shape.last() == 0
                || !labels.shape.equals(Shape.of(Arrays.copyOf(shape.dims(), rank() - 1)))) {
            throw new IllegalArgumentException("argmaxMatches: labels must have the shape of the predictions " + shape
                    + " without their last, non-empty axis; got " + labels.shape);
        }
        Tensor out = uninitialized(DType.FLOAT32, labels.shape, device());
        backend.argmaxMatches(this, labels, out);
        return out;
    }

    private Tensor argReduce(boolean max, int axis) {
        String op = max ? "argmax" : "argmin";
        requireFloat(op);
        int a = shape.axis(axis);
        if (shape.dim(a) == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " has size 0 (shape " + shape + ")");
        }
        Tensor out = uninitialized(DType.INT32, shape.with(a, 1), device());
        backend.argReduce(max, this, a, out);
        return out.squeeze(a);
    }

    private int[] allAxes() {
        int[] a = new int[rank()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }

    private boolean[] axisMask(String op, int[] axes) {
        boolean[] m = new boolean[rank()];
        for (int ax : axes) {
            int a;
            try {
                a = shape.axis(ax);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(op + ": " + e.getMessage());
            }
            if (m[a]) {
                throw new IllegalArgumentException(op + ": axis " + ax + " given twice in " + Arrays.toString(axes));
            }
            m[a] = true;
        }
        return m;
    }

    private Tensor dropAxes(boolean[] drop) {
        int keep = 0;
        for (boolean d : drop) {
            keep += d ? 0 : 1;
        }
        int[] nd = new int[keep];
        int[] ns = new int[keep];
        for (int i = 0, j = 0; i < drop.length; i++) {
            if (!drop[i]) {
                nd[j] = shape.dim(i);
                ns[j++] = strides[i];
            }
        }
        return view(Shape.of(nd), ns, offset);
    }

    // ------------------------------------------------------------------ linear algebra, nn primitives, indexing

    /** Matrix product with NumPy semantics (1-D operands, broadcast batch dimensions). Transposed views are read in place. */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other);
    }

    /** {@code out = alpha · a @ b + beta · out}; a, b of rank ≥ 2 whose batch dims broadcast to out's. */
    public static Tensor matmul(Tensor a, Tensor b, float alpha, float beta, Tensor out) {
        return MatMul.into(a, b, alpha, beta, out);
    }

    /** Softmax along an axis. */
    public Tensor softmax(int axis) {
        return softmax(axis, false);
    }

    /** Log-softmax along an axis (stable: x - max - log Σ exp(x - max)). */
    public Tensor logSoftmax(int axis) {
        return softmax(axis, true);
    }

    private Tensor softmax(int axis, boolean log) {
        String op = log ? "logSoftmax" : "softmax";
        requireFloat(op);
        int a;
        try {
            a = shape.axis(axis);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage());
        }
        Tensor out = uninitialized(DType.FLOAT32, shape, device());
        backend.softmax(this, a, log, out);
        return out;
    }

    /**
     * The gradient of a softmax along {@code axis}, this being its output y and {@code g} the gradient of y:
     * {@code y · (g − Σ_axis g·y)}.
     */
    public Tensor softmaxBackward(Tensor g, int axis) {
        requireFloat("softmaxBackward");
        sameDevice("softmaxBackward", g);
        if (!g.shape.equals(shape)) {
            throw new IllegalArgumentException("softmaxBackward: the gradient's shape " + g.shape
                    + " differs from the softmax output's " + shape);
        }
        Tensor out = uninitialized(DType.FLOAT32, shape, device());
        backend.softmaxBackward(this, g.toFloat(), shape.axis(axis), out);
        return out;
    }

    /** Gathers slices along an axis: the result's shape is this shape with {@code axis} replaced by indices' shape. */
    public Tensor take(Tensor indices, int axis) {
        return Indexing.take(this, indices, axis, null);
    }

    /** {@link #take(Tensor, int)} into {@code out} (of the result's shape and this dtype); returns out. */
    public Tensor take(Tensor indices, int axis, Tensor out) {
        if (out == null) {
            throw new IllegalArgumentException("take: out is null");
        }
        return Indexing.take(this, indices, axis, out);
    }

    /**
     * The adjoint of {@link #take}: adds {@code src} into this tensor at {@code indices} along an axis
     * ({@code this[.., indices[j], ..] += src[.., j, ..]}, repeated indices accumulate); returns this.
     */
    public Tensor indexAddi(int axis, Tensor indices, Tensor src) {
        return Indexing.indexAdd(this, axis, indices, src);
    }

    /** One-hot encodes int32 class indices into float32 with a new last axis of size {@code depth}; out-of-range indices give all-zero rows. */
    public Tensor oneHot(int depth) {
        return Indexing.oneHot(this, depth);
    }

    /** Joins tensors along an existing axis. */
    public static Tensor concat(int axis, Tensor... parts) {
        return Joins.concat(axis, parts);
    }

    /** Joins tensors of equal shape along a new axis. */
    public static Tensor stack(int axis, Tensor... parts) {
        return Joins.stack(axis, parts);
    }

    /** Splits along an axis into views of the given sizes (which must add up to the axis size). */
    public Tensor[] split(int axis, int... sizes) {
        return Joins.split(this, axis, sizes);
    }

    // ------------------------------------------------------------------ checks and printing

    /** True when shapes match and every element is within {@code atol + rtol·|other|} (NaNs equal). */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!shape.equals(other.shape)) {
            return false;
        }
        float[] x = toFloatArray();
        float[] y = other.toFloatArray();
        for (int i = 0; i < x.length; i++) {
            boolean bothNaN = Float.isNaN(x[i]) && Float.isNaN(y[i]);
            if (!bothNaN && !(Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]))) {
                return false;
            }
        }
        return true;
    }

    void requireFloat(String op) {
        if (dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expects a float32 tensor, got " + dtype() + " of shape " + shape
                    + " (convert with toFloat())");
        }
    }

    void sameDevice(String op, Tensor other) {
        if (!device().equals(other.device())) {
            throw new IllegalArgumentException(op + ": tensors are on different devices: " + device() + " and "
                    + other.device() + " (move one with to(device))");
        }
    }

    static void checkOut(String op, Tensor out, Shape expected) {
        if (!out.shape.equals(expected)) {
            throw new IllegalArgumentException(op + ": out has shape " + out.shape + ", expected " + expected);
        }
        if (out.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": out must be float32, got " + out.dtype());
        }
        for (int s : out.strides) {
            if (s == 0 && out.size() > 1) {
                throw new IllegalArgumentException(op + ": out must not be a broadcast view (it has a stride of 0)");
            }
        }
    }

    // Op names for messages, computed once: lower-casing per call cost more than a small op itself.
    private static final String[] UNARY_NAMES = lower(UnaryOp.values());
    private static final String[] BINARY_NAMES = lower(BinaryOp.values());

    private static String[] lower(Enum<?>[] ops) {
        String[] out = new String[ops.length];
        for (Enum<?> op : ops) {
            out[op.ordinal()] = op.name().toLowerCase(java.util.Locale.ROOT);
        }
        return out;
    }

    private static String name(UnaryOp op) {
        return UNARY_NAMES[op.ordinal()];
    }

    private static String name(BinaryOp op) {
        return BINARY_NAMES[op.ordinal()];
    }

    /** NumPy-style text: {@code [[1. 2.]\n [3. 4.]]}, summarised with "..." beyond 1000 elements. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
