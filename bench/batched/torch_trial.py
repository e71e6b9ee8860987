"""The GSTM TV-OvA trial of bench/batched in PyTorch, written independently of gemlab.

GSTM (the GEMINI paper, section 5.1): N = 5000 points in 2-D, three Gaussians N(alpha*c_k, I)
and one Student-t (df = 1) around the corners alpha*(+-1, +-1), alpha = 5. Model: MLP
2 -> 20 tanh -> 20 linear -> K = 4 softmax. Objective: TV one-vs-all,
(1 / 2N) sum_i sum_k |p_ik - pi_k| with p clipped to [eps, 1 - eps], maximised with Adam
(lr 1e-3, betas 0.9/0.999, eps 1e-8), batch 100, 100 epochs, a fresh shuffle per epoch.

Prints one JSON object: {"torch": version, "threads": n, "seconds": [per-trial wall time]}.
Usage: python3 torch_trial.py TRIALS [EPOCHS] (TORCH_THREADS sets torch's intra-op threads).
Exits with code 3 and a message when torch is not importable.
"""

import json
import os
import sys
import time

try:
    import torch
except ImportError as error:  # the bench reports torch's absence instead of failing
    print(f"torch is not importable: {error}", file=sys.stderr)
    sys.exit(3)

N, ALPHA, DF, K, BATCH, LR = 5000, 5.0, 1.0, 4, 100, 1e-3


def gstm(generator):
    labels = torch.randint(0, 4, (N,), generator=generator)
    corners = torch.tensor([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])
    z = torch.randn(N, 2, generator=generator)
    chi2 = torch.distributions.Chi2(torch.tensor(DF)).sample((N,))
    scale = torch.where(labels == 3, torch.sqrt(DF / chi2), torch.ones(N))
    return ALPHA * corners[labels] + scale.unsqueeze(1) * z


def tv_ova(p, eps=1e-12):
    p = p.clamp(eps, 1 - eps)
    return (p - p.mean(0, keepdim=True)).abs().sum() / (2 * p.shape[0])


def trial(seed, epochs):
    generator = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    x = gstm(generator)
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 20), torch.nn.Tanh(), torch.nn.Linear(20, 20), torch.nn.Linear(20, K), torch.nn.Softmax(dim=1)
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=LR, betas=(0.9, 0.999), eps=1e-8)
    gemini = 0.0
    for _ in range(epochs):
        order = torch.randperm(N, generator=generator)
        total = 0.0
        for start in range(0, N, BATCH):
            batch = x[order[start : start + BATCH]]
            value = tv_ova(model(batch))
            optimizer.zero_grad()
            (-value).backward()
            optimizer.step()
            total += value.item() * batch.shape[0]
        gemini = total / N
    return gemini


def main():
    trials = int(sys.argv[1])
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    if os.environ.get("TORCH_THREADS"):
        torch.set_num_threads(int(os.environ["TORCH_THREADS"]))
    seconds, geminis = [], []
    for seed in range(trials):
        start = time.perf_counter()
        geminis.append(trial(seed, epochs))
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "seconds": seconds, "gemini": geminis}))


if __name__ == "__main__":
    main()
