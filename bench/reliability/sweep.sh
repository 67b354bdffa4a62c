#!/usr/bin/env bash
# Hostile-input sweep of the d4j CLI (not part of CI): several hundred bad or edge inputs across every command — bad
# numbers, negative, zero and huge sizes, unknown names, missing, empty and corrupt files, folders given as files,
# wrong shapes, options that do not apply, NaN and Inf, empty strings — plus a few valid calls.
# A bad input passes when it ends with exit 2 and exactly one stderr line starting "d4j:" that holds neither
# "Exception" nor a stack frame, with nothing on stdout; a valid call passes with exit 0.
# Prints a table category | tried | passed | failed, then the failures.
#
#   bench/reliability/sweep.sh [JOBS]        (JOBS parallel JVMs, default 2; needs java, mvn -o, python3 + numpy)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jobs="${1:-2}"
cd "$root"
if [ -z "${D4J_CP:-}" ]; then
  mvn -B -q -o compile >&2 && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/sweep.classpath >&2 || exit 1
  D4J_CP="$root/target/classes:$(cat target/sweep.classpath)"
fi
export D4J_CP
W="$(mktemp -d /tmp/d4j-sweep.XXXXXX)"
export W
FIX="$W/fix"
mkdir -p "$FIX" "$W/out" "$W/res"
export TORCH_CPP_LOG_LEVEL=ERROR

d4j() { timeout "${D4J_TIMEOUT:-90}" java -Xmx2g -Dai.djl.offline=true -cp "$D4J_CP" io.diffusion4j.cli.Main "$@"; }

# ---- fixtures -------------------------------------------------------------------------------------------------
echo "building fixtures in $FIX ..." >&2
d4j train --data moons --steps 30 --n-data 500 --hidden 16,16 --checkpoint-every 30 --out "$FIX/run" >/dev/null 2>&1 || echo "fixture run failed" >&2
d4j train --data moons --model gaussian --out "$FIX/gauss" >/dev/null 2>&1 || echo "fixture gauss failed" >&2
d4j train --data fashion-mnist-subset --base 8 --steps 2 --batch 4 --checkpoint-every 2 --out "$FIX/img" >/dev/null 2>&1 || echo "fixture img failed" >&2
d4j sample --oracle gmm8 --steps 10 --n 200 --out "$FIX/s.npy" >/dev/null 2>&1 || echo "fixture samples failed" >&2
python3 - "$FIX" <<'EOF'
import sys, numpy as np, os
f = sys.argv[1]
np.save(f + "/img.npy", np.zeros((1, 28, 28), np.float32))
np.save(f + "/img3.npy", np.zeros((3, 28, 28), np.float32))
np.save(f + "/small.npy", np.zeros((1, 7, 7), np.float32))
np.save(f + "/mask.npy", np.ones((28, 28), np.float32))
np.save(f + "/mask_bad.npy", np.ones((5, 5), np.float32))
np.save(f + "/vec.npy", np.zeros(10, np.float32))
np.save(f + "/one.npy", np.zeros((1, 2), np.float32))
np.save(f + "/d3.npy", np.random.rand(100, 3).astype(np.float32))
np.save(f + "/ints.npy", np.arange(20, dtype=np.int64).reshape(10, 2))
np.save(f + "/big_side.npy", np.zeros((1, 2000, 2000), np.float32))
a = np.random.rand(100, 2).astype(np.float32); a[3, 1] = np.nan; np.save(f + "/nan.npy", a)
a = np.random.rand(100, 2).astype(np.float32); a[5, 0] = np.inf; np.save(f + "/inf.npy", a)
np.save(f + "/pts.npy", np.random.rand(300, 2).astype(np.float32))
open(f + "/empty.npy", "wb").close()
open(f + "/empty.csv", "w").close()
open(f + "/garbage.npy", "wb").write(os.urandom(300))
open(f + "/garbage.png", "wb").write(os.urandom(300))
open(f + "/text.npy", "w").write("hello\n")
open(f + "/bad.csv", "w").write("1,2\n3,abc\n")
open(f + "/ragged.csv", "w").write("1,2\n3\n4,5,6\n")
open(f + "/nan.csv", "w").write("1,2\nnan,3\n4,5\n")
with open(f + "/bomb.npy", "wb") as h:
    hdr = b"{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }"
    hdr += b" " * (118 - len(hdr)) + b"\n"
    h.write(b"\x93NUMPY\x01\x00" + len(hdr).to_bytes(2, "little") + hdr)
