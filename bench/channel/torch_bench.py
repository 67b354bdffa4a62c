"""PyTorch twin of ChannelBench: the same conditional MLP denoiser (MlpDenoiserBlock), the same DDIM-10
chain (zero-terminal-SNR cosine, T = 100, v-prediction, trailing spacing) and the same autoencoder (one-hot(16) ->
16 -> ELU -> 16 -> ELU -> 7 -> power norm; 7 -> 16 -> ELU -> 16 -> ELU -> 16) with Adam and global-norm clipping.
Prints one "key value" line per measurement, read by run.sh.

Usage: torch_bench.py THREADS [seconds-per-measurement]
"""
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
budget = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
torch.set_num_threads(threads)
torch.manual_seed(0)
N, M, HIDDEN, TE, T = 7, 16, 128, 64, 100


class MlpDenoiser(nn.Module):
    """io.diffusion4j.model.nn.MlpDenoiserBlock: x (B, d), t (B), c (B, d) -> (B, d)."""

    def __init__(self, d, cond, hidden, te):
        super().__init__()
        self.te = te
        self.time_in, self.time_out = nn.Linear(te, te), nn.Linear(te, te)
        self.input = nn.Linear(d + cond, hidden[0])
        self.norms = nn.ModuleList(nn.LayerNorm(h) for h in hidden)
        self.fa = nn.ModuleList(nn.Linear(h, h) for h in hidden)
        self.temb = nn.ModuleList(nn.Linear(te, h) for h in hidden)
        self.fb = nn.ModuleList(nn.Linear(h, h) for h in hidden)
        self.output = nn.Linear(hidden[-1], d)

    def forward(self, x, t, c):
        half = self.te // 2
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
        args = t.reshape(-1, 1) * freqs.reshape(1, half)
        emb = torch.cat([args.sin(), args.cos()], 1)
        emb = F.silu(self.time_out(F.silu(self.time_in(emb))))
        h = self.input(torch.cat([x, c], 1))
        for ln, fa, tp, fb in zip(self.norms, self.fa, self.temb, self.fb):
            r = fa(F.silu(ln(h)))
            r = r + tp(emb)
            h = h + fb(F.silu(r))
        return self.output(F.silu(h))


def zero_terminal_cosine(T):
    f = lambda t: math.cos((t / T + 0.008) / 1.008 * math.pi / 2) ** 2
    ab = [1.0]
    for t in range(1, T + 1):
        ab.append(ab[-1] * (1 - min(1 - f(t) / f(t - 1), 0.999)))
    first, last = math.sqrt(ab[1]), math.sqrt(ab[T])
    return [1.0] + [((math.sqrt(ab[t]) - last) * first / (first - last)) ** 2 for t in range(1, T + 1)]


AB = zero_terminal_cosine(T)
TAU = [T - round(T * i / 10) for i in range(10)]  # trailing spacing, from T down


def ddim(net, c):
    y = torch.randn_like(c)
    levels = TAU + [0]
    for t, s in zip(levels[:-1], levels[1:]):
        a, sg = math.sqrt(AB[t]), math.sqrt(1 - AB[t])
        a_s, sg_s = math.sqrt(AB[s]), math.sqrt(max(0.0, 1 - AB[s]))
        v = net(y, torch.full((y.shape[0],), float(t)), c)
        x0 = (y * a - v * sg) / (a * a + sg * sg)
        eps = (y * sg + v * a) / (a * a + sg * sg)
        y = x0 * a_s + eps * sg_s
    return y


def mlp(width, out):
    return nn.Sequential(nn.Linear(width, width), nn.ELU(), nn.Linear(width, width), nn.ELU(), nn.Linear(width, out))


class Autoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = mlp(M, N)
        self.dec = nn.Sequential(nn.Linear(N, M), nn.ELU(), nn.Linear(M, M), nn.ELU(), nn.Linear(M, M))

    def encode(self, onehot):
        x = self.enc(onehot)
        return x * math.sqrt(N) / (x.square().sum(1, keepdim=True) + 1e-12).sqrt()


def timed(fn, budget):
    fn()  # warm-up
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < budget or n < 3:
        fn()
        n += 1
    return (time.perf_counter() - t0) / n


net = MlpDenoiser(N, N, [HIDDEN] * 3, TE)
for p in net.parameters():
    p.requires_grad_(False)
for batch in (16, 256, 4096):
    c = torch.randn(batch, N)
    with torch.no_grad():
        sec = timed(lambda: ddim(net, c), budget)
    print(f"ddim10_samples_per_s_b{batch} {batch / sec:.1f}")

sigma = 1 / math.sqrt(2 * 4 / 7 * 10 ** 0.5)


def ae_step_fn(channel, batch):
    ae = Autoencoder()
    opt = torch.optim.Adam(ae.parameters(), lr=1e-3)

    def step():
        m = torch.randint(0, M, (batch,))
        onehot = F.one_hot(m, M).float()
        y = channel(ae.encode(onehot))
        loss = F.cross_entropy(ae.dec(y), m)
        opt.zero_grad()
        loss.backward()
        loss.item()
        torch.nn.utils.clip_grad_norm_(ae.parameters(), 1.0)
        opt.step()
    return step


awgn = lambda x: x + sigma * torch.randn_like(x)
print(f"ae_step_ms_awgn_b1000 {1e3 * timed(ae_step_fn(awgn, 1000), budget):.3f}")
print(f"ae_step_ms_ddim10_b256 {1e3 * timed(ae_step_fn(lambda x: ddim(net, x), 256), budget):.3f}")
