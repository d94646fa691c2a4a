"""Golden values for FitLoopTest / CallbackOrderTest, from real Keras 3 (JAX backend).

Run: KERAS_BACKEND=jax /work/kerasenv/bin/python src/test/python/golden_fit.py
Writes src/test/resources/golden/fit_loop.json. Every model has fixed weights (set_weights), so
Kiln can rebuild the same model and compare values, not just structure.
"""
import json
import os

import numpy as np
import keras
from keras import layers

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "fit_loop.json")
golden = {"keras_version": keras.__version__, "backend": keras.backend.backend()}


def f(v):
    return float(v)


class Recorder(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.events = []

    def _rec(self, name, idx, logs):
        logs = logs or {}
        self.events.append({"hook": name, "index": idx,
                            "logs": {k: f(v) for k, v in logs.items() if k != "outputs"},
                            "keys": list(logs.keys())})

    def on_train_begin(self, logs=None): self._rec("on_train_begin", None, logs)
    def on_train_end(self, logs=None): self._rec("on_train_end", None, logs)
    def on_epoch_begin(self, e, logs=None): self._rec("on_epoch_begin", e, logs)
    def on_epoch_end(self, e, logs=None): self._rec("on_epoch_end", e, logs)
    def on_train_batch_begin(self, b, logs=None): self._rec("on_train_batch_begin", b, logs)
    def on_train_batch_end(self, b, logs=None): self._rec("on_train_batch_end", b, logs)
    def on_test_begin(self, logs=None): self._rec("on_test_begin", None, logs)
    def on_test_end(self, logs=None): self._rec("on_test_end", None, logs)
    def on_test_batch_begin(self, b, logs=None): self._rec("on_test_batch_begin", b, logs)
    def on_test_batch_end(self, b, logs=None): self._rec("on_test_batch_end", b, logs)
    def on_predict_begin(self, logs=None): self._rec("on_predict_begin", None, logs)
    def on_predict_end(self, logs=None): self._rec("on_predict_end", None, logs)
    def on_predict_batch_begin(self, b, logs=None): self._rec("on_predict_batch_begin", b, logs)
    def on_predict_batch_end(self, b, logs=None): self._rec("on_predict_batch_end", b, logs)


# ---- 1. callback order: sigmoid classifier, 12 train samples (batch 4), 6 validation, 2 epochs
def classifier():
    m = keras.Sequential([keras.Input((2,)), layers.Dense(1, activation="sigmoid")])
    m.set_weights([np.array([[0.5], [-0.3]], "float32"), np.array([0.1], "float32")])
    m.compile(optimizer=keras.optimizers.SGD(0.1), loss="binary_crossentropy", metrics=["accuracy"])
    return m


xs = (np.arange(24, dtype="float32").reshape(12, 2) % 7 - 3) / 2
ys = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0], "float32").reshape(12, 1)
xv = (np.arange(12, dtype="float32").reshape(6, 2) % 5 - 2) / 3
yv = np.array([1, 0, 1, 1, 0, 0], "float32").reshape(6, 1)
m = classifier()
rec = Recorder()
h = m.fit(xs, ys, batch_size=4, epochs=2, validation_data=(xv, yv), shuffle=False, verbose=0, callbacks=[rec])
golden["order"] = {"x": xs.ravel().tolist(), "y": ys.ravel().tolist(), "xv": xv.ravel().tolist(),
                   "yv": yv.ravel().tolist(), "events": rec.events,
                   "history": {k: v for k, v in h.history.items()}, "params": h.params}
rec2 = Recorder()
r = m.evaluate(xv, yv, batch_size=4, verbose=0, callbacks=[rec2])
golden["order"]["evaluate_events"] = rec2.events
golden["order"]["evaluate"] = r
rec3 = Recorder()
m.predict(xv, batch_size=4, verbose=0, callbacks=[rec3])
golden["order"]["predict_events"] = rec3.events


# ---- 2. stop_training at batch 1 of epoch 0 (3 epochs)
class StopAt(keras.callbacks.Callback):
    def on_train_batch_end(self, b, logs=None):
        if b == 1:
            self.model.stop_training = True


m = classifier()
rec = Recorder()
h = m.fit(xs, ys, batch_size=4, epochs=3, shuffle=False, verbose=0, callbacks=[StopAt(), rec])
golden["stop_batch"] = {"events": [e["hook"] + ("" if e["index"] is None else "(%d)" % e["index"]) for e in rec.events],
                        "history": h.history, "epoch": h.epoch}


# ---- 3. running mean, regularization, sample weights: per-sample loss x^2 (y = 0), lr 0
def identity_model(reg=None):
    m = keras.Sequential([keras.Input((1,)), layers.Dense(1, kernel_regularizer=reg)])
    m.set_weights([np.array([[1.0]], "float32"), np.array([0.0], "float32")])
    return m