EOF
mkdir -p "$FIX/dir.npy" "$FIX/dir.png" "$FIX/emptydir" "$FIX/badrun" "$FIX/ro"
echo "{not json" > "$FIX/badrun/config.json"
cp -r "$FIX/run" "$FIX/corruptrun" 2>/dev/null && head -c 100 /dev/urandom > "$FIX/corruptrun/model.safetensors"
echo "a file" > "$FIX/afile"
# a run killed mid-way (no model.safetensors yet: it is written when training ends) with both checkpoints damaged
cp -r "$FIX/run" "$FIX/badckpt" 2>/dev/null && head -c 64 /dev/urandom > "$FIX/badckpt/checkpoint.safetensors" \
  && : > "$FIX/badckpt/checkpoint.prev.safetensors" && rm -f "$FIX/badckpt/model.safetensors"

# ---- cases: "category|expected exit|arguments" (arguments are split by the shell; @O is a fresh output path) ----
cases="$W/cases.txt"
: > "$cases"
add() { printf '%s|%s|%s\n' "$1" "$2" "$3" >> "$cases"; }
# bad values of an option of a command: add_bad CATEGORY "PREFIX" OPTION VALUE...
add_bad() { local c="$1" p="$2" o="$3"; shift 3; for v in "$@"; do add "$c" 2 "$p $o $v"; done; }
INTS=(-1 2000000000 99999999999 abc "''" 1.5)
REALS=(NaN Infinity -Infinity abc "''")

TR="train --data moons --steps 5 --n-data 200 --out @O"
TI="train --data fashion-mnist-subset --steps 1 --batch 2 --out @O"
SO="sample --oracle gmm8 --steps 5 --n 10 --out @O.npy"
SR="sample --run $FIX/run --steps 5 --n 10 --out @O.npy"
SI="sample --run $FIX/img --steps 2 --out @O.png"
EV="eval --samples $FIX/s.npy --data gmm8"
EN="eval --run $FIX/run --metric nll --n 10"
RS="restore --run $FIX/img --task inpaint --method replace --input $FIX/img.npy --steps 2 --out @O.npy"
TC="train-classifier --data fashion-mnist-subset --steps 1 --out @O.safetensors"
CT="channel toy --model-steps 1 --dataset 100 --samples 100 --out @O"
CM="channel train-model --model-steps 1 --dataset 100 --out @O"
CA="channel train-ae --method true --steps 1 --eval 0 --max-blocks 1000 --out @O"
CB="channel ber --ebn0 0 --max-blocks 1000 --min-errors 10 --out @O"

