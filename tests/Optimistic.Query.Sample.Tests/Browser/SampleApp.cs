using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Optimistic.Query.Sample.Tests.Browser;

/// <summary>
/// Starts the built sample in a process of its own on 127.0.0.1 at a free port (Kestrel picks it: port 0), and one
/// headless chromium; stops both at the end. Each test gets a fresh browser context (a fresh profile: no cookies, no
/// storage) and a reset backend.
/// </summary>
public sealed partial class SampleApp : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private Process? _process;
    private IPlaywright? _playwright;

    /// <summary>Why the browser tests cannot run here, or null.</summary>
    public string? SkipReason { get; private set; }

    public Uri Address { get; private set; } = default!;

    public HttpClient Http { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public async Task InitializeAsync()
    {
        var chromium = Chromium.Find();
        if (chromium is null)
        {
            if (Chromium.Required) throw new InvalidOperationException("CI=true: " + Chromium.MissingMessage);
            SkipReason = Chromium.MissingMessage;
            return;
        }
        await StartSampleAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = Chromium.Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    public async Task<BackendStats> StatsAsync() =>
        (await Http.GetFromJsonAsync<BackendStats>("/backend/stats"))!;

    public async Task PostAsync(string path)
    {
        using var response = await Http.PostAsync(path, content: null);
        response.EnsureSuccessStatusCode();
    }

    private async Task StartSampleAsync()
    {
        var output = Path.Combine(Repository.Sample, "bin", Repository.Configuration, "net10.0");
        var dll = Path.Combine(output, "Optimistic.Query.Sample.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("The sample is not built (it builds with this test project).", dll);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, "--urls", "http://127.0.0.1:0", "--Backend:LatencyMs", "100" }) start.ArgumentList.Add(argument);
        // Development serves the static web assets (blazor.web.js, app.css) from the build output, as `dotnet run` does.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start };
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (_output) _output.AppendLine(e.Data);
            if (ListeningPattern().Match(e.Data) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
        _process.OutputDataReceived += OnLine;
        _process.ErrorDataReceived += OnLine;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(2)));
        if (first != listening.Task) throw new InvalidOperationException("The sample did not start listening:\n" + Output);
        Address = await listening.Task;
        Http = new HttpClient { BaseAddress = Address };
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningPattern();
}

/// <summary>What the simulated backend has seen (its /backend/stats).</summary>
public sealed record BackendStats(Dictionary<string, int> Fetches, int ReadsAnswered, int WritesStarted, int WritesCompleted, bool FailRequests)
{
    public int FetchesOf(string what) => Fetches.GetValueOrDefault(what);
}

[CollectionDefinition(Name)]
public sealed class SampleAppCollection : ICollectionFixture<SampleApp>
{
    public const string Name = "sample app";
}
