"""Layer forward values from real Keras 3 for LayersGoldenTest (BatchNormalization in training and
inference with its moving statistics, LayerNormalization, Normalization.adapt, Rescaling, ReLU family).

    KERAS_BACKEND=jax kerasenv/bin/python src/test/python/golden_layers.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np  # noqa: E402
import keras  # noqa: E402

rng = np.random.default_rng(0)
x = rng.normal(size=(6, 4)).astype("float32") * 3 + 1
out = {"x": x.tolist()}

bn = keras.layers.BatchNormalization(momentum=0.9)
y_train = np.asarray(bn(x, training=True))
out["bn_train"] = y_train.tolist()
out["bn_moving_mean"] = np.asarray(bn.moving_mean).tolist()
out["bn_moving_variance"] = np.asarray(bn.moving_variance).tolist()
out["bn_infer"] = np.asarray(bn(x, training=False)).tolist()

ln = keras.layers.LayerNormalization()
out["ln"] = np.asarray(ln(x)).tolist()

norm = keras.layers.Normalization()
norm.adapt(x)
out["norm_mean"] = np.asarray(norm.mean).reshape(-1).tolist()
out["norm_variance"] = np.asarray(norm.variance).reshape(-1).tolist()
out["norm"] = np.asarray(norm(x)).tolist()

out["rescaling"] = np.asarray(keras.layers.Rescaling(1 / 255.0, offset=-1.0)(x)).tolist()
out["relu_layer"] = np.asarray(keras.layers.ReLU(max_value=2.0, negative_slope=0.1, threshold=0.5)(x)).tolist()
out["leaky_relu_layer"] = np.asarray(keras.layers.LeakyReLU()(x)).tolist()
out["elu_layer"] = np.asarray(keras.layers.ELU(alpha=0.5)(x)).tolist()
out["softmax_layer"] = np.asarray(keras.layers.Softmax()(x)).tolist()

path = os.path.join("src", "test", "resources", "golden", "layers.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
