#!/usr/bin/python3
"""PyTorch twin of diffusion4j's U-Net (io.diffusion4j.model.nn.UNetBlock) for bench/unet.

Same architecture, widths, parameter count and work per step as the Java side: a training step (batch 64, 28x28,
class-conditional, Adam + global-norm clipping + EMA) and DDIM-50 sampling of 64 images. Prints one JSON line.
Usage: unet_torch.py BASE THREADS REPEATS
"""
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def silu(x):
    return x * torch.sigmoid(x)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, emb, groups):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.emb = nn.Linear(emb, cout)
        self.norm2 = nn.GroupNorm(groups, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, emb_act):
        h = self.conv1(silu(self.norm1(x)))
        h = h + self.emb(emb_act)[:, :, None, None]
        h = self.conv2(silu(self.norm2(h)))
        return (x if self.skip is None else self.skip(x)) + h


class Attention(nn.Module):
    def __init__(self, c, groups):
        super().__init__()
        self.c = c
        self.norm = nn.GroupNorm(groups, c)
        self.qkv = nn.Conv2d(c, 3 * c, 1)
        self.proj = nn.Conv2d(c, c, 1)

    def forward(self, x):
        b, c, h, w = x.shape
        q, k, v = self.qkv(self.norm(x)).chunk(3, dim=1)
        q, k, v = q.reshape(b, c, h * w), k.reshape(b, c, h * w), v.reshape(b, c, h * w)
        weights = torch.softmax(q.transpose(1, 2) @ k / math.sqrt(c), dim=2)
        return x + self.proj((v @ weights.transpose(1, 2)).reshape(b, c, h, w))


class UNet(nn.Module):
    """UNetSpec(channels, H, W, base, mult=(1,2,2), resBlocks=2, attention at level 2, groups 8, classes)."""

    def __init__(self, channels=1, base=32, mult=(1, 2, 2), res_blocks=2, attn=(2,), groups=8, classes=10):
        super().__init__()
        emb = 4 * base
        self.base = base
        self.time_in = nn.Linear(base, emb)
        self.time_out = nn.Linear(emb, emb)
        self.class_embed = nn.Linear(classes + 1, emb, bias=False)
        self.classes = classes
        self.conv_in = nn.Conv2d(channels, base, 3, padding=1)
        self.down = nn.ModuleList()
        skips = [base]
        ch = base
        for i, m in enumerate(mult):
            blocks = nn.ModuleList()
            for _ in range(res_blocks):
                blocks.append(ResBlock(ch, base * m, emb, groups))
                ch = base * m
                if i in attn:
                    blocks.append(Attention(ch, groups))
                skips.append(ch)
            if i < len(mult) - 1:
                blocks.append(nn.Conv2d(ch, ch, 3, stride=2, padding=1))
                skips.append(ch)
            self.down.append(blocks)
        self.mid1 = ResBlock(ch, ch, emb, groups)
        self.mid_attn = Attention(ch, groups)
        self.mid2 = ResBlock(ch, ch, emb, groups)
        self.up = nn.ModuleList()
        for i in reversed(range(len(mult))):
            blocks = nn.ModuleList()
            for _ in range(res_blocks + 1):
                blocks.append(ResBlock(ch + skips.pop(), base * mult[i], emb, groups))
                ch = base * mult[i]
                if i in attn:
                    blocks.append(Attention(ch, groups))
            if i > 0:
                blocks.append(nn.Conv2d(ch, ch, 3, padding=1))
            self.up.append(blocks)
        self.norm_out = nn.GroupNorm(groups, ch)
        self.conv_out = nn.Conv2d(ch, channels, 3, padding=1)

    def forward(self, x, t, y):
        half = self.base // 2
        freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32) / half)
        args = t.float()[:, None] * freqs[None]
        emb = torch.cat([args.sin(), args.cos()], dim=1)
        emb = self.time_out(silu(self.time_in(emb)))
        emb = emb + self.class_embed(F.one_hot(y.long(), self.classes + 1).float())
        e = silu(emb)
        h = self.conv_in(x)
        hs = [h]
        for level in self.down:
            for j, b in enumerate(level):
                h = b(h, e) if isinstance(b, ResBlock) else b(h)
                if j + 1 == len(level) or not isinstance(level[j + 1], Attention):
                    hs.append(h)
        h = self.mid2(self.mid_attn(self.mid1(h, e)), e)
        for level in self.up:
            for b in level:
                if isinstance(b, ResBlock):
                    h = b(torch.cat([h, hs.pop()], dim=1), e)
                elif isinstance(b, Attention):
                    h = b(h)
                else:
                    target = hs[-1].shape
                    h = h.repeat_interleave(2, dim=2).repeat_interleave(2, dim=3)[:, :, :target[2], :target[3]]
                    h = b(h)
        return self.conv_out(silu(self.norm_out(h)))


def main():
    base = int(sys.argv[1]) if len(sys.argv) > 1 else 32
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = UNet(base=base)
    params = sum(p.numel() for p in net.parameters())
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    ema = [p.detach().clone() for p in net.parameters()]
    betas = torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64)
    abar = torch.cumprod(1 - betas, 0)
    x0 = torch.rand(64, 1, 28, 28) * 2 - 1
    y = torch.randint(0, 10, (64,))

    def train_step():
        t = torch.randint(1, 1001, (64,))
        a = abar[t - 1].float().sqrt()[:, None, None, None]
        s = (1 - abar[t - 1]).float().sqrt()[:, None, None, None]
        eps = torch.randn_like(x0)
        labels = torch.where(torch.rand(64) < 0.1, torch.full_like(y, 10), y)
        loss = ((net(a * x0 + s * eps, t.float(), labels) - eps) ** 2).mean()
        opt.zero_grad(set_to_none=False)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        with torch.no_grad():
            for e, p in zip(ema, net.parameters()):
                e.mul_(0.999).add_(p.detach(), alpha=0.001)
        return loss.item()

    @torch.no_grad()
    def ddim(steps):
        taus = [round(1 + 999 * i / (steps - 1)) for i in range(steps)]
        x = torch.randn(64, 1, 28, 28)
        for i in reversed(range(steps)):
            t = taus[i]
            a_t, s_t = abar[t - 1].sqrt().item(), (1 - abar[t - 1]).sqrt().item()
            eps = net(x, torch.full((64,), float(t)), y)
            x0_hat = (x - s_t * eps) / a_t
            if i == 0:
                x = x0_hat
            else:
                tp = taus[i - 1]
                x = abar[tp - 1].sqrt().item() * x0_hat + (1 - abar[tp - 1]).sqrt().item() * eps
        return x

    train_step()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        train_step()
        times.append(time.perf_counter() - t0)
    times.sort()
    ddim(2)  # warm-up, as on the Java side
    t0 = time.perf_counter()
    ddim(50)
    sample = time.perf_counter() - t0
    print(json.dumps({"impl": "pytorch " + torch.__version__, "threads": threads, "params": params,
                      "train_step_s": times[len(times) // 2], "ddim50_64_s": sample}))


if __name__ == "__main__":
    main()
