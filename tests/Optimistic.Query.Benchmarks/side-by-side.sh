#!/usr/bin/env bash
# Side by side: TanStack query-core (the anchor in ../shared/anchors/query-core, pinned version) and our quick
# mode, on this machine, in one go. Prints a markdown table with the ratio per workload (query-core / ours).
# Usage: tests/Optimistic.Query.Benchmarks/side-by-side.sh [runs]   (node medians of [runs], default 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
anchor="$root/../shared/anchors/query-core"
runs=${1:-3}
[ -f "$anchor/bench-query-core.mjs" ] || { echo "anchor not found at $anchor (clone with ../shared beside the repo)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$anchor/package.json" "$anchor/bench-query-core.mjs" "$work/"
echo "installing the anchor's pinned query-core…" >&2
(cd "$work" && npm install --no-audit --no-fund --silent >&2)

for i in $(seq 1 "$runs"); do
  echo "query-core run $i/$runs…" >&2
  (cd "$work" && node bench-query-core.mjs --json) > "$work/node-$i.json"
done
echo "Optimistic.Query quick mode…" >&2
dotnet run -c Release --project "$root/tests/Optimistic.Query.Benchmarks" -- --quick > "$work/dotnet.txt"

python3 - "$work" "$runs" <<'PY'
import json, re, statistics, subprocess, sys, platform, datetime
work, runs = sys.argv[1], int(sys.argv[2])
node = [json.load(open(f"{work}/node-{i}.json")) for i in range(1, runs + 1)]
ours = {}
for line in open(f"{work}/dotnet.txt"):
    m = re.match(r"^([\w./-]+): ([0-9.]+) ns/op", line.strip())
    if m: ours[m.group(1)] = float(m.group(2))
pairs = [
    ("i  setQueryData (insert new key)", "set-get-10k/insert"),
    ("i  getQueryData (hit)", "set-get-10k/get"),
    ("i  setQueryData (update existing, updater fn)", "set-get-10k/update"),
    ("ii invalidateQueries prefix (1000 of 100000 match), refetchType none", "invalidate-prefix-1pct-of-100k/invalidate"),
    ("iii cancelQueries exact key (100000 cached)", "cancel-exact-of-100k/exact"),
    ("iii cancelQueries same key, non-exact (100000 cached)", "cancel-exact-of-100k/prefix"),
    ("iv optimistic loop cache=1000 exact=true", "optimistic-loop/1000-exact"),
    ("iv optimistic loop cache=1000 exact=false", "optimistic-loop/1000-prefix"),
    ("iv optimistic loop cache=10000 exact=true", "optimistic-loop/10000-exact"),
    ("iv optimistic loop cache=10000 exact=false", "optimistic-loop/10000-prefix"),
]
def node_ns(name):
    vals = [r["perOpUs"] * 1000 for run in node for r in run["results"] if r["name"] == name]
    return statistics.median(vals) if vals else None
dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print(f"Measured {datetime.date.today()} on {cpu} ({subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores), "
      f".NET SDK {dotnet}, node {node[0]['node']}, @tanstack/query-core {node[0]['queryCore']}; node: median of {runs} runs.\n")
print("| workload | query-core ns/op | Optimistic.Query ns/op | ratio |")
print("|---|---:|---:|---:|")
worst = None
for js, ours_name in pairs:
    a, b = node_ns(js), ours.get(ours_name)
    if a is None or b is None:
        print(f"| {ours_name} | {a or '—'} | {b or '—'} | — |"); continue
    ratio = a / b
    worst = ratio if worst is None else min(worst, ratio)
    print(f"| {ours_name} | {a:,.0f} | {b:,.1f} | {ratio:,.0f}× |")
print()
print("Flatness (ours only, cache 1k → 10k → 100k):")
for kind in ("exact", "prefix"):
    row = [ours.get(f"optimistic-loop/{n}-{kind}") for n in (1000, 10000, 100000)]
    print(f"- optimistic-loop/{kind}: " + " → ".join(f"{v:,.0f} ns" if v else "—" for v in row))
# The same 1,000 hot keys at every size: the cache's own scaling, without the growing data working set of the loop above.
for kind in ("exact", "prefix"):
    row = [ours.get(f"optimistic-loop-hot1000/{n}-{kind}") for n in (1000, 10000, 100000)]
    print(f"- optimistic-loop-hot1000/{kind} (same 1,000 keys): " + " → ".join(f"{v:,.0f} ns" if v else "—" for v in row))
for name in ("keys/notifications-key", "keys/router-prefix"):
    if name in ours: print(f"- {name} (built outside the timed loops): {ours[name]:,.0f} ns")
print()
print(f"lowest ratio: {worst:,.0f}×" if worst else "lowest ratio: n/a")
PY
