"""Keras 3 on JAX baseline of kiln.bench.MlpBench: the demo MLP (Flatten, Dense 300 relu, Dense 100
relu, Dense 10 softmax), SGD 0.01, sparse categorical cross-entropy, no metrics, 55,000 samples,
trained with fit(verbose=0, shuffle=True).

    python bench/mlp_keras.py --batch 32 --epochs 4 --data /usr/share/datasets/fashion-mnist

The last line is `result samples_per_s=... timed_epochs=... loss=... epoch_s=...`, with the
samples/s of epochs 2..n (the first compiles the step), timed from on_epoch_begin to on_epoch_end. XLA's CPU client uses
every core of the machine (2 here); it has no documented per-process thread setting.
"""
import argparse
import os
import time

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402  (the backend is chosen by the environment above)
import mlp_data  # noqa: E402


class EpochTimer(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.seconds = []
        self._t0 = 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self._t0 = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._t0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--data", required=True, help="folder of the Fashion-MNIST IDX files, or 'random'")
    a = p.parse_args()
    if a.epochs < 2:
        raise SystemExit("mlp_keras: expected --epochs >= 2 (the first is not timed), got %d" % a.epochs)

    keras.utils.set_random_seed(1)
    x, y = mlp_data.load(a.data)
    model = keras.Sequential([
        keras.Input((28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(300, activation="relu"),
        keras.layers.Dense(100, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="sparse_categorical_crossentropy")
    timer = EpochTimer()
    hist = model.fit(x, y, batch_size=a.batch, epochs=a.epochs, verbose=0, shuffle=True, callbacks=[timer])
    import jax
    print("# keras %s, jax %s, backend %s, devices %s"
          % (keras.__version__, jax.__version__, keras.backend.backend(), jax.devices()))
    print(mlp_data.result(len(x), timer.seconds, hist.history["loss"][-1]))


if __name__ == "__main__":
    main()
