#!/usr/bin/env bash
# Analyzer overhead: our analyzers' ReportAnalyzer time as a share of the Csc task time on a large synthetic project
# that uses the runtime everywhere (tests/Optimistic.Query.Benchmarks/SyntheticProject/generate.py).
#
# Usage: tests/Optimistic.Query.Benchmarks/analyzer-overhead.sh [files]     (default 2000 files)
#   RUNS=3            measured builds after one warm-up build; the figures are their medians
#   SDK_ANALYZERS=1   also measure with the SDK's default analyzers on (-p:EnableNETAnalyzers=true), for the ratio
#   MARGINAL=1        also build RUNS times without our analyzer assemblies and print the Csc CPU-time difference (the
#                     whole marginal cost, including binding the IOperation trees our operation actions need, which
#                     ReportAnalyzer does not charge to any analyzer; needs a quiet machine to resolve a few percent)
#   COMPONENTS=1      the component variant: a Razor class library whose mutations live in the @code blocks of Blazor
#                     components (one per feature file), so the rules run on the Razor generator's output
#   KEEP=1            keep the work folder (generated project, feed, build logs) and print its path
#   COMPARE=REV       also measure the analyzer assembly of git revision REV (built Release from a temporary worktree) on
#                     the same project, interleaved with this checkout's build by build (the order alternating), and print
#                     both medians: the two figures then come from the same machine state, which a figure recorded on
#                     another day does not (the compile's own time moved 2.5x between recorded series)
#   TRACE=1           record each measured compile with EventPipe (sample profiler and JIT events; implies KEEP=1):
#                     trace-*.nettrace in the work folder, for `dotnet-trace convert --format Speedscope`
#
# How the project references us (what users get): both packages are packed (Release) from this checkout into a temp
# feed under a fresh version and restored with an isolated NUGET_PACKAGES; the project has one PackageReference to
# Optimistic.Query, whose dependency brings Optimistic.Query.Analyzers (analyzers/dotnet/cs). Each measured build is
# `dotnet build --no-incremental` with -p:UseSharedCompilation=false (a fresh csc process, JIT included, as in CI),
# -p:ReportAnalyzer=true, -v:d and the task performance summary. Our time is the row of the Optimistic.Query.Analyzers
# assembly in "Total analyzer execution time" (the sum of its OPTnnn rows; the shared model is charged to the first
# rule that asks for it); the compile time is the Csc task's time. The last line is:
#   analyzer overhead: X.X% of compile time (N files, M mutations)
# Outside CI: on a shared machine the absolute times move with the load; the percentage is the figure.
set -euo pipefail
{ # read whole before running: editing this file during a run cannot change the run
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/tests/Optimistic.Query.Benchmarks"
files=${1:-2000}
runs=${RUNS:-3}

work=$(mktemp -d "${TMPDIR:-/tmp}/analyzer-overhead.XXXXXX")
[ "${TRACE:-0}" = 1 ] && KEEP=1
if [ "${KEEP:-0}" = 1 ]; then echo "work folder: $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
export NUGET_PACKAGES="$work/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
version="0.0.1-overhead$(date -u +%Y%m%d%H%M%S)"

echo "packing the runtime and the analyzers ($version, Release)…" >&2
for project in src/Optimistic.Query.Analyzers.Package/Optimistic.Query.Analyzers.Package.csproj src/Optimistic.Query/Optimistic.Query.csproj; do
  dotnet pack "$root/$project" -c Release -o "$work/feed" "-p:Version=$version" -nodeReuse:false -v:q > "$work/pack.log" 2>&1 \
    || { cat "$work/pack.log" >&2; exit 1; }
done

echo "generating $files files…" >&2
components=(); [ "${COMPONENTS:-0}" = 1 ] && components=(--components)
python3 "$here/SyntheticProject/generate.py" --out "$work/proj" --files "$files" --package-version "$version" "${components[@]}" >&2
cat > "$work/proj/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="optimistic-query-local" value="$work/feed" />
  </packageSources>
</configuration>
EOF
# A folder of its own in the temp directory: no Directory.Build.* or central package management from above.
for f in Directory.Build.props Directory.Packages.props; do echo "<Project />" > "$work/proj/$f"; done
cat > "$work/proj/Directory.Build.targets" <<'EOF'
<Project>
  <!-- Baseline builds (-p:DropOptimisticAnalyzers=true): the same compile without our analyzer assemblies. -->
  <Target Name="DropOptimisticAnalyzers" BeforeTargets="CoreCompile" Condition="'$(DropOptimisticAnalyzers)' == 'true'">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="'%(Filename)' == 'Optimistic.Query.Analyzers' or '%(Filename)' == 'Optimistic.Query.CodeFixes'" />
    </ItemGroup>
  </Target>
</Project>
EOF
# The compiler the SDK would run, wrapped by /usr/bin/time to record its CPU time (same binary, same arguments).
csc=$(cd "$work/proj" && dotnet msbuild Synthetic.csproj -getProperty:RoslynTargetsPath 2>/dev/null)/bincore/csc
[ -x "$csc" ] || { echo "no compiler at $csc" >&2; exit 1; }
mkdir -p "$work/bin"
printf '#!/usr/bin/env bash\nexec /usr/bin/time -f "%%U %%S %%e" -a -o "$CSC_TIMES" %q "$@"\n' "$csc" > "$work/bin/csc-timed"
chmod +x "$work/bin/csc-timed"
if [ "${TRACE:-0}" = 1 ]; then
  # Traced compiles: the same compiler with EventPipe writing to $CSC_TRACE (set per build below).
  printf '#!/usr/bin/env bash\nexport DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath="$CSC_TRACE" DOTNET_EventPipeCircularMB=2048\nexport DOTNET_EventPipeConfig=%q\nexec /usr/bin/time -f "%%U %%S %%e" -a -o "$CSC_TIMES" %q "$@"\n' \
    'Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x4c14fccbd:5' "$csc" > "$work/bin/csc-timed"
fi
dotnet restore "$work/proj/Synthetic.csproj" -nodeReuse:false -v:q > "$work/restore.log" 2>&1 || { cat "$work/restore.log" >&2; exit 1; }

build() { # $1 = log name, $2 = EnableNETAnalyzers, $3 = DropOptimisticAnalyzers
  CSC_TRACE="$work/trace-$1.nettrace" CSC_TIMES="$work/$1.cpu" dotnet build "$work/proj/Synthetic.csproj" --no-restore --no-incremental -nodeReuse:false \
    -p:UseSharedCompilation=false -p:ReportAnalyzer=true "-p:EnableNETAnalyzers=$2" "-p:DropOptimisticAnalyzers=$3" \
    "-p:CscToolPath=$work/bin" -p:CscToolExe=csc-timed \
    -v:d -clp:PerformanceSummary > "$work/$1.log" 2>&1 || { tail -50 "$work/$1.log" >&2; exit 1; }
  cut -d' ' -f1-3 /proc/loadavg > "$work/$1.load"
}

# COMPARE: the other revision's analyzer assembly, swapped into the restored package for its builds.
analyzer_dll=$(find "$NUGET_PACKAGES/optimistic.query.analyzers" -name Optimistic.Query.Analyzers.dll -path '*analyzers/dotnet/cs*' | head -n 1)
if [ -n "${COMPARE:-}" ]; then
  echo "building the analyzers of $COMPARE for comparison…" >&2
  git -C "$root" worktree add --detach "$work/compare-src" "$COMPARE" > "$work/compare.log" 2>&1 || { cat "$work/compare.log" >&2; exit 1; }
  dotnet build "$work/compare-src/src/Optimistic.Query.Analyzers/Optimistic.Query.Analyzers.csproj" -c Release -nodeReuse:false -v:q >> "$work/compare.log" 2>&1 \
    || { git -C "$root" worktree remove --force "$work/compare-src"; cat "$work/compare.log" >&2; exit 1; }
  cp "$analyzer_dll" "$work/this.dll"
  cp "$work/compare-src/src/Optimistic.Query.Analyzers/bin/Release/netstandard2.0/Optimistic.Query.Analyzers.dll" "$work/compare.dll"
  git -C "$root" worktree remove --force "$work/compare-src"
fi
compare_build() { # $1 = run number: the other revision's build, before this checkout's on even runs and after it on odd ones
  cp "$work/compare.dll" "$analyzer_dll"
  echo "EnableNETAnalyzers=false: $COMPARE's analyzers, measured build $1/$runs…" >&2
  build "cmp-sdk-false-$1" false false
  cp "$work/this.dll" "$analyzer_dll"
}

modes=(false)
[ "${SDK_ANALYZERS:-0}" = 1 ] && modes+=(true)
for sdk in "${modes[@]}"; do
  echo "EnableNETAnalyzers=$sdk: warm-up build…" >&2
  build "warmup-sdk-$sdk" "$sdk" false
  for i in $(seq 1 "$runs"); do
    [ -n "${COMPARE:-}" ] && [ "$sdk" = false ] && [ $((i % 2)) = 0 ] && compare_build "$i"
    echo "EnableNETAnalyzers=$sdk: measured build $i/$runs (load average: $(cut -d' ' -f1-3 /proc/loadavg))…" >&2
    build "run-sdk-$sdk-$i" "$sdk" false
    [ -n "${COMPARE:-}" ] && [ "$sdk" = false ] && [ $((i % 2)) = 1 ] && compare_build "$i"
    if [ "${MARGINAL:-0}" = 1 ] && [ "$sdk" = false ]; then
      echo "EnableNETAnalyzers=$sdk: baseline build without our analyzers $i/$runs…" >&2
      build "base-sdk-$sdk-$i" "$sdk" true
    fi
  done
done

python3 - "$work" "$runs" "${COMPARE:-}" "${modes[@]}" <<'PY'
import json, os, re, statistics, sys
work, runs, compare, modes = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
OURS = "Optimistic.Query.Analyzers"
SDK = ("Microsoft.CodeAnalysis.NetAnalyzers", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers")
row = re.compile(r"^\s+(<?[0-9.]+)\s+<?\d+\s+(\S.*?)\s*$")

def seconds(text):
    return 0.0005 if text.startswith("<") else float(text)

def parse(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    csc = [int(m) for m in re.findall(r"^\s*(\d+) ms\s+Csc\s+\d+ calls", text, re.M)]
    if not csc: sys.exit(f"no Csc task time in {path}")
    start = text.find("Total analyzer execution time:")
    end = text.find("Total generator execution time:", start)
    if start < 0: sys.exit(f"no ReportAnalyzer table in {path}")
    total = float(re.search(r"Total analyzer execution time: ([0-9.]+)", text[start:]).group(1))
    assemblies, rules, current = {}, {}, None
    for line in text[start:end if end > 0 else None].splitlines():
        m = row.match(line)
        if not m: continue
        name = m.group(2)
        if ", Version=" in name:  # an assembly row
            current = name.split(",")[0]
            assemblies[current] = seconds(m.group(1))
        elif current == OURS:
            ids = re.search(r"\(([^)]*)\)\s*$", name)
            rules[ids.group(1) if ids else name.rsplit(".", 1)[-1]] = (seconds(m.group(1)), name.split(" (")[0].rsplit(".", 1)[-1])
    user, system, _ = (float(x) for x in open(path[:-4] + ".cpu").read().split()[-3:])
    return {"csc": max(csc) / 1000.0, "cpu": user + system, "load": open(path[:-4] + ".load").read().split()[0], "total": total, "ours": assemblies.get(OURS, 0.0),
            "sdk": sum(assemblies.get(a, 0.0) for a in SDK), "rules": rules}

summary = json.load(open(f"{work}/proj/synthetic.json"))
med = statistics.median
result = {}
for sdk in modes:
    rs = [parse(f"{work}/run-sdk-{sdk}-{i}.log") for i in range(1, runs + 1)]
    for i, r in enumerate(rs, 1):
        print(f"  run {i} (SDK analyzers {'on' if sdk == 'true' else 'off'}, load {r['load']}): Csc {r['csc']:.2f} s ({r['cpu']:.1f} s CPU), all analyzers {r['total']:.3f} s, "
              f"ours {r['ours']:.3f} s ({100 * r['ours'] / r['csc']:.2f}%)" + (f", SDK {r['sdk']:.3f} s" if sdk == "true" else ""))
    result[sdk] = {"csc": med(r["csc"] for r in rs), "cpu": med(r["cpu"] for r in rs), "ours": med(r["ours"] for r in rs), "sdk": med(r["sdk"] for r in rs),
                   "total": med(r["total"] for r in rs), "pct": med(100 * r["ours"] / r["csc"] for r in rs),
                   "rules": {k: (med(r["rules"].get(k, (0.0, ""))[0] for r in rs), rs[0]["rules"][k][1]) for k in rs[0]["rules"]}}

main = result["false"]
print(f"\nMedian of {runs} runs, SDK analyzers off: Csc {main['csc']:.2f} s ({main['cpu']:.1f} s CPU), all analyzers {main['total']:.3f} s, "
      f"Optimistic.Query.Analyzers {main['ours']:.3f} s")
print("  per rule (ReportAnalyzer; the shared model is charged to the first rule that builds it):")
for rule, (secs, name) in sorted(main["rules"].items(), key=lambda kv: -kv[1][0]):
    print(f"    {rule:<8} {secs:7.3f} s  {100 * secs / main['csc']:5.2f}%  {name}")
if os.path.exists(f"{work}/base-sdk-false-1.log"):
    base = [sum(float(x) for x in open(f"{work}/base-sdk-false-{i}.cpu").read().split()[-3:-1]) for i in range(1, runs + 1)]
    print(f"\nMarginal (Csc CPU time, medians): with ours {main['cpu']:.1f} s, without {med(base):.1f} s, "
          f"difference {main['cpu'] - med(base):+.1f} s ({100 * (main['cpu'] - med(base)) / med(base):+.1f}%); "
          f"baseline runs: {', '.join(f'{b:.1f}' for b in base)} s")
if "true" in result:
    s = result["true"]
    print(f"\nSDK analyzers on: Csc {s['csc']:.2f} s, SDK analyzers (NetAnalyzers) {s['sdk']:.3f} s "
          f"({100 * s['sdk'] / s['csc']:.1f}% of compile), ours {s['ours']:.3f} s ({s['pct']:.2f}%); "
          f"ours / SDK = {s['ours'] / s['sdk']:.2f}" if s["sdk"] else "\nSDK analyzers on: no NetAnalyzers rows found")
if compare:
    cs = [parse(f"{work}/cmp-sdk-false-{i}.log") for i in range(1, runs + 1)]
    for i, r in enumerate(cs, 1):
        print(f"  {compare} run {i} (load {r['load']}): Csc {r['csc']:.2f} s ({r['cpu']:.1f} s CPU), ours {r['ours']:.3f} s ({100 * r['ours'] / r['csc']:.2f}%)")
    print(f"\nInterleaved comparison, medians of {runs} runs each: this checkout {main['pct']:.2f}% ({main['ours']:.3f} s), "
          f"{compare} {med(100 * r['ours'] / r['csc'] for r in cs):.2f}% ({med(r['ours'] for r in cs):.3f} s)")
components = f", {summary['components']} components" if summary.get("components") else ""
print(f"analyzer overhead: {main['pct']:.1f}% of compile time ({summary['files']} files{components}, {summary['mutations']} mutations)")
PY
}; exit
