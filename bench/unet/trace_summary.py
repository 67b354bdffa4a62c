#!/usr/bin/python3
"""Sum a libtorch Chrome trace (from UNetProfile) per op: self time (own duration less nested ops') and call count.
Usage: trace_summary.py TRACE.json [TOP=30]"""
import collections
import json
import sys

events = json.load(open(sys.argv[1]))
events = events["traceEvents"] if isinstance(events, dict) else events
top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
by_thread = collections.defaultdict(list)
for e in events:
    if e.get("ph") == "X" and "dur" in e:
        by_thread[(e.get("pid"), e.get("tid"))].append(e)
self_time = collections.Counter()
calls = collections.Counter()
total = 0.0
for evs in by_thread.values():
    evs.sort(key=lambda e: (e["ts"], -e["dur"]))
    stack = []
    for e in evs:
        while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
            stack.pop()
        if stack:
            self_time[stack[-1]["name"]] -= e["dur"]
        else:
            total += e["dur"]
        self_time[e["name"]] += e["dur"]
        calls[e["name"]] += 1
        stack.append(e)
print(f"top-level time {total / 1e3:.1f} ms")
for name, t in self_time.most_common(top):
    print(f"{t / 1e3:10.1f} ms {100 * t / total:5.1f}% {calls[name]:6d}  {name}")
