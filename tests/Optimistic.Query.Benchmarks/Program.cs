using BenchmarkDotNet.Running;
using Optimistic.Query.Benchmarks;

if (args.Contains("--quick"))
{
    await QuickMode.RunAsync(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args);