# distill
DI="distill --teacher $FIX/run --teacher-steps 4 --rounds 1 --steps-per-round 2 --out @O"
add_bad distill "distill --teacher $FIX/run --teacher-steps 4 --steps-per-round 2 --out @O" --rounds 0 -1 3 21 abc "''" 2000000000
add_bad distill "distill --teacher $FIX/run --rounds 2 --steps-per-round 2 --out @O" --teacher-steps 0 1 6 -4 abc 2000000000
add_bad distill "distill --teacher $FIX/run --teacher-steps 4 --rounds 1 --out @O" --steps-per-round 0 -1 abc 999999999999
add_bad distill "$DI" --batch 0 -1 2000000000 abc
add_bad distill "$DI" --lr 0 -1 "${REALS[@]}"
add_bad distill "distill --teacher-steps 4 --rounds 1 --steps-per-round 2 --out @O" --teacher "$FIX/nothing" "$FIX/afile" "$FIX/badrun" "$FIX/img" "$FIX/corruptrun" "$FIX/emptydir" "''"
add_bad distill "distill --teacher $FIX/run --teacher-steps 4 --rounds 1 --steps-per-round 2" --out "''" /proc/x "$FIX/afile/x"
add distill 2 "distill --teacher $FIX/run --rounds 1"
add distill 2 "distill --teacher $FIX/run --teacher-steps 4 --rounds 1 --bogus 1 --out @O"
add valid 0 "$DI"
# schedule
add_bad schedule "schedule" --T 0 "${INTS[@]}"
add_bad schedule "schedule" --beta-start 0 -0.1 2 "${REALS[@]}"
add_bad schedule "schedule" --beta-end 0 1.5 "${REALS[@]}"
add_bad schedule "schedule" --name nope "''" cosin
add_bad schedule "schedule --plot" "" /proc/x.png "$FIX" /nonexistent/x.png "''" "$FIX/afile/x.png"
add schedule 2 "schedule --name constant --beta-start 0.1 --beta-end 0.2"
add schedule 2 "schedule --bogus"
add schedule 2 "schedule --T"
# train: sizes and numbers
add_bad train-bounds "$TR" --T 0 "${INTS[@]}"
add_bad train-bounds "$TR" --batch 0 "${INTS[@]}"
add_bad train-bounds "$TR" --hidden 0 2000000000 65536 -5 "16,,16" "16,abc" "''"
add_bad train-bounds "$TR" --n-data 0 1 "${INTS[@]}"
add_bad train-bounds "train --data moons --n-data 200 --out @O" --steps 0 "${INTS[@]}"
add_bad train-bounds "$TR" --lr 0 -1 "${REALS[@]}"
add_bad train-bounds "$TR" --ema 1 -0.5 "${REALS[@]}"
add_bad train-bounds "$TR" --clip-grad -1 NaN abc
add_bad train-bounds "$TR" --warmup -1 abc
add_bad train-bounds "$TR" --log-every 0 -1
add_bad train-bounds "$TR" --checkpoint-every 0 -1
add_bad train-bounds "$TR" --beta-start 0 2 NaN
add_bad train-bounds "$TR" --seed abc 1.5 "''"
add_bad train-names "$TR" --schedule nope "''"
add_bad train-names "$TR" --prediction nope "''"
add_bad train-names "$TR" --weighting nope min-snr-abc "''"
add_bad train-names "$TR" --process nope "''"
add_bad train-names "$TR" --variance nope
add_bad train-names "$TR" --loss nope
add_bad train-names "$TR" --t-sampling nope
add_bad train-names "$TR" --prior nope
add_bad train-names "$TR" --model nope "''"
add_bad train-data "train --steps 5 --out @O" --data nope "''" "$FIX/empty.npy" "$FIX/garbage.npy" "$FIX/text.npy" "$FIX/vec.npy" \
  "$FIX/one.npy" "$FIX/nan.npy" "$FIX/inf.npy" "$FIX/empty.csv" "$FIX/bad.csv" "$FIX/ragged.csv" "$FIX/nan.csv" "$FIX/bomb.npy" \
  "$FIX/dir.npy" "$FIX/ints.npy" /nonexistent.npy "$FIX/emptydir"
