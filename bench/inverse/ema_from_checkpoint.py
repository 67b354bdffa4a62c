#!/usr/bin/env python3
"""Makes a loadable run directory from a run that is still training: copies config.json and writes the EMA weights
of its checkpoint.safetensors (the 'ema/' tensors, names stripped) as model.safetensors. Standard library only.
Usage: ema_from_checkpoint.py RUN_DIR OUT_DIR  (prints the checkpoint's step)"""
import json, os, shutil, struct, sys

src, out = sys.argv[1], sys.argv[2]
raw = open(os.path.join(src, "checkpoint.safetensors"), "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
header = json.loads(raw[8:8 + n])
data = raw[8 + n:]
meta = header.pop("__metadata__", {})
tensors, chunks, offset = {}, [], 0
for name, t in header.items():
    if name.startswith("ema/"):
        start, end = t["data_offsets"]
        tensors[name[4:]] = {"dtype": t["dtype"], "shape": t["shape"], "data_offsets": [offset, offset + end - start]}
        chunks.append(data[start:end])
        offset += end - start
tensors["__metadata__"] = {"source": os.path.abspath(src), "step": meta.get("step", "?")}
h = json.dumps(tensors).encode()
h += b" " * ((8 - len(h) % 8) % 8)
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "model.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(h)) + h + b"".join(chunks))
shutil.copy(os.path.join(src, "config.json"), os.path.join(out, "config.json"))
print(meta.get("step", "?"))
