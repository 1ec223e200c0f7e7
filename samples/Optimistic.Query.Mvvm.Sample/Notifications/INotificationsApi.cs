namespace Optimistic.Query.Mvvm.Sample.Notifications;

/// <summary>The server (an HTTP client in an app).</summary>
public interface INotificationsApi
{
    /// <summary>The first page of notifications.</summary>
    Task<NotificationsPage> GetNotificationsAsync(CancellationToken cancellationToken);

    /// <summary>Marks one notification as read.</summary>
    Task<Unit> MarkAsReadAsync(MarkAsReadInput input, CancellationToken cancellationToken);
}
