#!/usr/bin/env bash
# Creates bench/.venv, the Python environment of the MLP baselines (bench/mlp_torch.py,
# bench/mlp_keras.py): PyTorch CPU and Keras 3 on JAX, pinned to the versions design.md names.
# Installs from pip's configured index only (`pip config list`: a local wheel index on the build
# machines) and never retries, so an offline machine fails in seconds rather than minutes.
# Idempotent: an existing venv that already imports the pinned versions is kept.
#
#   bench/venv.sh          # prints the venv's python on success; exits non-zero with the reason
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
venv=$here/.venv
py=$venv/bin/python

check='import torch, jax, keras; assert torch.__version__ == "2.13.0+cpu", torch.__version__; assert keras.__version__ == "3.15.1", keras.__version__; assert jax.__version__ == "0.10.2", jax.__version__'
if [[ -x $py ]] && KERAS_BACKEND=jax "$py" -c "$check" >/dev/null 2>&1; then
    echo "$py"
    exit 0
fi

python=${PYTHON:-python3}
rm -rf "$venv"
"$python" -m venv "$venv" >&2
"$py" -m pip install -q --retries 0 \
    'torch==2.13.0+cpu' 'keras==3.15.1' 'jax==0.10.2' 'jaxlib==0.10.2' numpy >&2
KERAS_BACKEND=jax "$py" -c "$check" >&2
echo "$py"
