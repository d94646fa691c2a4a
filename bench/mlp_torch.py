"""PyTorch CPU baseline of kiln.bench.MlpBench: the demo MLP (784-300-100-10, relu, softmax),
SGD 0.01, sparse categorical cross-entropy, 55,000 samples, as a plain training loop on 2 threads.

    python bench/mlp_torch.py --batch 32 --epochs 4 --data /usr/share/datasets/fashion-mnist
    python bench/mlp_torch.py --batch 32 --epochs 4 --data random

The last line is `result samples_per_s=... timed_epochs=... loss=... epoch_s=...`, with the
samples/s of epochs 2..n (the first warms up); run by MlpBench, which prints the report line.

With --device cuda (the gpu-mlp lines of kiln.bench.GpuBench) the model and the whole dataset live on
the GPU, batches are gathered there, and each epoch ends with torch.cuda.synchronize() before its time
is taken: PyTorch eager mode as a GPU user writes it for a dataset this small.

The loss is CrossEntropyLoss on the logits, which is how a PyTorch user writes softmax + sparse
categorical cross-entropy (one fused log-softmax); the shuffle and the batch gather are timed, as
Keras's and Kiln's fit do them inside the epoch.
"""
import argparse
import time

import mlp_data
import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", required=True, help="folder of the Fashion-MNIST IDX files, or 'random'")
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    a = p.parse_args()
    if a.epochs < 2:
        raise SystemExit("mlp_torch: expected --epochs >= 2 (the first is not timed), got %d" % a.epochs)

    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    x_np, y_np = mlp_data.load(a.data)
    device = torch.device(a.device)
    x = torch.from_numpy(x_np).reshape(len(x_np), -1).to(device)  # Flatten, done once as a user would
    y = torch.from_numpy(y_np.astype("int64")).to(device)
    n = len(x)

    model = torch.nn.Sequential(
        torch.nn.Linear(784, 300), torch.nn.ReLU(),
        torch.nn.Linear(300, 100), torch.nn.ReLU(),
        torch.nn.Linear(100, 10)).to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()

    seconds = []
    loss = None
    for epoch in range(a.epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(n, device=device)
        for i in range(0, n, a.batch):
            idx = perm[i:i + a.batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        seconds.append(time.perf_counter() - t0)
    print("# torch %s, threads=%d, device=%s" % (torch.__version__, torch.get_num_threads(), device))
    print(mlp_data.result(n, seconds, loss.item()))


if __name__ == "__main__":
    main()