add train-apply 2 "$TR --base 16"
add train-apply 2 "$TR --image-size 28"
add train-apply 2 "$TR --grid-every 5"
add train-apply 2 "$TR --unconditional"
add train-apply 2 "$TR --zero-terminal-snr"
add train-apply 2 "$TR --loss hybrid"
add train-apply 2 "$TR --weighting likelihood"
add train-apply 2 "$TR --process vp-sde --variance learned --loss hybrid"
add train-apply 2 "$TR --model gaussian --hidden 8"
add train-apply 2 "$TR --model unet"
add train-apply 2 "train --data moons --out $FIX/run"
add train-apply 2 "train --data moons --resume --out @O"
add train-apply 2 "train --resume --steps 10 --out $FIX/run"
add train-apply 2 "train --out @O"
add train-apply 2 "train --resume --out $FIX/badckpt"
add train-apply 2 "train --resume --out $FIX/badrun"
add train-apply 2 "train --resume --out $FIX/afile"
add train-image 2 "$TI --base 0"
add train-image 2 "$TI --base 12"
add train-image 2 "$TI --base 2000000000"
add train-image 2 "$TI --base 1024"
add train-image 2 "$TI --base -8"
add train-image 2 "$TI --image-size -3"
add train-image 2 "$TI --image-size 32"
add train-image 2 "$TI --image-size 5000"
add train-image 2 "$TI --grid-every -1"
add train-image 2 "$TI --hidden 8"
add train-image 2 "$TI --n-data 10"
add train-image 2 "$TI --prior priorgrad"
add train-image 2 "$TI --process vp-sde"
add train-image 2 "$TI --batch 65536 --base 512"
# output paths of train and demo
for o in "''" /proc/r /sys/r "$FIX/afile" "$FIX/afile/sub" /dev/r; do add out-paths 2 "train --data moons --steps 5 --out $o"; done
for o in "''" /proc/r "$FIX/afile"; do add out-paths 2 "demo --toy --steps 1 --out $o"; done
add_bad demo "demo --toy --out @O" --steps 0 -1 2000000000 abc
add demo 2 "demo --toy --images --out @O"
add demo 2 "demo --bogus"
# sample
add_bad sample-bounds "$SO" --n 0 "${INTS[@]}"
add_bad sample-bounds "sample --oracle gmm8 --n 10 --out @O.npy" --steps 0 "${INTS[@]}"
add_bad sample-bounds "$SO" --batch 0 "${INTS[@]}"
add_bad sample-bounds "$SO" --T 0 "${INTS[@]}"
add_bad sample-bounds "sample --oracle gmm8 --steps 5 --out @O.npy" --n 10000001
add_bad sample-bounds "$SO" --eta -1 "${REALS[@]}"
add_bad sample-bounds "sample --oracle gmm8 --sampler pc --steps 5 --n 10 --out @O.npy" --corrector-steps -1 2000000 abc
add_bad sample-bounds "sample --oracle gmm8 --sampler pc --steps 5 --n 10 --out @O.npy" --snr 0 -1 NaN Infinity
add_bad sample-bounds "sample --oracle gmm8 --sampler ode-rk45 --n 10 --out @O.npy" --rtol 0 -1 NaN
add_bad sample-bounds "sample --oracle gmm8 --sampler ode-rk45 --n 10 --out @O.npy" --atol 0 NaN
add_bad sample-bounds "sample --oracle gmm8 --sampler em --steps 5 --n 10 --process ve-sde --out @O.npy" --sigma-max 0 -1 NaN
add_bad sample-bounds "$SO" --clip-x0 abc 1 "2,1" "NaN,1" "''"
add_bad sample-names "$SO" --sampler nope "''"
add_bad sample-names "$SO" --spacing nope
add_bad sample-names "$SO" --schedule nope
add_bad sample-names "sample --steps 5 --n 10 --out @O.npy" --oracle nope moons "''"
add_bad sample-names "sample --oracle gmm8 --sampler em --steps 5 --n 10 --out @O.npy" --process nope
add_bad sample-files "sample --steps 5 --n 10 --out @O.npy" --run /nonexistent "$FIX/emptydir" "$FIX/badrun" "$FIX/afile" "$FIX/corruptrun" "''"
add_bad out-paths "sample --oracle gmm8 --steps 5 --n 10" --out /proc/x.npy /sys/x.npy "$FIX" "$FIX/dir.npy" /nonexistent/x.npy "''" @O.txt "$FIX/afile/x.npy"
add_bad out-paths "$SR" --plot /proc/x.png "$FIX/dir.png" /nonexistent/x.png "''" @O.txt
add_bad out-paths "$SR" --trajectory /proc/x.npy "$FIX/dir.npy" /nonexistent/x.npy "''"
add sample-apply 2 "$SO --eta 0.5 --sampler ddpm"
add sample-apply 2 "$SO --variance fixed-large"
add sample-apply 2 "$SO --process vp-sde"
add sample-apply 2 "$SO --snr 0.2"
add sample-apply 2 "$SO --rtol 1e-3"
add sample-apply 2 "$SO --sigma-max 10"
add sample-apply 2 "$SO --class 1"
add sample-apply 2 "$SO --guidance 1"
add sample-apply 2 "$SO --cfg-scale 2"
add sample-apply 2 "$SO --grid 2x2"
add sample-apply 2 "$SO --classifier-scale 1"
add sample-apply 2 "$SO --guidance 1 --cfg-scale 2"
add sample-apply 2 "sample --oracle gmm8 --sampler ode-rk45 --steps 5 --n 10 --out @O.npy"
add sample-apply 2 "$SR --T 100"
add sample-apply 2 "$SR --schedule cosine"
add sample-apply 2 "sample --run $FIX/gauss --sampler ddim --n 10 --out @O.npy"
add sample-apply 2 "sample --run $FIX/run --oracle gmm8 --out @O.npy"
add sample-apply 2 "sample --n 10 --out @O.npy"
add sample-apply 2 "$SO --steps 2000"
add sample-image 2 "$SI --n 5"
add sample-image 2 "$SI --grid 0x5"
add sample-image 2 "$SI --grid abc"
add sample-image 2 "$SI --grid 1000x1000"
add sample-image 2 "$SI --class 99"
add sample-image 2 "$SI --class -1"
add sample-image 2 "$SI --guidance -1"
add sample-image 2 "$SI --guidance NaN"
add sample-image 2 "$SI --cfg-scale 0.5"
add sample-image 2 "$SI --classifier-scale 1"
add sample-image 2 "$SI --classifier $FIX/garbage.npy"
add sample-image 2 "$SI --classifier /nonexistent.safetensors"
add sample-image 2 "$SI --plot @O2.png"
add sample-image 2 "sample --run $FIX/img --steps 2 --out @O.txt"
add sample-image 2 "sample --run $FIX/img --steps 2 --grid 2x2 --out @O.npy"
add sample-image 2 "sample --run $FIX/img --steps 2 --n 2000000 --out @O.npy"
# eval
add_bad eval-files "eval --data gmm8" --samples /nonexistent.npy "$FIX/empty.npy" "$FIX/garbage.npy" "$FIX/text.npy" "$FIX/vec.npy" \
  "$FIX/one.npy" "$FIX/d3.npy" "$FIX/dir.npy" "$FIX/bomb.npy" "$FIX/nan.npy" "''"
