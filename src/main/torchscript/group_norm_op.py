#!/usr/bin/python3
"""Writes src/main/resources/io/diffusion4j/model/nn/group_norm_op.pt, the TorchScript module that gives
diffusion4j's GroupNorm block libtorch's native group norm (DJL 0.36 binds no group norm op; see GroupNorm.java).
The module holds no weights: forward(x, weight, bias, groups, eps) = torch.group_norm(x, groups, weight, bias, eps),
with groups and eps passed as 0-d tensors because DJL's module call takes tensors only.
Regenerate with Debian's python3-torch: /usr/bin/python3 src/main/torchscript/group_norm_op.py"""
import pathlib

import torch
from torch import Tensor


class GroupNormOp(torch.nn.Module):
    def forward(self, x: Tensor, weight: Tensor, bias: Tensor, groups: Tensor, eps: Tensor) -> Tensor:
        return torch.group_norm(x, int(groups.item()), weight, bias, float(eps.item()))


out = pathlib.Path(__file__).resolve().parents[1] / "resources/io/diffusion4j/model/nn/group_norm_op.pt"
torch.jit.script(GroupNormOp()).save(str(out))
print("wrote", out, "with torch", torch.__version__)
