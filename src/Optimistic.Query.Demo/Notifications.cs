using System.Collections.Immutable;

namespace Optimistic.Query.Demo;

/// <summary>One notification row.</summary>
public sealed record Notification(int Id, string Title, bool IsRead);

/// <summary>The cached page of notifications (the query's data).</summary>
public sealed record NotificationsPage(ImmutableList<Notification> Notifications)
{
    public NotificationsPage MarkRead(int id) =>
        this with { Notifications = Notifications.Select(n => n.Id == id ? n with { IsRead = true } : n).ToImmutableList() };

    public override string ToString() =>
        string.Join("  ", Notifications.Select(n => $"#{n.Id}:{(n.IsRead ? "read" : "unread")}"));
}

/// <summary>The mutation's input.</summary>
public sealed record MarkAsReadInput(int NotificationId);