add_bad eval-files "eval --samples $FIX/s.npy" --data nope "''" "$FIX/empty.csv" "$FIX/garbage.npy" "$FIX/d3.npy" "$FIX/one.npy" "$FIX/emptydir"
add_bad eval-bounds "$EV" --seed abc "''"
add eval-apply 2 "$EV --probes 3"
add eval-apply 2 "$EV --t-draws 3"
add eval-apply 2 "$EV --method ode"
add eval-apply 2 "$EV --sampler ddim"
add eval-apply 2 "$EV --eta 0"
add eval-apply 2 "$EV --steps 10"
add eval-apply 2 "$EV --n 10"
add eval-apply 2 "$EV --bootstrap 10"
add eval-apply 2 "$EV --guidance 1"
add eval-apply 2 "$EV --run $FIX/run --metric nll"
add eval-apply 2 "eval --samples $FIX/s.npy"
add eval-apply 2 "eval --run $FIX/run"
add eval-apply 2 "eval --metric nll"
add eval-apply 2 "eval --metric nope --run $FIX/run"
add eval-apply 2 "eval --run $FIX/run --metric fid --method ode"
add eval-apply 2 "$EN --method ode --t-draws 3"
add eval-apply 2 "$EN --method elbo --probes 3"
add eval-apply 2 "$EN --sampler ddim"
add eval-apply 2 "eval --run $FIX/run --metric restore --bogus 1"
add eval-apply 2 "eval --metric restore --n 1"
add_bad eval-bounds "$EN" --n 0 -1 2000000000 abc
add_bad eval-bounds "$EN --method ode" --probes 0 -1 2000000
add_bad eval-bounds "$EN" --t-draws -1 2000000000
add_bad eval-bounds "$EN" --method nope "''"
add_bad eval-files "eval --metric nll --n 10" --run /nonexistent "$FIX/badrun" "$FIX/afile" "$FIX/corruptrun"
# restore
add_bad restore-bounds "$RS" --steps 0 "${INTS[@]}"
add_bad restore-bounds "$RS" --samples 0 "${INTS[@]}"
add_bad restore-bounds "$RS" --sigma-y -1 "${REALS[@]}"
add_bad restore-bounds "$RS" --scale 0 -1 1000 abc
add_bad restore-bounds "restore --run $FIX/img --task superres --method dps --input $FIX/img.npy --steps 2 --out @O.npy" --factor 0 -1 3 2000000000 abc
add_bad restore-bounds "restore --run $FIX/img --task deblur --method dps --input $FIX/img.npy --steps 2 --out @O.npy" --blur-size 0 4 -1 2000000000
add_bad restore-bounds "restore --run $FIX/img --task deblur --method dps --input $FIX/img.npy --steps 2 --out @O.npy" --blur-sigma 0 -1 NaN
add_bad restore-bounds "restore --run $FIX/img --task inpaint --method dps --input $FIX/img.npy --steps 2 --out @O.npy" --zeta -1 NaN abc
add_bad restore-bounds "restore --run $FIX/img --task inpaint --method repaint --input $FIX/img.npy --steps 2 --out @O.npy" --jump 0 -1 2000000000
add_bad restore-bounds "restore --run $FIX/img --task inpaint --method repaint --input $FIX/img.npy --steps 2 --out @O.npy" --resample 0 2000000000
add_bad restore-names "restore --run $FIX/img --method dps --input $FIX/img.npy --out @O.npy" --task nope "''"
add_bad restore-names "restore --run $FIX/img --task inpaint --input $FIX/img.npy --out @O.npy" --method nope ilvr "''"
add_bad restore-files "restore --run $FIX/img --task inpaint --method replace --steps 2 --out @O.npy" --input /nonexistent.npy "$FIX/empty.npy" \
  "$FIX/garbage.npy" "$FIX/garbage.png" "$FIX/text.npy" "$FIX/vec.npy" "$FIX/img3.npy" "$FIX/small.npy" "$FIX/dir.npy" "$FIX/bomb.npy" "$FIX/big_side.npy" "''" "$FIX/afile"
