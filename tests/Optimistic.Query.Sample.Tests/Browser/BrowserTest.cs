using Microsoft.Playwright;

namespace Optimistic.Query.Sample.Tests.Browser;

/// <summary>A test in a fresh browser context against a reset backend; screenshots each page it used.</summary>
[Collection(SampleAppCollection.Name)]
public abstract class BrowserTest : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly List<(IPage Page, string Name)> _pages = new();
    private readonly List<string> _console = new();
    private IBrowserContext? _context;

    static BrowserTest() => Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);

    protected BrowserTest(SampleApp app) => App = app;

    protected SampleApp App { get; }

    public async Task InitializeAsync()
    {
        if (App.SkipReason is not null) return;
        await App.PostAsync("/backend/reset");
        _context = await App.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
    }

    public async Task DisposeAsync()
    {
        if (_context is null) return;
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        foreach (var (page, name) in _pages)
        {
            if (!page.IsClosed) await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
        lock (_console) File.WriteAllLines(Path.Combine(folder, _pages.FirstOrDefault().Name + ".console.log"), _console);
        await _context.CloseAsync();
        await App.PostAsync("/backend/reset"); // releases anything a failed test left held
    }

    /// <summary>Opens <paramref name="path"/> and waits until the circuit is live (before, clicks do nothing).</summary>
    /// <param name="path">The page.</param>
    /// <param name="screenshot">The screenshot's name under TestResults/.</param>
    protected async Task<IPage> OpenAsync(string path, string screenshot)
    {
        Skip.If(App.SkipReason is not null, App.SkipReason);
        var page = await _context!.NewPageAsync();
        _pages.Add((page, screenshot));
        page.Console += (_, message) => { lock (_console) _console.Add($"{message.Type}: {message.Text}"); };
        page.PageError += (_, error) => { lock (_console) _console.Add("pageerror: " + error); };
        await page.GotoAsync(new Uri(App.Address, path).ToString());
        await Assertions.Expect(page.GetByTestId("interactive")).ToBeVisibleAsync();
        return page;
    }

    protected static ILocator Notification(IPage page, string id) => page.Locator($"[data-testid=notification][data-id='{id}']");

    protected static ILocator Configuration(IPage page, string id) => page.Locator($"[data-testid=configuration][data-id='{id}']");

    /// <summary>Waits until the backend's stats satisfy <paramref name="condition"/>.</summary>
    protected async Task<BackendStats> ServerAsync(Func<BackendStats, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var stats = await App.StatsAsync();
            if (condition(stats)) return stats;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The server never got there: {what}. Last stats: {stats}");
            await Task.Delay(25);
        }
    }

    /// <summary>Waits for the settled refetch: no fetch indicator on the page.</summary>
    protected static Task SettledAsync(IPage page) => Assertions.Expect(page.GetByTestId("fetching")).ToHaveCountAsync(0);

    protected static Task NoSuccessToastAsync(IPage page) => Assertions.Expect(page.GetByTestId("toast-success")).ToHaveCountAsync(0);
}
