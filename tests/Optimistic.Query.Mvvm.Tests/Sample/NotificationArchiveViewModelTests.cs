using System.Collections.Immutable;
using Optimistic.Query.Mvvm.Sample.Notifications;
using Optimistic.Query.Mvvm.Tests.Support;

namespace Optimistic.Query.Mvvm.Tests.Sample;

/// <summary>The sample's paged archive, paged as a user would, with each page answered when the test says so.</summary>
public sealed class NotificationArchiveViewModelTests : IDisposable
{
    // One instance per page: the rows are an ImmutableList, which records compare by reference.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, NotificationsPage> Pages = new();

    private readonly UiThread _ui = new();
    private readonly QueryClient _client = new();
    private readonly PagedServer<NotificationsPage> _server = new();

    public void Dispose()
    {
        Assert.Empty(_ui.Context.UnhandledExceptions);
        _ui.Dispose();
    }

    [Fact]
    public async Task Next_keeps_the_current_page_as_placeholder_until_the_next_arrives_and_back_shows_the_cached_page_at_once()
    {
        var viewModel = await _ui.RunAsync(() => new NotificationArchiveViewModel(_client, new Api(_server)));
        await _server.AnswerAsync(0, PageOf(1));
        await Condition.WaitAsync(_ui, viewModel.Archive, () => viewModel.Archive.Data == PageOf(1), "the newest page");
        Assert.False(await _ui.RunAsync(() => viewModel.PreviousPageCommand.CanExecute(null)));

        await _ui.RunAsync(() => viewModel.NextPageCommand.Execute(null));
        Assert.Equal((1, PageOf(1), true, false), await _ui.RunAsync(() =>
            (viewModel.Page, viewModel.Archive.Data, viewModel.Archive.IsPlaceholderData, viewModel.NextPageCommand.CanExecute(null))));

        await _server.AnswerAsync(1, PageOf(2));
        await Condition.WaitAsync(_ui, viewModel.Archive, () => viewModel.Archive.Data == PageOf(2), "the next page");
        Assert.Equal((false, true, true), await _ui.RunAsync(() =>
            (viewModel.Archive.IsPlaceholderData, viewModel.NextPageCommand.CanExecute(null), viewModel.PreviousPageCommand.CanExecute(null))));

        await _ui.RunAsync(() => viewModel.PreviousPageCommand.Execute(null));
        Assert.Equal((0, PageOf(1), false), await _ui.RunAsync(() => (viewModel.Page, viewModel.Archive.Data, viewModel.Archive.IsPlaceholderData)));
        await _ui.RunAsync(viewModel.Dispose);
    }

    private static NotificationsPage PageOf(int id) => Pages.GetOrAdd(id, i => new NotificationsPage(ImmutableList.Create(new Notification(i, $"Notification {i}", true))));

    private sealed class Api(PagedServer<NotificationsPage> server) : INotificationArchiveApi
    {
        public Task<NotificationsPage> GetArchivePageAsync(int page, CancellationToken cancellationToken) => server.FetchAsync(page);
    }
}
