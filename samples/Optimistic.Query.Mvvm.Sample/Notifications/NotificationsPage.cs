using System.Collections.Immutable;

namespace Optimistic.Query.Mvvm.Sample.Notifications;

/// <summary>The query's data: one page of notifications, as the server returns it.</summary>
public sealed record NotificationsPage(ImmutableList<Notification> Notifications)
{
    /// <summary>The same page with one row read: the optimistic patch (a pure function, so it cannot half-modify the cache).</summary>
    public NotificationsPage MarkRead(int notificationId) =>
        this with { Notifications = Notifications.Select(n => n.Id == notificationId ? n with { IsRead = true } : n).ToImmutableList() };
}
