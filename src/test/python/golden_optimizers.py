"""Golden optimizer trajectories from real Keras 3 for kiln.nn.optimizers tests.

Every case builds two weights, dense/kernel (3, 2) and dense/bias (2,), with fixed values, applies
five fixed gradient lists (a null entry = no gradient for that weight at that step) and records the
weights after each step, the optimizer's variable paths and final values, and its get_config().

Run from the repository root (writes src/test/resources/golden/optimizers.json):
    KERAS_BACKEND=jax kerasenv/bin/python src/test/python/golden_optimizers.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import optimizers as O  # noqa: E402
from keras.optimizers import schedules as S  # noqa: E402

KERNEL = np.array([[0.5, -0.3], [0.8, 0.1], [-0.6, 0.4]], dtype="float32")
BIAS = np.array([0.2, -0.1], dtype="float32")
rng = np.random.default_rng(1234)
GRADS = [
    [rng.normal(0, 1, (3, 2)).astype("float32"), rng.normal(0, 1, (2,)).astype("float32")]
    for _ in range(5)
]
GRADS[2][0] *= 5.0  # one large step so the clipping cases clip
STEPS = 5


class Dense(keras.layers.Layer):
    def __init__(self, kernel_constraint=None, **kw):
        super().__init__(name="dense", **kw)
        self.kernel_constraint = kernel_constraint

    def build(self, input_shape=None):
        self.kernel = self.add_weight(shape=(3, 2), name="kernel", initializer="zeros",
                                      constraint=self.kernel_constraint)
        self.bias = self.add_weight(shape=(2,), name="bias", initializer="zeros")


def run(opt, grads=GRADS, constraint=None, exclude=None, finalize=False):
    layer = Dense(kernel_constraint=constraint)
    layer.build()
    layer.kernel.assign(KERNEL)
    layer.bias.assign(BIAS)
    vs = [layer.kernel, layer.bias]
    config = opt.get_config()
    if exclude is not None:
        opt.exclude_from_weight_decay(var_names=exclude)
    traj = []
    lrs = []
    for step in range(STEPS):
        lrs.append(float(np.asarray(opt.learning_rate)))
        g = [None if x is None else keras.ops.convert_to_tensor(x) for x in grads[step]]
        opt.apply(g, vs)
        traj.append([np.asarray(v.value).tolist() for v in vs])
    case = {
        "class_name": type(opt).__name__,
        "config": config,
        "constraint": constraint,
        "exclude_from_weight_decay": exclude,
        "grads": [[None if x is None else x.tolist() for x in gs] for gs in grads[:STEPS]],
        "learning_rates": lrs,
        "trajectory": traj,
        "variable_paths": [v.path for v in opt.variables],
        "variable_values": [np.asarray(v.value).tolist() for v in opt.variables],
        "iterations": int(np.asarray(opt.iterations)),
    }
    if finalize:
        opt.finalize_variable_values(vs)
        case["finalized"] = [np.asarray(v.value).tolist() for v in vs]
    return case


def null_bias(step_list):
    out = [list(gs) for gs in step_list]
    out[1][1] = None
    out[3][1] = None
    return out


cases = [
    ("SGD", lambda: run(O.SGD(learning_rate=0.1))),
    ("SGD momentum", lambda: run(O.SGD(learning_rate=0.1, momentum=0.9))),
    ("SGD nesterov", lambda: run(O.SGD(learning_rate=0.1, momentum=0.9, nesterov=True))),
    ("SGD clipvalue", lambda: run(O.SGD(learning_rate=0.1, clipvalue=0.5))),
    ("SGD weight_decay", lambda: run(O.SGD(learning_rate=0.1, weight_decay=0.1))),
    ("SGD momentum accumulation", lambda: run(O.SGD(learning_rate=0.1, momentum=0.5,
                                                     gradient_accumulation_steps=2))),
    ("SGD momentum ema overwrite", lambda: run(O.SGD(learning_rate=0.1, momentum=0.9, use_ema=True,
                                                      ema_momentum=0.9, ema_overwrite_frequency=2))),
    ("SGD null gradients", lambda: run(O.SGD(learning_rate=0.1, momentum=0.9), grads=null_bias(GRADS))),
    ("SGD non_neg constraint", lambda: run(O.SGD(learning_rate=0.1), constraint="non_neg")),
    ("RMSprop", lambda: run(O.RMSprop(learning_rate=0.01))),
    ("RMSprop momentum", lambda: run(O.RMSprop(learning_rate=0.01, momentum=0.5))),
    ("RMSprop centered", lambda: run(O.RMSprop(learning_rate=0.01, centered=True))),
    ("RMSprop centered momentum", lambda: run(O.RMSprop(learning_rate=0.01, rho=0.8, momentum=0.3,
                                                         centered=True))),
    ("Adagrad", lambda: run(O.Adagrad(learning_rate=0.1))),
    ("Adadelta", lambda: run(O.Adadelta(learning_rate=1.0))),
    ("Adam", lambda: run(O.Adam(learning_rate=0.01))),
    ("Adam amsgrad", lambda: run(O.Adam(learning_rate=0.01, amsgrad=True))),
    ("Adam clipnorm", lambda: run(O.Adam(learning_rate=0.01, clipnorm=1.0))),
    ("Adam global_clipnorm", lambda: run(O.Adam(learning_rate=0.01, global_clipnorm=2.0))),
    ("Adam weight_decay", lambda: run(O.Adam(learning_rate=0.01, weight_decay=0.05))),
    ("Adam schedule", lambda: run(O.Adam(learning_rate=S.ExponentialDecay(0.05, decay_steps=2,
                                                                         decay_rate=0.5)))),
    ("Adam accumulation", lambda: run(O.Adam(learning_rate=0.01, gradient_accumulation_steps=2))),
    ("Adam ema", lambda: run(O.Adam(learning_rate=0.01, use_ema=True), finalize=True)),
    ("Adam ema accumulation", lambda: run(O.Adam(learning_rate=0.01, use_ema=True, ema_momentum=0.5,
                                                 gradient_accumulation_steps=2), finalize=True)),
    ("Adam loss scale", lambda: run(O.Adam(learning_rate=0.01, loss_scale_factor=8.0))),
    ("AdamW", lambda: run(O.AdamW(learning_rate=0.01))),
    ("AdamW exclude bias", lambda: run(O.AdamW(learning_rate=0.01, weight_decay=0.5), exclude=["bias"])),
    ("AdamW schedule amsgrad", lambda: run(O.AdamW(learning_rate=S.ExponentialDecay(0.02, 3, 0.7),
                                                   weight_decay=0.1, amsgrad=True))),
    ("Adamax", lambda: run(O.Adamax(learning_rate=0.01))),
    ("Nadam", lambda: run(O.Nadam(learning_rate=0.01))),
    ("Nadam accumulation", lambda: run(O.Nadam(learning_rate=0.01, gradient_accumulation_steps=2))),
    ("Lion", lambda: run(O.Lion(learning_rate=0.01))),
    ("Lion betas", lambda: run(O.Lion(learning_rate=0.01, beta_1=0.5, beta_2=0.9))),
    ("Ftrl", lambda: run(O.Ftrl(learning_rate=0.1))),
    ("Ftrl regularized", lambda: run(O.Ftrl(learning_rate=0.1, learning_rate_power=-0.7,
                                            initial_accumulator_value=0.2, l1_regularization_strength=0.01,
                                            l2_regularization_strength=0.02,
                                            l2_shrinkage_regularization_strength=0.03, beta=0.5))),
]

out = []
for label, make in cases:
    c = make()
    c["label"] = label
    out.append(c)

# Default configs (a fresh optimizer of each class, named explicitly) and string identifiers.
defaults = {}
for cls in [O.SGD, O.RMSprop, O.Adagrad, O.Adadelta, O.Adam, O.AdamW, O.Adamax, O.Nadam, O.Lion, O.Ftrl]:
    defaults[cls.__name__] = cls(name="probe").get_config()
identifiers = {s: type(O.get(s)).__name__ for s in
               ["adam", "Adam", "ADAM", "sgd", "SGD", "rmsprop", "RMSprop", "adagrad", "adadelta", "adamw",
                "AdamW", "adamax", "nadam", "ftrl", "lion"]}

path = os.path.join("src", "test", "resources", "golden", "optimizers.json")
with open(path, "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": out, "default_configs": defaults,
               "identifiers": identifiers}, f, indent=1)
print("wrote", path, len(out), "cases")
