#!/usr/bin/env python3
"""Where each analyzer set's edits spend CPU, from a perf profile of `ide-quick --marks FILE`.

The sets take turns edit by edit in one process, so their samples share the machine's state; the marks file gives each
later edit's window on the monotonic clock, which tells the samples apart. Prints the CPU per edit (ms) of each set by
bucket (the first bucket a sample's stack matches), and each set minus the baseline set. With --callers PATTERN, the
stacks (leaf first, DEPTH frames) of the samples that reach a frame matching PATTERN, per set.

    perf record -k CLOCK_MONOTONIC -F 999 -g -o edits.data -- \\
        dotnet Optimistic.Query.Analyzers.Benchmarks.dll ide-quick --sizes 2000 --documents Mutations --first 1 \\
        --later 101 --sets NetAnalyzers,NetAnalyzersAndOurs,NetAnalyzersAndNoOps --marks marks.txt
    perf script -i edits.data -F tid,time,ip,sym > edits.txt
    python3 perf-sets.py edits.txt marks.txt [--baseline NetAnalyzers] [--callers PATTERN [--depth 8]]

Run with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0, or perf cannot name the JIT-compiled frames.
Frames of the runtime and of ReadyToRun framework code stay unnamed ("[unknown]"): garbage collection, thread-pool
spinning and waits end up in the "runtime, unnamed" bucket.
"""
import argparse
import bisect
import collections
import re

BUCKETS = [
    ("[SuppressMessage] check of a reported diagnostic", r"SuppressMessageAttributeState"),
    ("our rules", r"Optimistic\.Query\.Analyzers\.(?!Benchmarks)"),
    ("compilation-start actions", r"ExecuteCompilationStartActions"),
    ("per-symbol actions", r"GetPerSymbolAnalyzerActionsAsync"),
    ("operation blocks (driver)", r"GetOperationBlocksToAnalyze"),
    ("operation actions (driver)", r"executeOperationsActions|ExecuteOperationActions"),
    ("NetAnalyzers", r"NetAnalyzers|Microsoft\.CodeQuality|Microsoft\.NetCore|Analyzer\.Utilities"),
    ("compiler diagnostics", r"CompilerDiagnosticAnalyzer|GetDiagnosticsForSyntaxTree|ClsCompliance|DocumentationCommentCompiler|MethodCompiler"),
    ("analyzer driver, other", r"AnalyzerDriver|AnalyzerExecutor|CompilationWithAnalyzers|AnalyzerManager|AnalysisState|AnalysisResultBuilder"),
    ("runtime, unnamed", r"\[unknown\]|libcoreclr"),
    ("other", r"."),
]
HEADER = re.compile(r"^\s*\d+\s+([\d.]+):")


def read_marks(path):
    marks = sorted((int(start) / 1e9, int(end) / 1e9, name) for name, start, end in (line.split() for line in open(path)))
    return marks, [m[0] for m in marks], collections.Counter(m[2] for m in marks)


def samples(path, marks, starts):
    """Yields (set, stack) for each sample taken inside an edit; stack is leaf first."""
    current, stack = None, []
    for line in open(path, errors="replace"):
        if not line.strip():
            if current and stack:
                yield current, stack
            current, stack = None, []
            continue
        header = HEADER.match(line)
        if header and not line.startswith("\t"):
            time = float(header.group(1))
            i = bisect.bisect_right(starts, time) - 1
            current = marks[i][2] if i >= 0 and time <= marks[i][1] else None
            stack = []
        elif line[0] in "\t ":
            parts = line.strip().split(" ", 1)
            stack.append(parts[1] if len(parts) > 1 else "?")
    if current and stack:
        yield current, stack


def short(frame):
    frame = re.sub(r"\[(QuickJitted|Optimized|OptimizedTier1|Tier0|Tier1|Instrumented\w*|PreJIT|OSR)\]", "", frame)
    frame = re.sub(r"class |valuetype |instance |\[[\w.]+\]", "", frame)
    return re.sub(r"\(.*", "", frame).strip()[-100:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("script")
    parser.add_argument("marks")
    parser.add_argument("--baseline", default="NetAnalyzers")
    parser.add_argument("--hz", type=float, default=999)
    parser.add_argument("--callers")
    parser.add_argument("--depth", type=int, default=8)
    args = parser.parse_args()
    marks, starts, edits = read_marks(args.marks)
    per_edit = lambda count, name: count / edits[name] / args.hz * 1000

    if args.callers:
        pattern = re.compile(args.callers)
        stacks = collections.defaultdict(collections.Counter)
        for name, stack in samples(args.script, marks, starts):
            for i, frame in enumerate(stack):
                if pattern.search(frame):
                    stacks[name][" <- ".join(short(f) for f in stack[i:i + args.depth])] += 1
                    break
        for name in sorted(stacks):
            print(f"== {name}: {per_edit(sum(stacks[name].values()), name):.2f} ms per edit")
            for stack, count in stacks[name].most_common(8):
                print(f"{per_edit(count, name):7.2f}  {stack}")
        return

    counts = collections.defaultdict(collections.Counter)
    compiled = [(bucket, re.compile(pattern)) for bucket, pattern in BUCKETS]
    for name, stack in samples(args.script, marks, starts):
        bucket = next(b for b, p in compiled if any(p.search(frame) for frame in stack))
        counts[name][bucket] += 1
    names = sorted(counts)
    print("CPU ms per edit (minus " + args.baseline + ")".ljust(50) + "".join(n[:26].rjust(28) for n in names))
    for bucket in [b for b, _ in BUCKETS] + ["total"]:
        cells = []
        for name in names:
            mine = sum(counts[name].values()) if bucket == "total" else counts[name][bucket]
            base = sum(counts[args.baseline].values()) if bucket == "total" else counts[args.baseline][bucket]
            value, baseline = per_edit(mine, name), per_edit(base, args.baseline)
            cells.append(f"{value:9.2f} ({value - baseline:+7.2f})".rjust(28))
        print(bucket.ljust(50) + "".join(cells))


if __name__ == "__main__":
    main()
