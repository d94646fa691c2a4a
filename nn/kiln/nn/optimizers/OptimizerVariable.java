package kiln.nn.optimizers;

import kiln.tensor.Tensor;

/**
 * One piece of optimizer state as Keras lists it in {@code optimizer.variables}: its name
 * ({@code "dense_kernel_momentum"}), its path ({@code "adam/dense_kernel_momentum"}) and its value.
 * Values are the optimizer's live tensors, except {@code iteration}, which is a snapshot
 * (restore it with {@link Optimizer#assignVariables}). {@code learning_rate} is live but read through a
 * host copy: change it with {@link Optimizer#setLearningRate(float)} or {@link Optimizer#assignVariables},
 * not by writing into the tensor.
 */
public record OptimizerVariable(String name, String path, Tensor value) {}
