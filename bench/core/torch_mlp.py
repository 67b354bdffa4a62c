"""PyTorch twin of diffusion4j's MLP denoiser and its training/sampling loops (bench/core). Not run in CI.

Same architecture, batch, optimiser, clipping, EMA and sampler as io.diffusion4j.bench.CoreBench; prints one JSON line.
Usage: /usr/bin/python3 torch_mlp.py THREADS [TRAIN_STEPS]
"""
import json, math, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
train_steps = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
torch.set_num_threads(threads)
torch.manual_seed(1)


def time_embedding(t, dim=64, max_period=10000.0):
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, dtype=torch.float32) / half)
    args = t.float()[:, None] * freqs[None]
    return torch.cat([args.sin(), args.cos()], dim=1)


class Block(nn.Module):
    def __init__(self, h, te):
        super().__init__()
        self.norm = nn.LayerNorm(h)
        self.fa = nn.Linear(h, h)
        self.temb = nn.Linear(te, h)
        self.fb = nn.Linear(h, h)

    def forward(self, h, emb):
        r = self.fa(F.silu(self.norm(h))) + self.temb(emb)
        return h + self.fb(F.silu(r))


class Mlp(nn.Module):
    def __init__(self, d=2, hidden=(128, 128, 128), te=64):
        super().__init__()
        self.te = te
        self.time_in = nn.Linear(te, te)
        self.time_out = nn.Linear(te, te)
        self.input = nn.Linear(d, hidden[0])
        self.blocks = nn.ModuleList([Block(h, te) for h in hidden])
        self.output = nn.Linear(hidden[-1], d)

    def forward(self, x, t):
        emb = F.silu(self.time_out(F.silu(self.time_in(time_embedding(t, self.te)))))
        h = self.input(x)
        for b in self.blocks:
            h = b(h, emb)
        return self.output(F.silu(h))


T = 1000
betas = torch.linspace(1e-4, 0.02, T, dtype=torch.float64)
alpha_bar = torch.cumprod(1 - betas, 0)
net = Mlp()
ema = [p.detach().clone() for p in net.parameters()]
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
angles = torch.arange(8) * 2 * math.pi / 8
centres = torch.stack([4 * angles.cos(), 4 * angles.sin()], 1)
data = centres[torch.randint(0, 8, (10000,))] + 0.5 * torch.randn(10000, 2)
data = (data - data.mean(0)) / data.std(0)


def train_step(k):
    idx = torch.randint(0, data.shape[0], (256,))
    x0 = data[idx]
    t = torch.randint(1, T + 1, (256,))
    ab = alpha_bar[t - 1].float()[:, None]
    eps = torch.randn_like(x0)
    xt = ab.sqrt() * x0 + (1 - ab).sqrt() * eps
    loss = F.mse_loss(net(xt, t), eps)
    opt.zero_grad(set_to_none=False)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
    for g in opt.param_groups:
        g["lr"] = 1e-3 * min(1.0, k / 100)
    opt.step()
    d = min(0.999, (1 + k) / (10 + k))
    with torch.no_grad():
        for e, p in zip(ema, net.parameters()):
            e.mul_(d).add_(p, alpha=1 - d)
    return loss.item()


for k in range(1, 101):
    train_step(k)
t0 = time.perf_counter()
for k in range(101, 101 + train_steps):
    train_step(k)
train_per_s = train_steps / (time.perf_counter() - t0)

taus = [round(1 + (T - 1) * i / 49) for i in range(50)][::-1]
best = float("inf")
with torch.no_grad():
    for rep in range(4):
        x = torch.randn(4000, 2)
        s0 = time.perf_counter()
        for i, t in enumerate(taus):
            a_t = alpha_bar[t - 1].item()
            a_s = alpha_bar[taus[i + 1] - 1].item() if i + 1 < len(taus) else 1.0
            eps = net(x, torch.full((4000,), float(t)))
            x0 = (x - math.sqrt(1 - a_t) * eps) / math.sqrt(a_t)
            x = math.sqrt(a_s) * x0 + math.sqrt(1 - a_s) * eps
        _ = x.numpy()
        best = min(best, time.perf_counter() - s0)

print(json.dumps({"impl": "pytorch", "params": sum(p.numel() for p in net.parameters()),
                  "train_steps_per_s": round(train_per_s, 2), "ddim50_4000_s": round(best, 4)}))
