using BenchmarkDotNet.Running;
using Optimistic.Query.Benchmarks;

int quick = Array.IndexOf(args, "--quick");
if (quick >= 0)
{
    await QuickMode.RunAsync(Console.Out, quick + 1 < args.Length ? args[quick + 1] : "");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args);