add_bad restore-files "$RS" --mask /nonexistent.npy "$FIX/mask_bad.npy" "$FIX/garbage.npy" "$FIX/empty.npy" "$FIX/dir.npy"
add_bad restore-files "restore --task inpaint --method replace --input $FIX/img.npy --steps 2 --out @O.npy" --run /nonexistent "$FIX/run" "$FIX/gauss" "$FIX/badrun" "$FIX/afile"
add_bad out-paths "restore --run $FIX/img --task inpaint --method replace --input $FIX/img.npy --steps 2" --out /proc/x.png "$FIX" "$FIX/dir.png" /nonexistent/x.png "''" @O.txt
add_bad out-paths "$RS" --strip /proc/x.png "$FIX/dir.png" /nonexistent/x.png "''" @O.txt
add restore-apply 2 "restore --run $FIX/img --task superres --method dps --input $FIX/img.npy --mask $FIX/mask.npy --out @O.npy"
add restore-apply 2 "$RS --factor 2"
add restore-apply 2 "$RS --blur-size 5"
add restore-apply 2 "$RS --blur-sigma 1"
add restore-apply 2 "$RS --zeta 0.1"
add restore-apply 2 "$RS --jump 5"
add restore-apply 2 "$RS --resample 5"
add restore-apply 2 "$RS --scale 2"
add restore-apply 2 "restore --run $FIX/img --task deblur --method replace --input $FIX/img.npy --out @O.npy"
add restore-apply 2 "restore --run $FIX/img --task superres --method sr3 --input $FIX/img.npy --out @O.npy"
add restore-apply 2 "restore --run $FIX/img --task inpaint --method replace --input $FIX/img.npy --out @O.npy --strip @O.npy"
add restore-apply 2 "restore --run $FIX/run --task inpaint --method replace --input $FIX/img.npy --measured --out @O.npy"
# train-classifier
add_bad classifier "$TC" --image-size -3 -1 5000 32 abc
add_bad classifier "$TC" --batch 0 "${INTS[@]}"
add_bad classifier "train-classifier --data fashion-mnist-subset --out @O.safetensors" --steps 0 "${INTS[@]}"
add_bad classifier "$TC" --lr 0 -1 "${REALS[@]}"
add_bad classifier "train-classifier --steps 1 --out @O.safetensors" --data nope "''" "$FIX/emptydir" "$FIX/afile"
add_bad out-paths "train-classifier --data fashion-mnist-subset --steps 1" --out /proc/c.safetensors "$FIX" /nonexistent/c.safetensors "''"
# channel
add_bad channel-bounds "$CT" --samples 0 "${INTS[@]}"
add_bad channel-bounds "$CT" --ddim-steps 0 101 "${INTS[@]}"
add_bad channel-bounds "$CT" --ebn0 abc NaN Infinity "0,1" "''" "0:5"
add_bad channel-bounds "$CT" --hidden 0 2000000000 65536 abc
add_bad channel-bounds "$CT" --model-steps 0 -1 2000000000
add_bad channel-bounds "$CT" --dataset 0 -1 2000000000
add_bad channel-bounds "$CT" --model-lr 0 -1 NaN
add_bad channel-names "$CT" --schedule nope "''"
add_bad channel-names "$CT" --prediction nope
add_bad channel-bounds "$CM" --M 0 3 1 -16 2000000000 131072 abc
add_bad channel-bounds "$CM" --n 0 -1 2000000000 10000
add_bad channel-bounds "$CM" --ddim-steps 0 101 abc
add_bad channel-names "$CM" --channel nope "''"
add_bad channel-names "$CM" --method nope true "''"
add_bad channel-names "$CM" --sampler nope
add channel-apply 2 "$CM --method wgan --hidden 32"
add channel-apply 2 "$CM --method wgan --schedule sigmoid"
add channel-apply 2 "$CM --method wgan --ddim-steps 5"
add_bad channel-bounds "$CA" --steps 0 -1 2000000000 abc
add_bad channel-bounds "$CA" --batch 0 -1 2000000000
add_bad channel-bounds "$CA" --lr 0 -1 NaN
add_bad channel-bounds "$CA" --fine-tune -0.1 2 NaN
add_bad channel-bounds "$CA" --max-blocks 0 -1 99999999999999
add_bad channel-bounds "$CA" --min-errors 0 -1
add_bad channel-bounds "$CA" --eval abc "5:0" "0:1000000:0.0001"
add channel-bounds 2 "$CA --M 65536"
add channel-bounds 2 "$CA --M 16384 --batch 65536"
add channel-bounds 2 "$CA --n 4097"
add channel-apply 2 "$CA --algorithm iterative"
add channel-apply 2 "$CA --rounds 3"
add channel-apply 2 "$CA --model $FIX/run"
add channel-apply 2 "$CA --hidden 32"
add channel-apply 2 "$CA --model-steps 10"
add channel-apply 2 "$CA --ddim-steps 5"
add channel-apply 2 "channel train-ae --method diffusion --algorithm nope --out @O"
add channel-apply 2 "channel train-ae --method diffusion --rounds 3 --out @O"
add channel-apply 2 "channel train-ae --method diffusion --model /nonexistent --out @O"
add channel-apply 2 "channel train-ae --method diffusion --algorithm iterative --model $FIX/run --out @O"
add_bad channel-bounds "$CB" --max-blocks 0 -1 99999999999999
add_bad channel-bounds "$CB" --min-errors 0 -1
add_bad channel-bounds "$CB" --ebn0 abc "5:0" "0:1000000:0.0001" "''" NaN
add_bad channel-bounds "$CB" --M 0 3 2000000000
add_bad channel-bounds "$CB" --n 0 -1 100000
add_bad channel-names "$CB" --channel nope
add_bad channel-files "$CB" --ae /nonexistent "$FIX/afile" "$FIX/emptydir" "$FIX/run"
add channel-apply 2 "channel ber --ae $FIX/run --M 16 --out @O"
add channel-apply 2 "channel nope"
add channel-apply 2 "channel"
for c in "$CT" "$CM" "$CA" "$CB"; do
  for o in "''" /proc/c "$FIX/afile" "$FIX/afile/sub"; do add out-paths 2 "${c% --out @O} --out $o"; done
