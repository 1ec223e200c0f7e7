using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Optimistic.Query.Sample.Tests.Browser;

public sealed class NotificationsTests(SampleApp app) : BrowserTest(app)
{
    [SkippableFact]
    public async Task A_click_flips_the_row_while_the_server_request_is_still_pending()
    {
        var page = await OpenAsync("/", "notifications-flip");
        await App.PostAsync("/backend/hold/writes");
        var firstUnread = page.Locator("[data-testid=notification][data-read=false]").First;
        var id = (await firstUnread.GetAttributeAsync("data-id"))!;

        await firstUnread.GetByTestId("mark-read").ClickAsync();

        await Expect(Notification(page, id)).ToHaveAttributeAsync("data-read", "true");
        var stats = await App.StatsAsync();
        Assert.Equal(0, stats.WritesCompleted); // the server has not answered: the flip is optimistic

        await App.PostAsync("/backend/release/writes");
        await ServerAsync(s => s.WritesCompleted == 1, "the write answered");
        await SettledAsync(page);
        await Expect(Notification(page, id)).ToHaveAttributeAsync("data-read", "true");
        await NoSuccessToastAsync(page);
    }

    [SkippableFact]
    public async Task With_failures_on_the_row_flips_back_with_an_error_toast_and_the_page_keeps_working()
    {
        var page = await OpenAsync("/", "notifications-rollback");
        await page.GetByTestId("fail-switch").CheckAsync();
        await ServerAsync(s => s.FailRequests, "the failure switch on");
        await App.PostAsync("/backend/hold/writes");
        var firstUnread = page.Locator("[data-testid=notification][data-read=false]").First;
        var id = (await firstUnread.GetAttributeAsync("data-id"))!;

        await firstUnread.GetByTestId("mark-read").ClickAsync();
        await Expect(Notification(page, id)).ToHaveAttributeAsync("data-read", "true");
        await App.PostAsync("/backend/release/writes");

        await Expect(Notification(page, id)).ToHaveAttributeAsync("data-read", "false");
        await Expect(page.GetByTestId("toast-error")).ToContainTextAsync("Failed to mark as read");
        await NoSuccessToastAsync(page);

        // The circuit lives: with failures off, the same click goes through.
        await page.GetByTestId("fail-switch").UncheckAsync();
        await ServerAsync(s => !s.FailRequests, "the failure switch off");
        await Notification(page, id).GetByTestId("mark-read").ClickAsync();
        await ServerAsync(s => s.WritesCompleted == 2, "the second write answered");
        await SettledAsync(page);
        await Expect(Notification(page, id)).ToHaveAttributeAsync("data-read", "true");
        await Expect(page.GetByTestId("toast-error")).ToHaveCountAsync(1);
        await NoSuccessToastAsync(page);
    }

    [SkippableFact]
    public async Task A_refetch_in_flight_when_the_user_clicks_does_not_undo_the_flip()
    {
        var page = await OpenAsync("/", "notifications-refetch-race");
        await App.PostAsync("/backend/hold/reads");
        await App.PostAsync("/backend/hold/writes");
        int answered = (await App.StatsAsync()).ReadsAnswered;
        await page.GetByTestId("refresh").ClickAsync();
        await Expect(page.GetByTestId("fetching")).ToBeVisibleAsync();
        var firstUnread = page.Locator("[data-testid=notification][data-read=false]").First;
        var id = (await firstUnread.GetAttributeAsync("data-id"))!;

        await firstUnread.GetByTestId("mark-read").ClickAsync();
        await Expect(Notification(page, id)).ToHaveAttributeAsync("data-read", "true");

        // The server answers the refetch (taken before the click: the row unread); the cancelled fetch must not land.
        await App.PostAsync("/backend/release/reads");
        await ServerAsync(s => s.ReadsAnswered > answered, "the refetch answered");
        await page.WaitForTimeoutAsync(500); // time for a wrongly kept answer to reach the page
        Assert.Equal("true", await Notification(page, id).GetAttributeAsync("data-read"));

        await App.PostAsync("/backend/release/writes");
        await ServerAsync(s => s.WritesCompleted == 1, "the write answered");
        await SettledAsync(page);
        await Expect(Notification(page, id)).ToHaveAttributeAsync("data-read", "true");
        await NoSuccessToastAsync(page);
    }

