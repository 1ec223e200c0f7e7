namespace Optimistic.Query.Mvvm.Sample.Notifications;

/// <summary>One notification row (a view's item; its button binds the row itself as the command parameter).</summary>
public sealed record Notification(int Id, string Title, bool IsRead);