done
# the command line itself
add cli 2 "nope"
add cli 2 "trian --data moons"
add cli 2 "sample"
add cli 2 "train --data moons --steps 5 --out"
add cli 2 "sample --oracle gmm8 --out @O.npy --n 1 --n 2 --bogus"
# valid and edge-but-valid inputs: exit 0
add valid 0 "--help"
add valid 0 "--version"
add valid 0 "schedule"
add valid 0 "schedule --name cosine --T 1 --json"
add valid 0 "schedule --T 100000 --json"
add valid 0 "schedule --name scaled_linear --plot @O.png"
add valid 0 "sample --oracle gmm8 --steps 1 --n 1 --out @O.npy"
add valid 0 "sample --oracle gauss --sampler ddpm --T 10 --n 5 --out @O.npy"
add valid 0 "sample --oracle gmm25 --sampler pc --steps 3 --corrector-steps 0 --n 5 --out @O.npy"
add valid 0 "sample --oracle gmm8 --sampler ode-rk45 --rtol 1e-2 --atol 1e-2 --n 5 --out @O.npy"
add valid 0 "sample --run $FIX/run --steps 3 --n 7 --batch 3 --out @O.npy --plot @O2.png --trajectory @O3.npy"
add valid 0 "sample --run $FIX/gauss --n 5 --out @O.npy"
add valid 0 "sample --run $FIX/img --steps 2 --grid 1x2 --out @O.png"
add valid 0 "eval --samples $FIX/s.npy --data gmm8 --json"
add valid 0 "eval --samples $FIX/s.npy --data $FIX/pts.npy"
add valid 0 "eval --run $FIX/run --metric nll --n 5 --t-draws 2"
add valid 0 "train --data moons --steps 3 --n-data 2 --batch 1 --hidden 4 --out @O"
add valid 0 "train --data $FIX/pts.npy --model gaussian --out @O"
add valid 0 "train --data moons --T 1 --steps 2 --out @O"
add valid 0 "restore --run $FIX/img --task inpaint --method replace --input $FIX/img.npy --steps 2 --mask $FIX/mask.npy --out @O.png --strip @O2.npy"
add valid 0 "channel ber --ebn0 0 --max-blocks 100 --min-errors 1 --out @O"
add valid 0 "channel train-ae --method true --steps 2 --batch 10 --eval 0 --max-blocks 100 --out @O"