    [SkippableFact]
    public async Task Paging_and_the_filter_keep_the_right_key()
    {
        var page = await OpenAsync("/", "notifications-paging-filter");
        var list = page.GetByTestId("notifications");
        await Expect(list).ToHaveAttributeAsync("data-key", new Regex("\"offset\":0\\b.*\"unreadOnly\":false"));

        await page.GetByTestId("next").ClickAsync();
        await Expect(list).ToHaveAttributeAsync("data-key", new Regex("\"offset\":20\\b"));
        await Expect(page.GetByTestId("page")).ToHaveTextAsync("Page 2 of 3");
        await Expect(page.GetByTestId("notification").First).ToHaveAttributeAsync("data-id", "n21");

        // Marked on page 2: patched, rolled back and invalidated under page 2's key.
        await App.PostAsync("/backend/hold/writes");
        var onPageTwo = page.Locator("[data-testid=notification][data-read=false]").First;
        var id = (await onPageTwo.GetAttributeAsync("data-id"))!;
        await onPageTwo.GetByTestId("mark-read").ClickAsync();
        await Expect(Notification(page, id)).ToHaveAttributeAsync("data-read", "true");
        await App.PostAsync("/backend/release/writes");
        await ServerAsync(s => s.WritesCompleted == 1 && s.FetchesOf("notifications:20:False") == 2, "the write answered and page 2 refetched");
        await SettledAsync(page);
        await Expect(Notification(page, id)).ToHaveAttributeAsync("data-read", "true");

        // Unread only: back to page 1 of the filtered list, every row unread.
        await page.GetByTestId("unread-only").CheckAsync();
        await Expect(list).ToHaveAttributeAsync("data-key", new Regex("\"offset\":0\\b.*\"unreadOnly\":true"));
        await Expect(page.GetByTestId("page")).ToHaveTextAsync(new Regex("^Page 1 of"));
        await Expect(page.Locator("[data-testid=notification][data-read=true]")).ToHaveCountAsync(0);

        // A row marked read stays (read) until the settled refetch drops it from the unread-only list.
        await App.PostAsync("/backend/hold/writes");
        var unread = page.GetByTestId("notification").First;
        var marked = (await unread.GetAttributeAsync("data-id"))!;
        await unread.GetByTestId("mark-read").ClickAsync();
        await Expect(Notification(page, marked)).ToHaveAttributeAsync("data-read", "true");
        await App.PostAsync("/backend/release/writes");
        await Expect(Notification(page, marked)).ToHaveCountAsync(0);
        await NoSuccessToastAsync(page);
    }

    [SkippableFact]
    public async Task One_server_fetch_per_page_load_with_prerendering()
    {
        Skip.If(App.SkipReason is not null, App.SkipReason);

        // Prerendering fetches: the plain HTML already has the rows.
        var html = await App.Http.GetStringAsync("/");
        Assert.Contains("data-testid=\"notification\"", html, StringComparison.Ordinal);
        Assert.Equal(1, (await App.StatsAsync()).FetchesOf("notifications:0:False"));

        // A browser load: prerendering fetches once, the interactive render takes its data over.
        var page = await OpenAsync("/", "notifications-one-fetch");
        await Expect(page.GetByTestId("notifications")).ToBeVisibleAsync();
        await SettledAsync(page);
        Assert.Equal(2, (await App.StatsAsync()).FetchesOf("notifications:0:False"));

        var healthChecks = await OpenAsync("/health-checks", "health-checks-one-fetch");
        await Expect(healthChecks.GetByTestId("configurations")).ToBeVisibleAsync();
        Assert.Equal(1, (await App.StatsAsync()).FetchesOf("configurations"));
    }
}
