using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Optimistic.Query.Analyzers.Benchmarks;
using Optimistic.Query.Analyzers.Benchmarks.Ide;

// Usage: dotnet run -c Release --project tests/Optimistic.Query.Analyzers.Benchmarks -- [--files N | --dir DIR] [--rounds R] [--analyzers-only]
//        ... -- model [--files N | --dir DIR] [--rounds R]  the shared model build alone: time and bytes allocated
//        ... -- ide [BenchmarkDotNet arguments]         the cost per edit in an IDE (Ide/IdeEditBenchmarks.cs), in-process
//        ... -- ide-quick [--sizes 100,500,2000] [--documents Mutations,NoMutations,…] [--first N] [--later N] [--sets None,NoOp,…] [--marks FILE]
//                                                      the same, without BenchmarkDotNet, analyzer sets interleaved edit by edit
if (args.Length > 0 && args[0] == "ide")
{
    var rest = args.Skip(1).ToList();
    if (!rest.Contains("--filter")) rest.AddRange(["--filter", "*Ide*", "*CompilationSetup*"]);
    // In-process (no generated project to build), with room for a 2,000-file load on a loaded machine (the default
    // in-process timeout is 5 minutes per benchmark).
    var inProcess = Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(3), logOutput: true)).AsMutator();
    BenchmarkSwitcher.FromAssembly(typeof(IdeEditBenchmarks).Assembly).Run(rest.ToArray(), DefaultConfig.Instance.AddJob(inProcess));
    return 0;
}

if (args.Length > 0 && args[0] == "model")
{
    var modelArguments = MeasurementCommandLine.Parse(args.Skip(1).ToArray());
    if (modelArguments is null)
    {
        Console.Error.WriteLine("usage: model [--files N (default 1000) | --dir DIR] [--rounds R (default 3)]");
        return 2;
    }

    var modelSources = modelArguments.Directory is { } modelDirectory ? SyntheticSources.Load(modelDirectory) : SyntheticSources.Generate(modelArguments.Files);
    ModelBuildMeasurement.Run(modelSources, modelArguments.Rounds, Console.Out);
    return 0;
}

if (args.Length > 0 && args[0] == "ide-quick")
{
    var quick = QuickCommandLine.Parse(args.Skip(1).ToArray());
    if (quick is null)
    {
        // The names come from the enums, so the usage lists every document and set there is.
        Console.Error.WriteLine($"usage: ide-quick [--sizes 100,500,2000] [--documents {string.Join(',', Enum.GetNames<EditedDocument>())}] [--first N (default 5)] [--later N (default 15)] [--sets {string.Join(',', Enum.GetNames<AnalyzerSet>())} (default: the first five)] [--marks FILE]");
        return 2;
    }

    Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, load average {InterleavedEdits.LoadAverage()}");
    InterleavedEdits.Run(quick.Sizes, quick.Documents, quick.First, quick.Later, quick.Sets, quick.MarksPath, Console.Out);
    return 0;
}

var arguments = MeasurementCommandLine.Parse(args);
if (arguments is null)
{
    Console.Error.WriteLine("usage: [--files N (default 1000) | --dir DIR] [--rounds R (default 3)] [--analyzers-only]");
    return 2;
}

var sources = arguments.Directory is { } directory
    ? SyntheticSources.Load(directory)
    : SyntheticSources.Generate(arguments.Files);
var report = InProcessMeasurement.Run(sources, arguments.Rounds, arguments.AnalyzersOnly, Console.Error);
report.Write(Console.Out);
return 0;

internal sealed record MeasurementCommandLine(int Files, string? Directory, int Rounds, bool AnalyzersOnly)
{
    public static MeasurementCommandLine? Parse(string[] args)
    {
        int files = 1000, rounds = 3;
        string? directory = null;
        bool analyzersOnly = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--files" when i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out files) && files > 1:
                    break;
                case "--dir" when i + 1 < args.Length:
                    directory = args[++i];
                    break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out rounds) && rounds > 0:
                    break;
                case "--analyzers-only":
                    analyzersOnly = true;
                    break;
                default:
                    return null;
            }
        }

        return new MeasurementCommandLine(files, directory, rounds, analyzersOnly);
    }
}

internal sealed record QuickCommandLine(IReadOnlyList<int> Sizes, IReadOnlyList<EditedDocument> Documents, int First, int Later, IReadOnlyList<AnalyzerSet> Sets, string? MarksPath)
{
    public static QuickCommandLine? Parse(string[] args)
    {
        IReadOnlyList<int> sizes = [100, 500, 2000];
        IReadOnlyList<EditedDocument> documents = Enum.GetValues<EditedDocument>();
        IReadOnlyList<AnalyzerSet> sets = [AnalyzerSet.None, AnalyzerSet.NoOp, AnalyzerSet.Ours, AnalyzerSet.NetAnalyzers, AnalyzerSet.NetAnalyzersAndOurs];
        int first = 5, later = 15;
        string? marksPath = null;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--sizes" when i + 1 < args.Length:
                        sizes = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
                        break;
                    case "--documents" when i + 1 < args.Length:
                        documents = args[++i].Split(',').Select(Enum.Parse<EditedDocument>).ToList();
                        break;
                    case "--first" when i + 1 < args.Length:
                        first = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--marks" when i + 1 < args.Length:
                        marksPath = args[++i];
                        break;
                    case "--sets" when i + 1 < args.Length:
                        sets = args[++i].Split(',').Select(Enum.Parse<AnalyzerSet>).ToList();
                        break;
                    case "--later" when i + 1 < args.Length:
                        later = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    default:
                        return null;
                }
            }
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }

        return first > 0 && later > 0 && sets.Count > 0 ? new QuickCommandLine(sizes, documents, first, later, sets, marksPath) : null;
    }
}