# ---- run --------------------------------------------------------------------------------------------------------
run_case() {
  local id="$1" line="$2"
  local cat="${line%%|*}" rest="${line#*|}"
  local want="${rest%%|*}" args="${rest#*|}"
  args="${args//@O/$W/out/c$id}"
  local out="$W/res/$id.out" err="$W/res/$id.err"
  eval "set -- $args"
  local t0=$SECONDS
  timeout "${D4J_TIMEOUT:-90}" java -Xmx2g -Dai.djl.offline=true -cp "$D4J_CP" io.diffusion4j.cli.Main "$@" >"$out" 2>"$err"
  local rc=$? why=""
  local lines; lines=$(tr '\r' '\n' < "$err" | grep -c . || true)
  if [ "$rc" != "$want" ]; then
    why="exit $rc, expected $want"
  elif [ "$want" = 2 ]; then
    if [ "$lines" != 1 ]; then why="$lines stderr lines"
    elif ! head -c 4 "$err" | grep -q '^d4j:'; then why="stderr does not start with d4j:"
    elif grep -q -e 'Exception' -e $'\tat ' "$err"; then why="stack trace or exception name"
    elif [ -s "$out" ]; then why="stdout not empty"
    fi
  elif grep -q -e 'Exception' -e $'\tat ' "$err"; then why="exception on stderr"
  fi
  local first; first=$(tr '\r' '\n' < "$err" | grep . | head -1 | cut -c1-160)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$cat" "$([ -z "$why" ] && echo pass || echo fail)" "$((SECONDS - t0))" "$args" "$why" "$first"
}
export -f run_case
total=$(wc -l < "$cases")
echo "running $total cases with $jobs parallel JVMs ..." >&2
nl -ba -w1 -s'|' "$cases" | while IFS= read -r l; do printf '%s\0' "$l"; done |
  xargs -0 -P "$jobs" -I{} bash -c 'l="$1"; run_case "${l%%|*}" "${l#*|}"' _ {} > "$W/results.tsv"

# ---- report -----------------------------------------------------------------------------------------------------
echo "| category | tried | passed | failed |"
echo "|---|---:|---:|---:|"
awk -F'\t' '{t[$1]++; if ($2=="pass") p[$1]++; else f[$1]++; T++; if ($2=="pass") P++}
  END {for (c in t) printf "| %s | %d | %d | %d |\n", c, t[c], p[c]+0, f[c]+0 | "sort"; close("sort");
       printf "| **all** | %d | %d | %d |\n", T, P, T-P}' "$W/results.tsv"
echo
nfail=$(awk -F'\t' '$2=="fail"' "$W/results.tsv" | wc -l)
if [ "$nfail" -gt 0 ]; then
  echo "Failures:"
  echo
  awk -F'\t' '$2=="fail" {gsub(ENVIRON["W"], "$W", $4); gsub(ENVIRON["W"], "$W", $6); printf "- `%s` [%s]: %s — %s\n", $4, $1, $5, $6}' "$W/results.tsv"
else
  echo "No failures."
fi
[ -n "${D4J_SWEEP_KEEP:-}" ] && echo "(results kept in $W)" >&2 || rm -rf "$W"
