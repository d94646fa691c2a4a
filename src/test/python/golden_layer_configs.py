"""Layer get_config() dictionaries from real Keras 3 for LayerConfigsTest: every Kiln layer class
with default and with non-default arguments (auto-names taken after clear_session, as Kiln's
Naming.clearSession()).

    KERAS_BACKEND=jax kerasenv/bin/python src/test/python/golden_layer_configs.py
"""
import json
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
from keras import constraints as C  # noqa: E402
from keras import initializers as I  # noqa: E402
from keras import layers as L  # noqa: E402
from keras import regularizers as R  # noqa: E402

warnings.filterwarnings("ignore")

# id -> (factory, shape to build with or None); the Java test has the same ids.
CASES = {
    "input_layer": (lambda: L.InputLayer(shape=(3,)), None),
    "input_layer_named": (lambda: L.InputLayer(batch_shape=(None, 4, 5), name="pixels"), None),
    "dense": (lambda: L.Dense(3), None),
    "dense_full": (lambda: L.Dense(4, activation="relu", use_bias=False, kernel_initializer="he_normal",
                                   bias_initializer=I.Constant(0.5), kernel_regularizer=R.L2(0.01),
                                   bias_regularizer=R.L1(0.02), kernel_constraint=C.MaxNorm(2),
                                   bias_constraint=C.NonNeg(), name="d", trainable=False), None),
    "dense_built": (lambda: L.Dense(2, activation="softmax"), (None, 5)),
    "activation": (lambda: L.Activation("relu"), None),
    "activation_softmax": (lambda: L.Activation("softmax", name="probs"), None),
    "flatten": (lambda: L.Flatten(), None),
    "flatten_channels_first": (lambda: L.Flatten(data_format="channels_first"), None),
    "reshape": (lambda: L.Reshape((2, -1)), None),
    "reshape_3d": (lambda: L.Reshape((2, 3, 2), name="r"), None),
    "dropout": (lambda: L.Dropout(0.5), None),
    "dropout_full": (lambda: L.Dropout(0.25, noise_shape=(None, 1, 3), seed=3), None),
    "batch_normalization": (lambda: L.BatchNormalization(), None),
    "batch_normalization_full": (lambda: L.BatchNormalization(
        axis=1, momentum=0.9, epsilon=1e-5, center=False, scale=True, beta_initializer="ones",
        gamma_initializer=I.Constant(2.0), moving_mean_initializer="ones", moving_variance_initializer=I.Constant(3.0),
        beta_regularizer=R.L1(0.1), gamma_regularizer=R.L2(0.01), beta_constraint=C.NonNeg(),
        gamma_constraint=C.MaxNorm(3), renorm_momentum=0.9), None),
    "layer_normalization": (lambda: L.LayerNormalization(), None),
    "layer_normalization_built": (lambda: L.LayerNormalization(), (None, 3)),
    "layer_normalization_full": (lambda: L.LayerNormalization(
        axis=[2, 1], epsilon=1e-5, center=False, scale=True, rms_scaling=True, gamma_initializer="zeros",
        beta_initializer=I.Constant(1.0), gamma_regularizer=R.L2(0.01), beta_constraint=C.NonNeg()), None),
    "normalization": (lambda: L.Normalization(), None),
    "normalization_values": (lambda: L.Normalization(mean=[1.0, 2.0, 3.0], variance=[4.0, 5.0, 6.0]), None),
    "normalization_invert": (lambda: L.Normalization(axis=1, invert=True), None),
    "rescaling": (lambda: L.Rescaling(1 / 255.0), None),
    "rescaling_offset": (lambda: L.Rescaling(2.0, offset=-1.0, name="rs"), None),
    "concatenate": (lambda: L.Concatenate(), None),
    "concatenate_axis1": (lambda: L.Concatenate(axis=1), None),
    "add": (lambda: L.Add(), None),
    "subtract": (lambda: L.Subtract(), None),
    "multiply": (lambda: L.Multiply(), None),
    "average": (lambda: L.Average(), None),
    "maximum": (lambda: L.Maximum(), None),
    "minimum": (lambda: L.Minimum(name="lo", trainable=False), None),
    "relu": (lambda: L.ReLU(), None),
    "relu_full": (lambda: L.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5), None),
    "leaky_relu": (lambda: L.LeakyReLU(), None),
    "leaky_relu_full": (lambda: L.LeakyReLU(negative_slope=0.1), None),
    "elu": (lambda: L.ELU(), None),
    "elu_full": (lambda: L.ELU(alpha=0.5), None),
    "softmax": (lambda: L.Softmax(), None),
    "softmax_axis1": (lambda: L.Softmax(axis=1), None),
}

out = {}
for case, (factory, shape) in CASES.items():
    keras.backend.clear_session()
    layer = factory()
    if shape is not None:
        layer.build(shape)
    out[case] = {"class_name": type(layer).__name__, "config": layer.get_config()}

path = os.path.join("src", "test", "resources", "golden", "layer_configs.json")
with open(path, "w") as f:
    json.dump({"keras_version": keras.version(), "cases": out}, f, indent=1)
    f.write("\n")
print("wrote", path, len(out), "cases")
