using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Optimistic.Query.Sample.Tests.Browser;

/// <summary>
/// The layout's &lt;QueryFocusManager /&gt; end to end: the browser's own events reach the circuit's client through the
/// shipped module, and the list on screen refetches.
/// </summary>
public sealed class FocusAndNetworkTests(SampleApp app) : BrowserTest(app)
{
    private const string FirstPage = "notifications:0:False";

    /// <summary>The events a tab switch fires (a headless page never gets hidden on its own).</summary>
    private const string HideAndShowTheTab = """
        () => {
          const show = visible => {
            Object.defineProperty(document, 'visibilityState', { value: visible ? 'visible' : 'hidden', configurable: true });
            document.dispatchEvent(new Event('visibilitychange'));
          };
          show(false);
          show(true);
        }
        """;

    [SkippableFact]
    public async Task Showing_the_tab_again_refetches_the_list()
    {
        var page = await OpenListAsync("focus-refetch");
        int before = (await App.StatsAsync()).FetchesOf(FirstPage);

        await RepeatUntilServerAsync(() => page.EvaluateAsync(HideAndShowTheTab), s => s.FetchesOf(FirstPage) > before,
            "the list refetched when the tab was shown");

        await SettledAsync(page);
        await Expect(page.GetByTestId("notifications")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task The_network_coming_back_refetches_the_list()
    {
        var page = await OpenListAsync("reconnect-refetch");
        int before = (await App.StatsAsync()).FetchesOf(FirstPage);

        // The browser's network emulation (what devtools' "Offline" uses): navigator.onLine flips and offline/online fire;
        // the circuit's WebSocket to 127.0.0.1 stays up under it.
        await RepeatUntilServerAsync(async () =>
        {
            await page.Context.SetOfflineAsync(true);
            await page.Context.SetOfflineAsync(false);
        }, s => s.FetchesOf(FirstPage) > before, "the list refetched when the network came back");

        await SettledAsync(page);
        await Expect(page.GetByTestId("notifications")).ToBeVisibleAsync();
    }

    private async Task<IPage> OpenListAsync(string screenshot)
    {
        var page = await OpenAsync("/", screenshot);
        await Expect(page.GetByTestId("notifications")).ToBeVisibleAsync();
        await SettledAsync(page);
        return page;
    }

    /// <summary>
    /// Fires the events until the server sees the refetch: the module starts listening a moment after the page turns
    /// interactive (it is imported after the first interactive render), and events before that reach nobody.
    /// </summary>
    private async Task RepeatUntilServerAsync(Func<Task> fireEvents, Func<BackendStats, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            await fireEvents();
            for (int poll = 0; poll < 20; poll++)
            {
                if (condition(await App.StatsAsync())) return;
                await Task.Delay(25);
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The server never got there: {what}. Last stats: {await App.StatsAsync()}");
        }
    }
}
