"""Default configs and string-identifier resolution of Keras 3 initializers, for InitializersTest.

    KERAS_BACKEND=jax kerasenv/bin/python src/test/python/golden_initializers.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402

NAMES = ["zeros", "zero", "ones", "one", "constant", "random_normal", "normal", "random_uniform", "uniform",
         "truncated_normal", "variance_scaling", "glorot_uniform", "glorot_normal", "he_uniform", "he_normal",
         "lecun_uniform", "lecun_normal", "orthogonal", "identity", "GlorotUniform", "HeNormal", "Zeros"]
out = {}
for n in NAMES:
    try:
        init = keras.initializers.get(n)
        out[n] = {"class_name": type(init).__name__, "config": init.get_config()}
    except Exception as e:  # Keras 3.15.1 cannot get_config() a Constant made from the bare string
        out[n] = {"error": type(e).__name__ + ": " + str(e)}
path = os.path.join("src", "test", "resources", "golden", "initializers.json")
with open(path, "w") as f:
    json.dump({"keras_version": keras.__version__, "identifiers": out}, f, indent=1)
print("wrote", path)
