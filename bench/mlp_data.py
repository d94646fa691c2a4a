"""The data of the MLP baselines (mlp_torch.py, mlp_keras.py): the first 55,000 Fashion-MNIST training
images scaled to [0, 1] as float32 [55000, 28, 28], labels int32 [55000] -- what Kiln's side of
kiln.bench.MlpBench trains on. 'random' gives uniform pixels and labels of the same shapes. Also the
`result ...` line both scripts end with."""
import gzip
import os

import numpy as np

N = 55000


def _idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def _file(folder, name):
    for candidate in (name + ".gz", name):
        path = os.path.join(folder, candidate)
        if os.path.exists(path):
            return path
    raise SystemExit("mlp_data: no %s(.gz) in %s" % (name, folder))


def load(data):
    if data == "random":
        rng = np.random.default_rng(1)
        return rng.random((N, 28, 28), dtype=np.float32), rng.integers(0, 10, N).astype(np.int32)
    x = _idx(_file(data, "train-images-idx3-ubyte"))[:N].astype(np.float32) / 255.0
    y = _idx(_file(data, "train-labels-idx1-ubyte"))[:N].astype(np.int32)
    return np.ascontiguousarray(x), y


def result(n, epoch_seconds, loss):
    """The line MlpBench reads: samples/s of epochs 2..n, the final loss, every epoch's seconds."""
    timed = sum(epoch_seconds[1:])
    return "result samples_per_s=%.1f timed_epochs=%d loss=%.4f epoch_s=%s" % (
        n * (len(epoch_seconds) - 1) / timed, len(epoch_seconds) - 1, loss,
        ",".join("%.3f" % t for t in epoch_seconds))
