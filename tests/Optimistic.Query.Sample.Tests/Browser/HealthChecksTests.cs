using static Microsoft.Playwright.Assertions;

namespace Optimistic.Query.Sample.Tests.Browser;

public sealed class HealthChecksTests(SampleApp app) : BrowserTest(app)
{
    [SkippableFact]
    public async Task Pause_flips_at_once_and_stays_once_the_server_confirms()
    {
        var page = await OpenAsync("/health-checks", "health-checks-pause");
        await App.PostAsync("/backend/hold/writes");

        await Configuration(page, "c1").GetByTestId("toggle-pause").ClickAsync();

        await Expect(Configuration(page, "c1")).ToHaveAttributeAsync("data-paused", "true");
        Assert.Equal(0, (await App.StatsAsync()).WritesCompleted);
        await App.PostAsync("/backend/release/writes");
        await ServerAsync(s => s.WritesCompleted == 1 && s.FetchesOf("configurations") == 2, "the write answered and the list refetched");
        await Expect(Configuration(page, "c1")).ToHaveAttributeAsync("data-paused", "true");
        await NoSuccessToastAsync(page);
    }

    [SkippableFact]
    public async Task A_failed_resume_rolls_its_layer_back_with_an_error_toast()
    {
        var page = await OpenAsync("/health-checks", "health-checks-rollback");
        await page.GetByTestId("fail-switch").CheckAsync();
        await ServerAsync(s => s.FailRequests, "the failure switch on");
        await App.PostAsync("/backend/hold/writes");

        await Configuration(page, "c3").GetByTestId("toggle-pause").ClickAsync(); // c3 starts paused: resume
        await Expect(Configuration(page, "c3")).ToHaveAttributeAsync("data-paused", "false");
        await App.PostAsync("/backend/release/writes");

        await Expect(Configuration(page, "c3")).ToHaveAttributeAsync("data-paused", "true");
        await Expect(page.GetByTestId("toast-error")).ToContainTextAsync("Failed to resume the health check");
        await NoSuccessToastAsync(page);
    }
}
