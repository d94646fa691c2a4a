package kiln.nn;

import kiln.autograd.Variable;
import kiln.nn.constraints.Constraint;
import kiln.nn.regularizers.Regularizer;
import kiln.tensor.Device;
import kiln.tensor.Tensor;

/**
 * A layer's weight (Keras {@code keras.Variable} as made by {@code Layer.add_weight}): an autograd
 * {@link Variable} plus what Keras attaches to it — a name ({@code "kernel"}), a path
 * ({@code "dense/kernel"}), whether it is trainable, and an optional regularizer and constraint.
 * Optimizers update {@link #value()} in place; the constraint is applied after every update.
 */
public final class Weight {
    private final String name;
    private String path;
    private Variable variable; // replaced by moveTo
    private boolean trainable;
    private final Regularizer regularizer;
    private final Constraint constraint;

    public Weight(String name, Tensor initial, boolean trainable, Regularizer regularizer, Constraint constraint) {
        this.name = name;
        this.path = name;
        this.trainable = trainable;
        this.regularizer = regularizer;
        this.constraint = constraint;
        this.variable = new Variable(initial, trainable, name);
    }

    /** A trainable weight without regularizer or constraint. */
    public Weight(String name, Tensor initial) {
        this(name, initial, true, null, null);
    }

    /** The short name, e.g. "kernel". */
    public String name() {
        return name;
    }

    /** The full path, e.g. "dense/kernel" (Keras {@code variable.path}). */
    public String path() {
        return path;
    }

    /** Sets the path once the owning layer is named. */
    public void setPath(String path) {
        this.path = path;
    }

    /** The autograd variable layers compute with. */
    public Variable variable() {
        return variable;
    }

    /** The current value (updated in place by optimizers). */
    public Tensor value() {
        return variable.value();
    }

    /** The gradient from the last backward pass, or null. */
    public Tensor grad() {
        return variable.grad();
    }

    public boolean trainable() {
        return trainable;
    }

    /** Freezes or unfreezes the weight: a frozen weight gets no gradient. */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
        variable.setRequiresGrad(trainable);
    }

    /** The penalty added to the training loss, or null. */
    public Regularizer regularizer() {
        return regularizer;
    }

    /** The projection applied after each optimizer update, or null. */
    public Constraint constraint() {
        return constraint;
    }

    /**
     * Moves the value to a device: from then on the weight computes with a copy there (same
     * trainable flag, no gradient). Nothing happens when the value is already there.
     */
    public void moveTo(Device device) {
        if (!value().device().equals(device)) {
            variable = new Variable(value().to(device), trainable, name);
        }
    }

    /** Copies a value of the same shape into this weight. */
    public void assign(Tensor value) {
        if (!value.shape().equals(value().shape())) {
            throw new IllegalArgumentException("Weight '" + path + "': cannot assign a value of shape " + value.shape()
                    + " to a weight of shape " + value().shape());
        }
        value().copyFrom(value);
    }

    @Override
    public String toString() {
        return "<Weight path=" + path + ", shape=" + value().shape() + ", trainable=" + trainable + ">";
    }
}
