using System.Globalization;
using Optimistic.Query.Analyzers.Benchmarks;

// Usage: dotnet run -c Release --project tests/Optimistic.Query.Analyzers.Benchmarks -- [--files N | --dir DIR] [--rounds R] [--analyzers-only]
var arguments = CommandLine.Parse(args);
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

internal sealed record CommandLine(int Files, string? Directory, int Rounds, bool AnalyzersOnly)
{
    public static CommandLine? Parse(string[] args)
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

        return new CommandLine(files, directory, rounds, analyzersOnly);
    }
}
