"""Golden learning rates from real Keras 3 for kiln.nn.optimizers.schedules tests.

Run from the repository root (writes src/test/resources/golden/schedules.json):
    KERAS_BACKEND=jax kerasenv/bin/python src/test/python/golden_schedules.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
from keras.optimizers import schedules as S  # noqa: E402

CASES = [
    S.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5),
    S.ExponentialDecay(0.01, decay_steps=7, decay_rate=0.96, staircase=True),
    S.InverseTimeDecay(0.1, decay_steps=5, decay_rate=0.5),
    S.InverseTimeDecay(0.1, decay_steps=5, decay_rate=0.5, staircase=True),
    S.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]),
    S.PolynomialDecay(0.1, decay_steps=20),
    S.PolynomialDecay(0.1, decay_steps=20, end_learning_rate=0.01, power=0.5, cycle=True),
    S.CosineDecay(0.1, decay_steps=30),
    S.CosineDecay(0.1, decay_steps=30, alpha=0.1),
    S.CosineDecay(0.0, decay_steps=20, warmup_target=0.1, warmup_steps=10),
    S.CosineDecayRestarts(0.1, first_decay_steps=8),
    S.CosineDecayRestarts(0.1, first_decay_steps=8, t_mul=1.0, m_mul=0.5, alpha=0.05),
    S.CosineDecayRestarts(0.05, first_decay_steps=5, t_mul=3.0, m_mul=0.9),
]
STEPS = list(range(0, 61)) + [99, 100, 1000]

out = []
for s in CASES:
    out.append({
        "class_name": type(s).__name__,
        "config": s.get_config(),
        "steps": STEPS,
        "lr": [float(s(step)) for step in STEPS],
    })
path = os.path.join("src", "test", "resources", "golden", "schedules.json")
with open(path, "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": out}, f, indent=1)
print("wrote", path, len(out), "cases")