x10 = np.arange(10, dtype="float32").reshape(10, 1)
z10 = np.zeros((10, 1), "float32")
vals = {}
m = identity_model(); m.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
vals["plain"] = m.fit(x10, z10, batch_size=4, shuffle=False, verbose=0).history["loss"]
vals["plain_evaluate"] = m.evaluate(x10, z10, batch_size=4, verbose=0)
m = identity_model(keras.regularizers.L2(0.1)); m.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
vals["l2"] = m.fit(x10, z10, batch_size=4, shuffle=False, verbose=0).history["loss"]
vals["l2_evaluate"] = m.evaluate(x10, z10, batch_size=4, verbose=0)
sw = np.array([1, 2, 0, 1, 1, 1, 3, 1, 1, 0.5], "float32")
m = identity_model(); m.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
vals["sample_weight"] = m.fit(x10, z10, batch_size=4, shuffle=False, sample_weight=sw, verbose=0).history["loss"]
vals["sample_weight_evaluate"] = m.evaluate(x10, z10, batch_size=4, sample_weight=sw, verbose=0)
vals["sample_weight_list"] = sw.tolist()

# ---- 4. class_weight with metrics vs weighted_metrics (§4.6)
ycw = np.array([0, 1, 0, 1, 0, 1, 0, 1, 1, 1], "float32").reshape(10, 1)
m = identity_model()
m.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse", metrics=["mae"], weighted_metrics=["mae"])
h = m.fit(x10, ycw, batch_size=4, shuffle=False, class_weight={0: 2.0, 1: 0.5}, verbose=0)
vals["class_weight"] = {"y": ycw.ravel().tolist(), "history": h.history, "keys": list(h.history.keys())}
vals["class_weight"]["evaluate"] = m.evaluate(x10, ycw, batch_size=4, verbose=0)
vals["class_weight"]["evaluate_dict"] = m.evaluate(x10, ycw, batch_size=4, verbose=0, return_dict=True)
vals["class_weight"]["train_on_batch"] = m.train_on_batch(x10, ycw, class_weight={0: 2.0, 1: 0.5})
vals["class_weight"]["test_on_batch"] = m.test_on_batch(x10, ycw)
vals["class_weight"]["test_on_batch_dict"] = m.test_on_batch(x10, ycw, return_dict=True)
golden["values"] = vals

# ---- 5. multi-output naming / order
inp = keras.Input((2,), name="inp")
main = layers.Dense(1, name="main_output")(inp)
aux = layers.Dense(1, name="aux_output")(inp)
mm = keras.Model(inp, [main, aux])
mm.set_weights([np.array([[1.0], [0.5]], "float32"), np.array([0.0], "float32"),
                np.array([[-0.5], [1.0]], "float32"), np.array([0.2], "float32")])
mm.compile(optimizer=keras.optimizers.SGD(0.0), loss=["mse", "mse"], loss_weights=[0.9, 0.1],
           metrics={"main_output": ["mae"], "aux_output": ["mse"]})
ym = (np.arange(6, dtype="float32").reshape(6, 1) / 3)
ya = (np.arange(6, dtype="float32")[::-1].copy().reshape(6, 1) / 2)
x6 = xs[:6]
hm = mm.fit(x6, [ym, ya], batch_size=4, shuffle=False, verbose=0, validation_data=(x6, [ym, ya]))
golden["multi"] = {"x": x6.ravel().tolist(), "y_main": ym.ravel().tolist(), "y_aux": ya.ravel().tolist(),
                   "keys": list(hm.history.keys()), "history": hm.history,
                   "evaluate": mm.evaluate(x6, [ym, ya], batch_size=4, verbose=0),
                   "evaluate_dict": mm.evaluate(x6, [ym, ya], batch_size=4, verbose=0, return_dict=True),
                   "train_on_batch": mm.train_on_batch(x6, [ym, ya]),
                   "test_on_batch": mm.test_on_batch(x6, [ym, ya])}
mm2 = keras.Model(inp, [main, aux])
mm2.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse",
            metrics={"main_output": ["mae"], "aux_output": ["mae"]},
            weighted_metrics={"main_output": ["mae"], "aux_output": ["mae"]})
h2 = mm2.fit(x6, [ym, ya], batch_size=4, verbose=0)
golden["multi"]["weighted_keys"] = list(h2.history.keys())
golden["multi"]["weighted_evaluate_len"] = len(mm2.evaluate(x6, [ym, ya], verbose=0))
mm3 = keras.Model(inp, [main, aux])
mm3.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
golden["multi"]["no_metrics_train_on_batch"] = mm3.train_on_batch(x6, [ym, ya])

with open(OUT, "w") as fh:
    json.dump(golden, fh, indent=1, default=lambda o: o.tolist() if hasattr(o, "tolist") else str(o))
print("wrote", OUT)
