using CommunityToolkit.Mvvm.ComponentModel;
using CommunityToolkit.Mvvm.Input;

namespace Optimistic.Query.Mvvm.Sample.Notifications;

/// <summary>
/// The paged archive: one <see cref="ObservableQuery{T}"/> switched from page to page. The previous page stays on screen,
/// flagged <see cref="ObservableQuery{T}.IsPlaceholderData"/> (dim it), until the next one arrives, so the list never
/// blinks empty; a page seen before shows at once from the cache.
/// </summary>
public sealed class NotificationArchiveViewModel : ObservableObject, IDisposable
{
    private static readonly QueryObserverOptions KeepPreviousPage = new() { KeepPreviousData = true };
    private readonly INotificationArchiveApi _api;
    private int _page;

    /// <summary>Shows the newest page.</summary>
    /// <param name="client">The app's query client.</param>
    /// <param name="api">The server.</param>
    /// <param name="dispatcher">Where to raise changes; null for the creating thread's synchronization context.</param>
    public NotificationArchiveViewModel(QueryClient client, INotificationArchiveApi api, IUiDispatcher? dispatcher = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        Archive = new ObservableQuery<NotificationsPage>(client, NotificationKeys.ArchivePage(0), Fetcher(0),
            observerOptions: KeepPreviousPage, dispatcher: dispatcher);
        // Next waits for the page it would follow (TanStack's advice for placeholder data).
        NextPageCommand = new RelayCommand(() => ShowPage(_page + 1), () => !Archive.IsPlaceholderData);
        PreviousPageCommand = new RelayCommand(() => ShowPage(_page - 1), () => _page > 0);
        Archive.PropertyChanged += (_, e) =>
        {
            if (e.PropertyName == nameof(Archive.IsPlaceholderData)) NextPageCommand.NotifyCanExecuteChanged();
        };
    }

    /// <summary>The page shown (0 is the newest).</summary>
    public int Page => _page;

    /// <summary>The current page's notifications (or the previous page's, as placeholder, while it loads).</summary>
    public ObservableQuery<NotificationsPage> Archive { get; }

    /// <summary>Shows the next (older) page.</summary>
    public IRelayCommand NextPageCommand { get; }

    /// <summary>Shows the previous (newer) page.</summary>
    public IRelayCommand PreviousPageCommand { get; }

    /// <summary>Stops observing the archive.</summary>
    public void Dispose() => Archive.Dispose();

    private void ShowPage(int page)
    {
        SetProperty(ref _page, page, nameof(Page));
        Archive.SetOptions(NotificationKeys.ArchivePage(page), Fetcher(page), observerOptions: KeepPreviousPage);
        NextPageCommand.NotifyCanExecuteChanged();
        PreviousPageCommand.NotifyCanExecuteChanged();
    }

    private Func<CancellationToken, Task<NotificationsPage>> Fetcher(int page) => ct => _api.GetArchivePageAsync(page, ct);
}
