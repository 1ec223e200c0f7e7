namespace Optimistic.Query.Mvvm.Sample.Notifications;

/// <summary>The server's paged archive of notifications.</summary>
public interface INotificationArchiveApi
{
    /// <summary>One page of the archive (0 is the newest).</summary>
    Task<NotificationsPage> GetArchivePageAsync(int page, CancellationToken cancellationToken);
}
