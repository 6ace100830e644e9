#!/usr/bin/env bash
# Start-up and one render, through hyperfine (apt-get install hyperfine): prints the median
# wall time of `dorkarta --version` (start-up alone) and of `dorkarta render` of each sample
# (DOCX and PDF, written to a temporary folder), for each program given, with the machine's
# load before and after. Wall time waits for a core on a busy machine: the CPU time (user +
# system, hyperfine's mean) is printed beside it, and is what the program itself costs.
#
#   bash tools/bench_startup.sh [PROGRAM...]
#
# Without arguments: the shipped Linux program (tools/build-linux) and, if built, the release
# build (target/release/dorkarta).
set -euo pipefail
cd "$(dirname "$0")/.."

programs=("$@")
if [ ${#programs[@]} -eq 0 ]; then
    for p in target/linux/x86_64-unknown-linux-musl/dist/dorkarta target/release/dorkarta; do
        [ -x "$p" ] && programs+=("$p")
    done
fi
[ ${#programs[@]} -gt 0 ] || { echo "tools/bench_startup.sh: no program built (bash tools/build-linux)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "tools/bench_startup.sh: hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for program in "${programs[@]}"; do
    echo "== $program ($(du -b "$program" | cut -f1) bytes)"
    cases=("$program --version")
    for sample in samples/*.yaml; do
        cases+=("$program render $sample -o $work/out")
    done
    hyperfine -N --style none --warmup 3 --runs 20 --export-json "$work/times.json" "${cases[@]}" >/dev/null 2>"$work/hyperfine.log"
    python3 - "$work/times.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    command = r["command"].split(" ", 1)[1].split(" -o ")[0]
    cpu = (r["user"] + r["system"]) * 1000
    print(f"  median {r['median'] * 1000:6.1f} ms wall (min {r['min'] * 1000:6.1f}), CPU {cpu:5.1f} ms  {command}")
PY
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
